"""A mock interview survives the app being killed: a new app on the same store offers to
resume it with the time it had left (real core: pack on disk, SQLite store, real grading
of concepts, numeric and choice answers; fake clock)."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fakes import FakeClock, fake_result, running
from fast_keys import wait_until
from test_mock import answer, settle, start_interview, text, tick
from test_ui_core_backend import write_pack

from tutor.service.backend import CoreBackend
from tutor.ui.app import TutorApp
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.mock_debrief import MockDebriefScreen
from tutor.ui.screens.mock_interview import MockInterviewScreen
from tutor.ui.screens.mock_resume import ResumeMockScreen

LOCAL = ZoneInfo("Asia/Kolkata")
"""The learner's zone (UTC+05:30): the interview started at 09:00 UTC, 14:30 on their clock."""


def core_backend(tmp_path: Path, clock: FakeClock) -> CoreBackend:
    folder = tmp_path / "mini"
    backend = CoreBackend([folder if folder.exists() else write_pack(folder)],
                          store_path=tmp_path / "progress.sqlite3", clock=clock, tz=LOCAL)
    backend.prepare_grading = lambda: None  # type: ignore[method-assign]  # no SymPy process needed
    backend.run_evidence = lambda name, params, *, seed, should_cancel: fake_result(name, params, seed)  # type: ignore[method-assign]
    return backend


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


async def test_an_interview_resumes_after_the_app_was_killed(tmp_path: Path, clock: FakeClock,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    first = core_backend(tmp_path, clock)
    app = TutorApp(first)
    async with running(app) as pilot:
        screen = await start_interview(pilot)
        clock.advance(15)
        await answer(pilot, "a product of jacobians that shrinks exponentially")
        # graded and stored in workers: wait for the follow-up it leads to, not a fixed pause
        await wait_until(pilot, lambda: text(screen, "#mock-asked") == "Follow-up on question 1", "the answer graded")
        clock.advance(6)
        screen.query_one("#mock-answer").value = "no"
        await tick(pilot)  # the draft changed: saved with the time used so far
        clock.advance(3)
        screen.query_one("#mock-answer").value = "no, clipping"  # typed, lost with the process
        mock_id = screen.run.id
        # killed: no pause, no save on the way out
        monkeypatch.setattr(MockInterviewScreen, "on_unmount", lambda self: None)
    first.store.connection.close()

    clock.advance(3600)  # an hour later: time with the app closed does not count
    second = core_backend(tmp_path, clock)
    app = TutorApp(second)
    async with running(app) as pilot:
        offer = app.screen
        assert isinstance(offer, ResumeMockScreen)
        assert str(offer.query_one(".dialog--text").render()) == (
            "You have an unfinished mock interview\n"
            "RNN gradients (mini), started 2026-03-01 14:30\n"
            "1 of 3 questions done · 5:39 left"
        )
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MockInterviewScreen) and screen.run.id == mock_id
        assert text(screen, "#mock-prompt") == "Does clipping help here?"
        assert screen.query_one("#mock-answer").value == "no"
        assert text(screen, "#countdown") == (
            "Interview 5:39 left ━━━━━━━━━━━━━─   This question 1:10 left ━━━━━━━━━━━━━─")
        clock.advance(4)
        await answer(pilot, "no, clipping only caps large norms")
        clock.advance(20)
        await answer(pilot, "0.25")
        clock.advance(30)
        await answer(pilot, "the additive cell path")
        debrief = app.screen
        assert isinstance(debrief, MockDebriefScreen)
        assert text(debrief, "#debrief-summary") == (
            "Score 100% · time 1:15 of 6:00 · 3 questions · seed 7\n"
            "Weakest topics: none: every graded answer was correct\n"
            "Study next: nothing new to review."
        )
        steps = second.store.mocks.steps(mock_id)
        assert [(s.outcome, s.response, s.elapsed, s.score) for s in steps] == [
            ("answered", "a product of jacobians that shrinks exponentially", 15.0, 1.0),
            ("answered", "no, clipping only caps large norms", 10.0, None),
            ("answered", "0.25", 20.0, 1.0),
            ("answered", "the additive cell path", 30.0, 1.0),
        ]
    second.close()


async def test_an_unfinished_interview_can_be_discarded_at_start(tmp_path: Path, clock: FakeClock) -> None:
    first = core_backend(tmp_path, clock)
    app = TutorApp(first)
    async with running(app) as pilot:
        screen = await start_interview(pilot)
        await pilot.press("escape")  # pause: saved, back home
        assert isinstance(app.screen, HomeScreen)
        assert first.unfinished_mocks()[0].mock_id == screen.run.id
    first.close()

    second = core_backend(tmp_path, clock)
    app = TutorApp(second)
    async with running(app) as pilot:
        assert isinstance(app.screen, ResumeMockScreen)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert second.unfinished_mocks() == []
        assert second.store.mocks.get(screen.run.id).status == "discarded"
        await pilot.press("m")  # nothing left to offer: the setup screen, no dialog
        assert type(app.screen).__name__ == "MockSetupScreen"
    second.close()
