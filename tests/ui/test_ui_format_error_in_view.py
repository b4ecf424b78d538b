"""A format error under the answer box is scrolled into view when it appears.

At 80x24 a choice question with a long prompt puts the answer box at the bottom of the card;
the error ("'n' is not one of the options (a, b, c)") went below the fold, and the learner saw
nothing happen on enter. Found in a new-user trial."""

from __future__ import annotations

from fakes import QUESTIONS, backend_with, make_pack, running
from fast_keys import wait_until
from textual.widgets import Static

from tutor.grading.result import Grade
from tutor.ui.app import TutorApp

LONG_PROMPT = " ".join(["Which path lets an LSTM carry gradients over long spans of time steps?"] * 9)
NOT_AN_OPTION = "'n' is not one of the options (a, b, c)"


def status_in_view(app: TutorApp) -> bool:
    card = app.screen.query_one("#card")
    status = app.screen.query_one(".answer--status", Static)
    region = status.region
    return bool(region) and card.region.contains_region(region)


async def test_a_format_error_below_the_fold_is_scrolled_into_view() -> None:
    choice = {**QUESTIONS[2], "prompt": LONG_PROMPT}
    backend = backend_with(make_pack([choice]))
    backend.grades["n"] = Grade.format_error(NOT_AN_OPTION, "option")
    app = TutorApp(backend)
    async with running(app, size=(80, 24)) as pilot:
        app.open_mode("practice", first="lstm-path")
        await pilot.pause()
        await pilot.press("n", "enter")
        await wait_until(pilot, lambda: NOT_AN_OPTION in str(app.screen.query_one(".answer--status").render()),
                         "the format error is shown")
        await pilot.pause()
        assert status_in_view(app)


async def test_in_a_mock_interview_too() -> None:
    from test_mock import start_interview

    longer = " ".join([LONG_PROMPT] * 2)  # the mock card has no filters above it: more text to fill it
    question = {**QUESTIONS[1], "prompt": longer, "interview": {**QUESTIONS[1]["interview"], "prompt": longer}}
    backend = backend_with(make_pack([question]))
    backend.grades["?"] = Grade.format_error("a number is expected", "number", 0)
    app = TutorApp(backend)
    async with running(app, size=(80, 24)) as pilot:
        screen = await start_interview(pilot, questions="1")
        screen.query_one("#mock-answer").value = "?"
        await pilot.press("enter")
        await wait_until(pilot, lambda: "a number is expected" in str(screen.query_one("#mock-status").render()),
                         "the format error is shown")
        await pilot.pause()
        card, status = screen.query_one("#card"), screen.query_one("#mock-status")
        assert status.region and card.region.contains_region(status.region)


async def test_the_hint_after_an_empty_enter_is_scrolled_into_view() -> None:
    """Enter on an empty box says what to do; under a long prompt that hint sat below the fold too."""
    choice = {**QUESTIONS[2], "prompt": LONG_PROMPT}
    app = TutorApp(backend_with(make_pack([choice])))
    async with running(app, size=(80, 24)) as pilot:
        app.open_mode("practice", first="lstm-path")
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Type an answer" in str(app.screen.query_one(".answer--status").render()),
                         "the hint is shown")
        await pilot.pause()
        assert status_in_view(app)
