"""Practice: questions one after another, with immediate feedback.

Filter by topic and level; answer; see the verdict (concepts hit and missed, the
misconception's feedback), the expected answer, the model answer, the follow-ups and
the evidence. Hints are there before answering; "I was right" overrides an automatic
verdict and is recorded as an override.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Select, Static

from tutor.ui.navigation import JumpsToQuestion, backend_of
from tutor.ui.screens.question_screen import QuestionScreen
from tutor.ui.widgets.answer_box import AnswerBox
from tutor.ui.widgets.feedback_view import FeedbackView
from tutor.ui.widgets.follow_ups import FollowUps
from tutor.words import topic_title

if TYPE_CHECKING:
    from tutor.grading.result import Grade
    from tutor.packs.model import Pack
    from tutor.packs.schema import Question
    from tutor.service.protocol import PracticeDeck
    from tutor.store.reviews import Mode

LEVELS = ("basic", "intermediate", "advanced")


class PracticeScreen(JumpsToQuestion, QuestionScreen):
    """Answer, get feedback at once, move on (n)."""

    BINDING_GROUP_TITLE = "Practice"
    MODE_TITLE = "Practice"
    MODE: Mode = "practice"
    BINDINGS = [
        Binding("ctrl+t", "hint", "Hint"),
        Binding("ctrl+r", "show_answer", "Show answer"),
        Binding("ctrl+n", "skip", "Skip"),
        Binding("n", "next", "Next"),
        Binding("o", "override", "I was right"),
        Binding("o", "undo_override", "Undo I was right"),
        Binding("w", "self_wrong", "I was wrong"),
        Binding("f", "follow_ups", "Follow-ups"),
    ]

    def __init__(
        self,
        pack: Pack,
        *,
        first: str | None = None,
        topic: str | None = None,
        level: str | None = None,
        answered: int = 0,
        right: int = 0,
        seen: tuple[str, ...] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(pack, **kwargs)
        self.first, self.topic, self.level = first, topic, level
        self.seen: list[str] = list(seen)
        """The questions shown so far in this sitting, in order: kept like the counters."""
        self.deck: PracticeDeck | None = None
        self.answered = answered
        """Answered and right so far in this sitting: kept across a reload and a palette jump."""
        self.right = right
        self.hints: list[str] = []
        self.overridden = False
        self.self_rating: str | None = None
        """A self-rated card: "due" once its answer is shown after answering, then "right" or "wrong"."""
        self.self_counted = False

    def compose_above_card(self) -> ComposeResult:
        topics = sorted({topic for question in self.pack.questions for topic in question.topics})
        with Horizontal(id="filters"):
            yield Select([(topic_title(topic), topic) for topic in topics], prompt="All topics", id="topic-filter",
                         value=self.topic or Select.NULL, compact=True)
            yield Select([(level, level) for level in LEVELS], prompt="All levels", id="level-filter",
                         value=self.level or Select.NULL, compact=True)

    # Textual runs each class's on_mount (the base's prepares grading), so this one may be async
    async def on_mount(self) -> None:  # type: ignore[override]
        await self.new_deck(first=self.first, seen=tuple(self.seen))  # a jump or a reload goes on

    async def new_deck(self, *, first: str | None = None, seen: tuple[str, ...] = ()) -> None:
        """Start over on the questions that pass the current filter (without those `seen`)."""
        self.deck = backend_of(self).practice_deck(self.pack, topic=self.topic, level=self.level, first=first,
                                                   seen=seen)
        await self.show_question(self.deck.next_question())

    async def show_question(self, question: Question | None) -> None:
        if question is not None and question.id not in self.seen:
            self.seen.append(question.id)
        self.hints = []
        self.overridden = False
        self.self_rating, self.self_counted = None, False
        await super().show_question(question)

    def widgets_before_answer(self, question: Question) -> list[Widget]:
        hints = Static(id="hints")
        hints.display = False
        return [hints]

    def revealed_widgets(self, question: Question) -> list[Widget]:
        feedback, answer, evidence = super().revealed_widgets(question)
        return [feedback, answer, FollowUps(list(question.follow_ups)), evidence]

    def reload_options(self) -> dict[str, Any]:
        """Back on the same question, with the same filters and counters."""
        current = self.question.id if self.question is not None else None
        return {"first": current, "topic": self.topic, "level": self.level,
                "answered": self.answered, "right": self.right, "seen": tuple(self.seen)}

    def options_to_go_to(self, question_id: str) -> dict[str, Any]:
        """How to reopen on `question_id` with the counters kept; a filter it falls outside
        of is dropped (the question would not be in the deck)."""
        options = {**self.reload_options(), "first": question_id}
        question = next((q for q in self.pack.questions if q.id == question_id), None)
        if question is not None and self.topic not in (None, *question.topics):
            options["topic"] = None
        if question is not None and self.level not in (None, question.level.value):
            options["level"] = None
        return options

    def status(self) -> str:
        if self.deck is None:
            return ""
        left = f"{self.deck.remaining()} left"
        # "0 of 0 right" opened every session with a score of nothing
        return f"{self.right} of {self.answered} right · {left}" if self.answered else left

    def finished(self) -> Content:
        return Content.from_markup(
            "[b $text-success]You have been through every question of this selection.[/]\n\n"
            "Answered $answered, right $right. Change the topic or level above for more, or escape for home.",
            answered=self.answered,
            right=self.right,
        )

    def after_reveal(self) -> None:
        grade, question = self.grade, self.question
        if grade is None or question is None or self.deck is None:
            return
        self.deck.record(question, response=self.response or "", grade=grade, seconds=self.seconds)
        self.answered += 1
        self.right += int(bool(grade.correct))

    def after_correction(self, before: Grade | None, after: Grade) -> None:
        """A corrected verdict counts in "right" as the grader's own would have."""
        if not self.overridden:
            self.right += int(bool(after.correct)) - int(bool(before is not None and before.correct))
        if self.deck is not None and self.question is not None:
            self.deck.record_correction(self.question, after)

    @on(AnswerBox.SubmittedUngraded)
    def _submitted_ungraded(self, event: AnswerBox.SubmittedUngraded) -> None:
        question = self.question
        if question is None or self.deck is None:
            return
        if question.check.kind != "self":
            event.box.show_status(Content.from_markup("[dim]Type an answer, or ctrl+r to see the answer.[/dim]"),
                                  into_view=True)
            return
        if event.response:  # a self-rated card: stored without a verdict until the learner rates it
            self.deck.record(question, response=event.response, grade=None, seconds=event.seconds)
            self.answered += 1
            self.self_counted = True
        self.self_rating = "due"
        self.reveal(grade=None, response=event.response or None, seconds=event.seconds)
        self.query_one(FeedbackView).show_self_rating(None)
        self.refresh_bindings()

    # ---- filters ----------------------------------------------------------------

    @on(Select.Changed, "#topic-filter")
    async def _topic_changed(self, event: Select.Changed) -> None:
        topic = None if event.value is Select.NULL else str(event.value)
        if topic != self.topic:
            self.topic = topic
            await self.new_deck()

    @on(Select.Changed, "#level-filter")
    async def _level_changed(self, event: Select.Changed) -> None:
        level = None if event.value is Select.NULL else str(event.value)
        if level != self.level:
            self.level = level
            await self.new_deck()

    # ---- actions ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        question, answering = self.question, self.question is not None and not self.revealed
        if action in ("hint", "show_answer", "skip"):
            return answering
        if action == "next":
            return self.revealed
        if action == "override":
            if self.self_rating is not None:
                return self.revealed and self.self_rating == "due"
            # a choice is right or wrong by the options themselves: no verdict of the grader to dispute
            objective = question is not None and getattr(question.check, "kind", "") == "choice"
            return (self.revealed and self.grade is not None and not self.grade.correct and not self.overridden
                    and not objective)
        if action == "undo_override":
            return self.revealed and self.overridden and self.self_rating is None
        if action == "self_wrong":
            return self.revealed and self.self_rating == "due"
        if action == "follow_ups":
            return self.revealed and question is not None and bool(question.follow_ups)
        return super().check_action(action, parameters)

    def action_hint(self) -> None:
        """Show the next hint."""
        question = self.question
        if question is None or self.deck is None:
            return
        hint = self.deck.hint(question)
        if hint is None:
            self.notify("No more hints for this question." if self.hints else "This question has no hints.",
                        timeout=2)
            return
        self.hints.append(hint)
        lines = [Content.from_markup("[b]Hint $n:[/b] $text", n=n, text=text.strip())
                 for n, text in enumerate(self.hints, start=1)]
        hints = self.query_one("#hints", Static)
        hints.update(Content("\n").join(lines))
        hints.display = True

    def action_show_answer(self) -> None:
        """Show the answer without answering (not recorded)."""
        self.reveal(grade=None, response=None, seconds=0.0)

    async def action_skip(self) -> None:
        """Skip this question (not recorded)."""
        if self.deck is not None:
            await self.show_question(self.deck.next_question())

    async def action_next(self) -> None:
        """The next question."""
        if self.deck is not None and self.revealed:
            self.revealed = False
            await self.show_question(self.deck.next_question())

    def action_self_wrong(self) -> None:
        """A self-rated card: my answer did not match the model answer."""
        self._rate_self(False)

    def _rate_self(self, correct: bool) -> None:
        if self.deck is None or self.question is None or self.self_rating != "due":
            return
        self.deck.rate_self(self.question, correct)
        self.self_rating = "right" if correct else "wrong"
        self.answered += 0 if self.self_counted else 1
        self.self_counted = True
        self.right += int(correct)
        self.query_one(FeedbackView).show_self_rating(correct)
        self.update_title()
        self.refresh_bindings()

    def action_override(self) -> None:
        """I was right: record the automatic verdict as overridden (a self-rated card: as right)."""
        if self.self_rating is not None:
            self._rate_self(True)
            return
        if self.deck is None or self.question is None or self.grade is None or self.overridden:
            return
        asserted = [claim.shown for claim in self.grade.claims if claim.asserted]
        if asserted:
            # one key should not wave a misconception through unread: say what was read and ask
            from tutor.ui.screens.confirm import ConfirmScreen

            question = (f"Your answer was read as stating: {'; '.join(asserted)}. Count it as right anyway? "
                        "(Or correct the checklist point by point.)")
            self.app.push_screen(ConfirmScreen(question, yes="Count it right", no="Keep the verdict"),
                                 self._override_confirmed)
            return
        self._override()

    def _override_confirmed(self, confirmed: bool | None) -> None:
        if confirmed and not self.overridden:
            self._override()

    def _override(self) -> None:
        """Count the answer as right: the deck, the correction store, the counters, the view."""
        if self.deck is None or self.question is None or self.grade is None:
            return
        from tutor.grading.result import Grade

        self.deck.override(self.question)
        shown = self.grade
        self._store_as_correction(self.question, Grade(True, 1.0, shown.feedback, shown.notes, claims=shown.claims))
        self.overridden = True
        self.right += 1
        self.query_one(FeedbackView).mark_overridden()
        self.update_title()
        self.refresh_bindings()

    def action_undo_override(self) -> None:
        """Take back "I was right" (pressed by mistake, or on second thoughts): the verdict
        shown before it stands again, in the log, the counters and the corrections."""
        if self.deck is None or self.question is None or self.grade is None or not self.overridden:
            return
        self.deck.undo_override(self.question, self.grade)
        self._store_as_correction(self.question, self.grade)
        self.overridden = False
        self.right -= 1 - int(bool(self.grade.correct))
        self.query_one(FeedbackView).unmark_overridden()
        self.update_title()
        self.refresh_bindings()

    def _store_as_correction(self, question: Question, verdict: Grade) -> None:
        """"I was right" on a free-text answer is the learner's verdict on the response, like a
        corrected checklist: kept as a correction too, so `tutor export corrections` turns it
        into a `tests:` sample (`correct: true`) for the author; taking it back stores the
        verdict that stands again as the learner's last word. Other kinds have no claims."""
        automatic = self.query_one(FeedbackView).automatic
        if automatic is None or not automatic.claims or self.pack is None:
            return
        backend_of(self).record_correction(self.pack, question, mode=self.MODE, response=self.response or "",
                                           automatic=automatic, corrected=verdict)

    def action_follow_ups(self) -> None:
        """Show the answers to the follow-up questions, scrolled into view: they sit below the
        model answer, often under the fold, where a reveal off screen looked like no reveal."""
        follow_ups = self.query_one(FollowUps)
        follow_ups.show_answers()
        self.call_after_refresh(follow_ups.scroll_visible, top=True, animate=False)
        self.refresh_bindings()
