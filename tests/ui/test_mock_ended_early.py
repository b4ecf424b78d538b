"""A mock interview ended early with ctrl+g: the debrief suggests and queues only what the
learner was asked (the fake backend runs the real mock core over a real store)."""

from __future__ import annotations

from fakes import backend_with, make_pack, running
from fast_keys import wait_until
from textual.widgets import DataTable, Input, Static

from tutor.ui.app import TutorApp
from tutor.ui.screens.mock_debrief import MockDebriefScreen
from tutor.ui.screens.mock_interview import MockInterviewScreen
from tutor.ui.screens.mock_setup import MockSetupScreen


async def start_interview(app: TutorApp, pilot) -> None:
    """From home: a mock interview of 3 questions, 6 minutes, seed 7, on its first question."""
    await pilot.press("m")
    await wait_until(pilot, lambda: isinstance(app.screen, MockSetupScreen), "the mock setup")
    for name, value in (("questions", "3"), ("minutes", "6"), ("seed", "7")):
        app.screen.query_one(f"#mock-{name}", Input).value = value
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: isinstance(app.screen, MockInterviewScreen), "the interview")


async def test_ending_early_leaves_the_questions_never_reached_out_of_the_suggestions() -> None:
    app = TutorApp(backend_with(make_pack(), grades={}))  # any answer is graded wrong
    backend = app.backend
    async with running(app) as pilot:
        await start_interview(app, pilot)
        screen = app.screen
        screen.query_one("#mock-answer").value = "no idea"
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.run.current_step().is_follow_up, "the follow-up")
        await pilot.press("ctrl+g", "y")  # end on the follow-up: questions 2 and 3 are never shown
        await wait_until(pilot, lambda: isinstance(app.screen, MockDebriefScreen), "the debrief")

        debrief = app.screen
        summary = str(debrief.query_one("#debrief-summary", Static).render()).splitlines()
        # lstm-path (gating, vanishing) was never reached: it makes vanishing neither weak nor
        # gating a topic to practise; sigmoid-bound (activations) is not suggested either
        assert summary[1:] == [
            "Weakest topics: none on two answers or more",
            "Practise next: Vanishing (missed once each: too few answers to call weak)",
            "Study next: 1 question put in Study when the mock ended: why-vanish (question 1)",
        ]
        table = debrief.query_one("#debrief-questions", DataTable)
        assert [str(table.get_row_at(row)[2]) for row in range(table.row_count)] == [
            "✗ 0%", "✗ 0% not reached", "✗ 0% not reached"]
        assert backend.store.cards.get("rnn-mini", "sigmoid-bound") is None
        assert backend.store.cards.get("rnn-mini", "lstm-path") is None


async def test_a_draft_handed_in_by_ending_early_says_so_not_that_time_ran_out() -> None:
    """The first question typed, not handed in, then ctrl+g: the debrief's time line says the
    interview was ended (it said "handed in when the time ran out", with 0:09 of 0:50 used)."""
    app = TutorApp(backend_with(make_pack(), grades={}))
    async with running(app) as pilot:
        await start_interview(app, pilot)
        await pilot.press(*"products shrink")
        await pilot.press("ctrl+g", "y")
        await wait_until(pilot, lambda: isinstance(app.screen, MockDebriefScreen), "the debrief")
        shown = str(app.screen.query_one("#debrief-question", Static).render())
        assert "Your answer: products shrink" in shown
        assert " (handed in when you ended the interview)" in shown
        assert "time ran out" not in shown
