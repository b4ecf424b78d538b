"""Study: flashcards with spaced repetition.

Show the prompt; the learner types an answer (graded) or just reveals (enter on an
empty answer, or ctrl+r); then the model answer, the feedback and the evidence, and
the four ratings, the suggested one pre-selected from the grade and the time taken.
Each rating is stored at once by the deck, and the next card follows.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content

from tutor.study.rating import Rating
from tutor.ui.navigation import backend_of
from tutor.ui.screens.question_screen import QuestionScreen
from tutor.ui.widgets.answer_box import AnswerBox
from tutor.ui.widgets.rating_bar import RATINGS, RatingBar
from tutor.words import plural

if TYPE_CHECKING:
    from textual.timer import Timer

    from tutor.grading.result import Grade
    from tutor.packs.model import Pack
    from tutor.service.protocol import StudyDeck
    from tutor.store.reviews import Mode

WAIT_POLL_SECONDS = 15


class StudyScreen(QuestionScreen):
    """Answer or reveal, read, then rate how well you knew it (1-4)."""

    BINDING_GROUP_TITLE = "Study"
    MODE_TITLE = "Study"
    MODE: Mode = "study"
    FOCUS_CHECKLIST = False
    BINDINGS = [
        Binding("ctrl+r", "reveal", "Reveal"),
        *(Binding(str(rating), f"rate({rating})", name) for rating, name in RATINGS),
    ]

    def __init__(self, pack: Pack, **kwargs: Any) -> None:
        super().__init__(pack, **kwargs)
        self.deck: StudyDeck | None = None
        self.reviewed = 0
        self.suggested: Rating | None = None
        self._waiting: Timer | None = None

    def compose_below_card(self) -> ComposeResult:
        bar = RatingBar(id="ratings")
        bar.display = False
        yield bar

    # Textual runs each class's on_mount (the base's prepares grading), so this one may be async
    async def on_mount(self) -> None:  # type: ignore[override]
        self.deck = backend_of(self).study_deck(self.pack)
        await self.show_question(self.deck.next_card())

    def status(self) -> str:
        if self.deck is None:
            return ""
        # "due" counts the cards in learning steps too, as the home screen's Due does (it read
        # 5 beside this bar's "0 due ..., 5 learning"); the steps are named in brackets
        left = self.deck.remaining()
        steps = ", ".join(f"{count} {kind}" for count, kind in ((left.learning, "learning"),
                                                               (left.relearning, "relearning")) if count)
        due = left.due + left.learning + left.relearning
        return f"{self.reviewed} reviewed · {due} due{f' ({steps})' if steps else ''} · {left.new} new"

    def finished(self) -> Content:
        waiting = self.deck.waiting_until() if self.deck is not None else None
        if waiting is not None:
            assert self.deck is not None  # it said when it is waiting
            minutes = max(1, math.ceil((waiting - backend_of(self).clock()).total_seconds() / 60))
            left = self.deck.remaining()  # "relearning" only when every card waiting has lapsed
            kind = "relearning" if left.relearning and not left.learning else "learning"
            return Content.from_markup(
                "[b]A card you are $kind comes back in $minutes.[/b]\n\n"
                "Stay here and it will appear, or come back later.",
                kind=kind, minutes=plural(minutes, "minute"),
            )
        return Content.from_markup(
            "[b $text-success]Done for today.[/]\n\n"
            "You reviewed $count in this session. Come back when more cards are due,\n"
            "or practise any question now (escape, then p).",
            count=plural(self.reviewed, "card"),
        )

    async def show_question(self, question: Any) -> None:
        self.suggested = None
        self.query_one("#ratings", RatingBar).display = False
        await super().show_question(question)
        if question is None and self.deck is not None and self.deck.waiting_until() is not None:
            if self._waiting is None:
                self._waiting = self.set_interval(WAIT_POLL_SECONDS, self.poll_waiting)

    async def poll_waiting(self) -> None:
        """While waiting for a learning step, show the card as soon as it is due."""
        if self.deck is None or self.question is not None:
            return
        card = self.deck.next_card()
        if card is not None or self.deck.waiting_until() is None:
            if self._waiting is not None:
                self._waiting.stop()
                self._waiting = None
            await self.show_question(card)

    def after_reveal(self) -> None:
        bar = self.query_one("#ratings", RatingBar)
        bar.display = True
        grade = self.grade
        if grade is not None and not grade.undecided:
            self.suggested = backend_of(self).rating_for(grade, self.seconds)
        bar.preselect(self.suggested)

    def after_correction(self, before: Grade | None, after: Grade) -> None:
        """The suggested rating follows the corrected verdict (none while still undecided)."""
        self.suggested = None if after.undecided else backend_of(self).rating_for(after, self.seconds)
        self.query_one("#ratings", RatingBar).preselect(self.suggested, focus=False)  # keep the checklist's focus

    @on(AnswerBox.SubmittedUngraded)
    def _submitted_ungraded(self, event: AnswerBox.SubmittedUngraded) -> None:
        self.reveal(grade=None, response=event.response or None, seconds=event.seconds)

    @on(RatingBar.Rated)
    async def _rated(self, event: RatingBar.Rated) -> None:
        await self.action_rate(event.rating)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reveal":
            return self.question is not None and not self.revealed
        if action == "rate":
            return self.question is not None and self.revealed
        return super().check_action(action, parameters)

    def action_reveal(self) -> None:
        """Show the answer without grading what you typed."""
        box = self.query_one(AnswerBox)
        self.reveal(grade=None, response=box.response or None, seconds=box.seconds())

    async def action_rate(self, rating: int) -> None:
        """Rate the card (1 Again, 2 Hard, 3 Good, 4 Easy: a key's action passes the number); it is
        stored, then the next card."""
        if self.deck is None or self.question is None or not self.revealed:
            return
        self.revealed = False  # a second key press before the next card must not rate twice
        self.deck.record(self.question, response=self.response, grade=self.grade, rating=Rating(rating),
                         seconds=self.seconds)
        self.reviewed += 1
        await self.show_question(self.deck.next_card())
