"""Study mode end to end: answer or reveal, feedback, pre-selected rating, next card."""

from __future__ import annotations

from fakes import INVALID, PARTLY, RIGHT, running, submit
from fast_keys import wait_until
from textual.widgets import Static

from tutor.ui.app import TutorApp
from tutor.ui.screens.study import StudyScreen
from tutor.ui.widgets.answer_area import AnswerArea
from tutor.ui.widgets.evidence_panel import EvidencePanel
from tutor.ui.widgets.feedback_view import FeedbackView
from tutor.ui.widgets.rating_bar import RatingBar


def text_of(widget: Static) -> str:
    return str(widget.render())


async def open_study(app: TutorApp, pilot) -> StudyScreen:
    await pilot.press("s")
    screen = app.screen
    assert isinstance(screen, StudyScreen)
    return screen


async def test_right_answer_is_graded_and_its_rating_preselected(app: TutorApp, backend) -> None:
    backend.grades["product of jacobians shrinks"] = RIGHT
    backend.suggested = 4
    async with running(app) as pilot:
        screen = await open_study(app, pilot)
        assert screen.question.id == "why-vanish"
        await app.workers.wait_for_complete()
        assert backend.grading_prepared  # its SymPy process starts while the first card is read
        assert not screen.query_one("#revealed").display
        backend.clock.advance(12)
        await submit(pilot, "product of jacobians shrinks")
        assert screen.revealed
        assert screen.query_one("#revealed").display
        feedback = text_of(screen.query_one(FeedbackView))
        assert feedback.startswith("✓ Right\nFound: product, shrinks.")
        bar = screen.query_one(RatingBar)
        assert bar.suggested == 4
        assert bar.button(4).variant == "primary" and app.focused is bar.button(4)
        assert screen.query_one(AnswerArea).disabled
        await pilot.press("enter")  # accepts the suggestion
        assert backend.records == [
            {"id": "why-vanish", "response": "product of jacobians shrinks", "grade": RIGHT, "rating": 4,
             "seconds": 12.0}
        ]
        assert screen.question.id == "sigmoid-bound"
        assert not screen.revealed and app.focused is screen.query_one(AnswerArea)


async def test_another_rating_key_overrides_the_suggestion(app: TutorApp, backend) -> None:
    backend.grades["partly"] = PARTLY
    async with running(app) as pilot:
        screen = await open_study(app, pilot)
        await pilot.press(*"partly", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.query_one(RatingBar).suggested == 2
        assert text_of(screen.query_one(FeedbackView)).startswith("◐ Partly right (50%)")
        await pilot.press("4")
        assert [r["rating"] for r in backend.records] == [4]


async def test_enter_on_nothing_reveals_without_grade_or_suggestion(app: TutorApp, backend) -> None:
    async with running(app) as pilot:
        screen = await open_study(app, pilot)
        await pilot.press("1")  # before the reveal, digits are typed, not ratings
        assert screen.query_one(AnswerArea).value == "1" and backend.records == []
        await pilot.press("backspace", "enter")
        assert screen.revealed and screen.grade is None
        assert screen.query_one(FeedbackView).has_class("-empty")
        bar = screen.query_one(RatingBar)
        assert bar.suggested is None
        assert all(bar.button(r).variant == "default" for r in range(1, 5))
        await pilot.click("#rate-1")  # the mouse works too
        assert backend.records[0]["rating"] == 1 and backend.records[0]["response"] is None


async def test_ctrl_r_reveals_and_again_brings_the_card_back_until_done(app: TutorApp, backend) -> None:
    async with running(app) as pilot:
        screen = await open_study(app, pilot)
        order = []
        for rating in ("1", "3", "3", "3"):
            order.append(screen.question.id)
            await pilot.press("ctrl+r", rating)
        assert order == ["why-vanish", "sigmoid-bound", "lstm-path", "why-vanish"]
        assert screen.question is None
        assert "Done for today." in text_of(screen.query_one("#finished", Static))
        assert "4 reviewed" in text_of(screen.query_one("#title", Static))
        await pilot.press("3")  # nothing to rate any more
        assert len(backend.records) == 4


async def test_a_format_error_is_not_an_attempt(app: TutorApp, backend) -> None:
    backend.grades["((x"] = INVALID
    backend.grades["x"] = RIGHT
    async with running(app) as pilot:
        screen = await open_study(app, pilot)
        await pilot.press(*"((x", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not screen.revealed
        status = text_of(screen.query_one(".answer--status", Static))
        assert status == "((x\n  ^\nunbalanced parenthesis"
        box = screen.query_one(AnswerArea)
        assert not box.disabled and app.focused is box
        box.value = "x"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.revealed and screen.grade is RIGHT


async def test_a_format_error_goes_once_its_text_is_edited(app: TutorApp, backend) -> None:
    """The error is about the text handed in: under a cleared box it was stale."""
    backend.grades["((x"] = INVALID
    async with running(app) as pilot:
        screen = await open_study(app, pilot)
        await pilot.press(*"((x", "enter")
        await app.workers.wait_for_complete()
        status = screen.query_one(".answer--status", Static)
        await wait_until(pilot, lambda: "unbalanced parenthesis" in text_of(status), "the format error")
        await pilot.press("backspace", "backspace", "backspace")
        await wait_until(pilot, lambda: text_of(status) == "", "the error cleared")
        assert screen.query_one(AnswerArea).value == "" and not screen.revealed


async def test_evidence_is_shown_after_the_workers_complete(app: TutorApp, backend) -> None:
    async with running(app) as pilot:
        screen = await open_study(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        panel = screen.query_one(EvidencePanel)
        assert panel.display and panel.done
        [view] = panel.views
        assert view.result is not None and view.result.seed == 0
        plot = view.query_one("SimulationPlot")
        assert plot.series_names == ["decay", "growth"]
        xs, ys = plot.drawn["growth"]
        assert xs == list(range(30))  # the inf points from step 30 are left out
        readings = [text_of(s) for s in view.query(".evidence--reading")]
        assert readings == ["Reading: 0.9 decays, 1.3 overflows at step 30 (seed 0)"]
        assert [text_of(s) for s in view.query(".evidence--overflow")] == ["⚠ σ_max = 1.3 overflowed at step 30"]
        assert backend.evidence_runs == [("rnn", 0)]


async def test_a_learning_card_due_later_is_waited_for_then_shown(app: TutorApp, backend, pack) -> None:
    """After the last card, a card rated Again comes back when its learning step is over."""
    from datetime import timedelta

    from fakes import FakeStudyDeck

    class SteppedDeck(FakeStudyDeck):
        due_at = None

        def next_card(self):
            if self.due_at is not None and backend.clock() < self.due_at:
                return None
            return super().next_card()

        def waiting_until(self):
            return self.due_at if self.due_at is not None and backend.clock() < self.due_at else None

    deck = SteppedDeck([pack.questions[0]], backend.records)
    backend.study_deck = lambda _pack: deck
    async with running(app) as pilot:
        screen = await open_study(app, pilot)
        deck.due_at = backend.clock() + timedelta(minutes=10)
        await pilot.press("enter", "1")  # Again: the card is queued behind its 10-minute step
        assert screen.question is None
        assert text_of(screen.query_one("#finished", Static)).startswith(
            "A card you are learning comes back in 10 minutes.")  # a new card: nothing lapsed
        backend.clock.advance(9 * 60)
        await screen.poll_waiting()
        assert screen.question is None
        backend.clock.advance(60)
        await screen.poll_waiting()
        assert screen.question is not None and screen.question.id == "why-vanish"
