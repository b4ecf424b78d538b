"""In the app: the follow-up an interviewer asks depends on what the answer missed, and the
debrief says why (seeded mocks, canned grades)."""

from __future__ import annotations

from fakes import backend_with, make_pack, running
from test_mock import answer, settle, start_interview, text

from tests.unit.test_mock_follow_up_scores import ADAPTIVE as LSTM
from tutor.grading.result import Grade
from tutor.ui.app import TutorApp
from tutor.ui.screens.mock_debrief import MockDebriefScreen

MISSED = Grade(False, 0.5, "Found: additive update. Missed: forget gate.", ("hit:additive-update", "missed:forget-gate"))
COMPLETE = Grade(True, 1.0, "Found: additive update, forget gate.", ("hit:additive-update", "hit:forget-gate"))
GRADES = {"an additive update": MISSED, "an additive update and the forget gate": COMPLETE}


def make_app() -> TutorApp:
    return TutorApp(backend_with(make_pack([LSTM]), grades=dict(GRADES)))


async def first_follow_up(main_answer: str) -> tuple[str, TutorApp]:
    app = make_app()
    async with running(app, size=(100, 30)) as pilot:
        screen = await start_interview(pilot, seed=1, questions="1", minutes="4")
        assert text(screen, "#mock-prompt") == "Why does an LSTM help?"
        await answer(pilot, main_answer)
        asked = text(pilot.app.screen, "#mock-prompt")
        await pilot.press("ctrl+g")  # end early
        await settle(pilot)
        if not isinstance(pilot.app.screen, MockDebriefScreen):
            await pilot.press("y")
            await settle(pilot)
        debrief = pilot.app.screen
        assert isinstance(debrief, MockDebriefScreen)
        return asked, debrief.report


async def test_a_missed_point_brings_its_follow_up_and_the_debrief_says_why() -> None:
    asked, report = await first_follow_up("an additive update")
    assert asked == "What does the forget gate do to the gradient?"
    assert report.questions[0].follow_ups[0].reason == "asked because your answer missed 'forget gate'"


async def test_a_complete_answer_gets_the_default_follow_up() -> None:
    asked, report = await first_follow_up("an additive update and the forget gate")
    assert asked == "Does it solve exploding gradients?"  # the planned first follow-up of seed 1
    assert all(follow_up.reason == "" for follow_up in report.questions[0].follow_ups)
