"""Nothing grades on the event loop: SymPy is asked only from a worker thread.

SymPy's single entry point in the app's process is `tutor.grading.equivalence.ask_sympy`
(it hands the question to the SymPy worker process). These tests wrap it so that a call
from the event loop's thread fails, then answer a symbolic question with the real core
(pack on disk, SQLite store, real grading) in practice, in study, in a mock interview,
and in a mock interview resumed after its time ran out while the app was closed.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fakes import FakeClock, fake_result, running, submit
from test_mock import answer, start_interview
from test_ui_core_backend import rows, write_pack

from tutor.service.backend import CoreBackend
from tutor.ui.app import TutorApp
from tutor.ui.screens.mock_debrief import MockDebriefScreen
from tutor.ui.screens.mock_interview import MockInterviewScreen
from tutor.ui.screens.mock_resume import ResumeMockScreen
from tutor.ui.screens.practice import PracticeScreen

RIGHT_ANSWER = "h*(1 - tanh(w*h)^2)"


def symbolic(question_id: str) -> dict:
    return {
        "id": question_id, "level": "basic", "topics": ["vanishing"],
        "prompt": "What is the derivative of tanh(w·h) with respect to w?",
        "answer": "h·(1 − tanh(w·h)²)", "explanation": "The chain rule: tanh' = 1 − tanh².",
        "check": {"kind": "symbolic", "variables": ["w", "h"], "functions": ["tanh"], "answers": [RIGHT_ANSWER]},
        "evidence": [{"name": "activation-bounds"}],
    }


@pytest.fixture
def sympy_threads(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """The threads SymPy was asked from; asking it from the event loop's thread raises."""
    from tutor.grading import equivalence

    real = equivalence.ask_sympy
    threads: list[threading.Thread] = []

    def guarded(*args, **kwargs):
        threads.append(threading.current_thread())
        if threading.current_thread() is threading.main_thread():
            raise AssertionError("SymPy was asked on the event loop's thread")
        return real(*args, **kwargs)

    monkeypatch.setattr(equivalence, "ask_sympy", guarded)
    assert threading.current_thread() is threading.main_thread()  # the app's loop runs here
    return threads


def backend(tmp_path: Path, clock: FakeClock, questions: list[dict]) -> CoreBackend:
    folder = tmp_path / "mini"
    core = CoreBackend([folder if folder.exists() else write_pack(folder, questions)],
                       store_path=tmp_path / "progress.sqlite3", clock=clock)
    core.run_evidence = lambda name, params, *, seed, should_cancel: fake_result(name, params, seed)  # type: ignore[method-assign]
    return core


def asked_off_the_loop(threads: list[threading.Thread]) -> bool:
    return bool(threads) and all(thread is not threading.main_thread() for thread in threads)


async def test_practice_grades_a_formula_in_a_worker(tmp_path: Path, sympy_threads) -> None:
    core = backend(tmp_path, FakeClock(), [symbolic("tanh-step")])
    try:
        app = TutorApp(core)
        async with running(app) as pilot:
            app.open_question("rnn-mini", "tanh-step")
            await pilot.pause()
            assert isinstance(app.screen, PracticeScreen)
            await submit(pilot, RIGHT_ANSWER)
            assert rows(core, "question_id, mode, response, correct") == [
                ("tanh-step", "practice", RIGHT_ANSWER, 1)]
        assert asked_off_the_loop(sympy_threads)
    finally:
        core.close()


async def test_study_grades_a_formula_in_a_worker(tmp_path: Path, sympy_threads) -> None:
    clock = FakeClock()
    core = backend(tmp_path, clock, [symbolic("tanh-step")])
    try:
        app = TutorApp(core)
        async with running(app) as pilot:
            await pilot.press("s")
            clock.advance(20)
            await submit(pilot, RIGHT_ANSWER)
            assert app.screen.query_one("RatingBar").suggested == 3  # right, not within 15 s: Good
            await pilot.press("enter")
            assert rows(core, "question_id, mode, response, correct, rating, seconds") == [
                ("tanh-step", "study", RIGHT_ANSWER, 1, 3, 20.0)]
        assert asked_off_the_loop(sympy_threads)
    finally:
        core.close()


async def test_a_mock_interview_grades_a_formula_in_a_worker(tmp_path: Path, sympy_threads) -> None:
    clock = FakeClock()
    core = backend(tmp_path, clock, [symbolic("tanh-step")])
    try:
        app = TutorApp(core)
        async with running(app) as pilot:
            screen = await start_interview(pilot, questions="1", minutes="2")
            clock.advance(30)
            await answer(pilot, RIGHT_ANSWER)
            assert isinstance(app.screen, MockDebriefScreen)
            [step] = core.store.mocks.steps(screen.run.id)
            assert (step.outcome, step.response, step.score, step.auto_submitted) == (
                "answered", RIGHT_ANSWER, 1.0, False)
        assert asked_off_the_loop(sympy_threads)
    finally:
        core.close()


async def test_a_mock_resumed_after_its_time_ran_out_grades_the_draft_in_a_worker(
    tmp_path: Path, sympy_threads, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app died as the time ran out: the draft was saved, not handed in. Resumed, the
    draft is handed in as the screen opens, graded in a worker, and the debrief follows."""
    clock = FakeClock()
    first = backend(tmp_path, clock, [symbolic("tanh-step")])
    app = TutorApp(first)
    async with running(app) as pilot:
        screen = await start_interview(pilot, questions="1", minutes="2")
        screen.query_one("#mock-answer").value = RIGHT_ANSWER
        await pilot.pause()
        clock.advance(150)  # past the interview's two minutes, before the timer's next tick
        screen.run.save()  # the draft and the time used were saved; then the app was killed
        mock_id = screen.run.id
        monkeypatch.setattr(MockInterviewScreen, "on_unmount", lambda self: None)
    first.close()
    assert sympy_threads == []  # nothing was graded yet

    second = backend(tmp_path, clock, [symbolic("tanh-step")])
    try:
        app = TutorApp(second)
        async with running(app) as pilot:
            assert isinstance(app.screen, ResumeMockScreen)
            await pilot.press("r")
            for _ in range(100):
                await app.workers.wait_for_complete()
                await pilot.pause()
                if isinstance(app.screen, MockDebriefScreen):
                    break
            assert isinstance(app.screen, MockDebriefScreen)
            [step] = second.store.mocks.steps(mock_id)
            assert (step.outcome, step.response, step.score, step.auto_submitted, step.elapsed) == (
                "timed_out", RIGHT_ANSWER, 1.0, True, 120.0)
            assert second.unfinished_mocks() == []
        assert asked_off_the_loop(sympy_threads)
    finally:
        second.close()
