"""A matrix answer in the app over the real core: pasted as rows or typed at full speed,
graded entry by entry in a worker, with the entries that are off named in the feedback."""

from __future__ import annotations

from pathlib import Path

from fakes import FakeClock, fake_result, running
from fast_keys import paste_then, send_at_full_speed, wait_until

from tutor import paths
from tutor.service.backend import CoreBackend
from tutor.ui.app import TutorApp
from tutor.ui.screens.practice import PracticeScreen
from tutor.ui.widgets.feedback_view import FeedbackView


def core_over_builtin(tmp_path: Path) -> CoreBackend:
    backend = CoreBackend([paths.builtin_content_dir() / "rnn-gradients"], store_path=tmp_path / "p.sqlite3",
                          clock=FakeClock())
    backend.prepare_grading = lambda: None  # type: ignore[method-assign]
    backend.run_evidence = lambda name, params, *, seed, should_cancel: fake_result(name, params, seed)  # type: ignore[method-assign]
    return backend


async def practise(pilot, app: TutorApp, question_id: str) -> PracticeScreen:
    """Open practice on a built-in question and wait for its answer box."""
    app.open_question("rnn-gradients", question_id)
    await wait_until(pilot, lambda: isinstance(app.screen, PracticeScreen) and app.screen.query("#answer-input"),
                     "practice open")
    assert isinstance(app.screen, PracticeScreen)
    return app.screen


def feedback(screen: PracticeScreen) -> str:
    return str(screen.query_one(FeedbackView).render())


async def test_a_pasted_matrix_with_one_row_per_line_is_graded_whole(tmp_path: Path) -> None:
    core = core_over_builtin(tmp_path)
    app = TutorApp(core)
    try:
        async with running(app) as pilot:
            screen = await practise(pilot, app, "step-jacobian-numbers")
            box = screen.query_one("#answer-input")
            assert box.placeholder == "Rows in brackets, e.g. [[1, 2], [3, 4]] or 1 2; 3 4, then enter"
            paste_then(pilot, "0.5 -0.3\n0.8 0.2", "enter")
            await wait_until(pilot, lambda: feedback(screen).startswith("◐"), "the verdict shown")
            assert feedback(screen) == (
                "◐ Partly right (50%)\n2 of 4 entries are off (each entry must be within 1%). "
                "Row 2, column 1: 0.8 is too high; row 2, column 2: 0.2 is too high."
            )
            rows = [tuple(r) for r in core.store.query("SELECT question_id, response, correct, score FROM reviews")]
            assert rows == [("step-jacobian-numbers", "0.5 -0.3\n0.8 0.2", 0, 0.5)]
    finally:
        core.close()


async def test_a_matrix_typed_at_full_speed_is_right_and_a_ragged_one_is_not_an_attempt(tmp_path: Path) -> None:
    core = core_over_builtin(tmp_path)
    app = TutorApp(core)
    try:
        async with running(app) as pilot:
            screen = await practise(pilot, app, "residual-jacobian-numbers")
            send_at_full_speed(pilot, "[[0.8, 0.1], [0.7]]", "enter")
            status = screen.query_one(".answer--status")
            await wait_until(pilot, lambda: "row 2 has 1 entry" in str(status.render()), "the format error shown")
            assert str(status.render()).splitlines()[:2] == ["[[0.8, 0.1], [0.7]]", " " * 14 + "^"]
            assert [tuple(r) for r in core.store.query("SELECT response FROM reviews")] == []
            screen.query_one("#answer-input").value = ""
            send_at_full_speed(pilot, "[[0.8, 0.1], [0, 0.7]]", "enter")
            await wait_until(pilot, lambda: feedback(screen).startswith("✓"), "the verdict shown")
            assert feedback(screen) == "✓ Right"
            assert [tuple(r) for r in core.store.query("SELECT response, correct FROM reviews")] == [
                ("[[0.8, 0.1], [0, 0.7]]", 1)]
    finally:
        core.close()
