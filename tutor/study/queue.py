"""The study session: which flashcard comes next today, and recording each rating at once.

fsrs schedules in days; the same-day queue is ours. A session shows, in order:
1. cards in their learning steps whose step has elapsed (`due <= now`), earliest first:
   "learning" for a card never lapsed (fsrs `State.Learning`: a new card between its
   first steps), "relearning" only for a review card rated Again (`State.Relearning`);
2. due cards, oldest due first: review-state cards due any time today (a daily review
   habit should not depend on the hour of yesterday's review) and (re)learning cards due
   by now;
3. new cards in pack order, up to `new_per_day` minus the new cards already introduced
   today (counted from the reviews table, so a second session the same day respects it);
4. when nothing else is left, (re)learning cards due within `learn_ahead_minutes`.
After a rating, a card whose new due time falls within today (an Again or Hard on a
learning step, or a Good between learning steps) comes back in this session after its
step. `desired_retention` (the learner's setting) is the recall chance fsrs times the
intervals for. Each rating stores the review row and the new card state in one committed
transaction before the session moves on. A variant question is drawn afresh (from the
session's `rng`) every time its card is shown, and the review keeps the draw.

How many cards are due today (the home screen's Due) is `tutor.study.due.due_today`,
the same count as the stats' forecast for today.
"""

from __future__ import annotations

import bisect
import random
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, Literal

from fsrs import Card, State

from tutor.packs.variants import Variant, draw_fresh
from tutor.store.db import Store
from tutor.store.reviews import NEW_CARD_STATE
from tutor.study.clock import Clock, as_utc, today_bounds
from tutor.study.counts import PackCounts as PackCounts  # re-exported: the home screen counts live there
from tutor.study.counts import new_cards_allowed
from tutor.study.counts import pack_counts as pack_counts
from tutor.study.grades import Rater, default_rater, fields_of, is_invalid
from tutor.study.rating import Rating
from tutor.study.scheduler import DEFAULT_RELEARN_MINUTES, DESIRED_RETENTION, make_scheduler, new_card, review

if TYPE_CHECKING:
    from tutor.grading.result import Grade

Source = Literal["learning", "relearning", "due", "new"]
"""Why a card is shown: a step of its (re)learning is over, it is due, or it is new."""


class StudyError(RuntimeError):
    """A session method was called out of order (e.g. rate with no current card)."""


@dataclass(frozen=True)
class StudyItem:
    """The card in front of the learner: the question, its fsrs state (None if new), why it is here."""

    question: Any
    card: Card | None
    source: Source
    variant: Variant | None = None
    """The draw shown (its `question` is `question`); None when built without one."""

    @property
    def is_new(self) -> bool:
        return self.card is None


@dataclass(frozen=True)
class Remaining:
    """Cards left in the session, the current one included."""

    due: int
    new: int
    learning: int
    """Cards between the learning steps of their first day (never lapsed)."""
    relearning: int
    """Review cards rated Again, between their relearning steps."""

    @property
    def total(self) -> int:
        return self.due + self.new + self.learning + self.relearning


def is_due(card: Card, now: datetime, end_of_today: datetime) -> bool:
    """Shown in the session's due pile: due now, or (a review-state card) at any time today.
    (A learning card due later today waits for its step instead.)"""
    return card.due <= now or (card.state == State.Review and card.due < end_of_today)


def step_kind(card: Card) -> Literal["learning", "relearning"]:
    """A card waiting for a step: "relearning" only if it lapsed (fsrs `State.Relearning`)."""
    return "relearning" if card.state == State.Relearning else "learning"


class StudySession:
    """One sitting of flashcards for one pack (no UI; time from `clock`; answers come graded)."""

    _current: StudyItem | None
    _shown_at: datetime | None

    def __init__(
        self,
        pack: Any,
        store: Store,
        *,
        clock: Clock,
        new_per_day: int = 20,
        relearn_minutes: Sequence[float] = DEFAULT_RELEARN_MINUTES,
        desired_retention: float = DESIRED_RETENTION,
        tz: tzinfo | None = None,
        learn_ahead_minutes: float = 20,
        rater: Rater | None = None,
        rng: Any = None,
    ) -> None:
        self.pack = pack
        self._rng = rng if rng is not None else random.Random()
        self.store = store
        self._clock = clock
        self._rater = rater
        self._tz = tz
        self._learn_ahead = timedelta(minutes=learn_ahead_minutes)
        self.scheduler = make_scheduler(relearn_minutes, desired_retention=desired_retention)
        self._questions = {question.id: question for question in pack.questions}
        self.reviewed = 0
        """Ratings stored by this session."""

        now = self._now()
        _, end_of_today = today_bounds(now, tz)
        cards = store.cards.for_pack(pack.id)
        due = sorted(
            (card.due, qid, card)
            for qid, card in cards.items()
            if qid in self._questions and is_due(card, now, end_of_today)
        )
        self._due: deque[tuple[str, Card]] = deque((qid, card) for _, qid, card in due)
        self._relearn: list[tuple[datetime, str, Card]] = sorted(
            (card.due, qid, card)
            for qid, card in cards.items()
            if qid in self._questions and not is_due(card, now, end_of_today) and card.due < end_of_today
        )
        allowed = new_cards_allowed(pack, store, now, new_per_day, tz)
        unseen = [qid for qid in self._questions if qid not in cards]
        self._new: deque[str] = deque(unseen[:allowed])
        self._reset_current()

    # ---- what is shown -----------------------------------------------------------------

    def current(self) -> StudyItem | None:
        """The card to show now, or None when the session is done or waiting for a step."""
        if self._current is None:
            self._current = self._next_item()
            if self._current is not None:
                self._shown_at = self._now()
        return self._current

    @property
    def done(self) -> bool:
        return self.current() is None and not self._relearn

    @property
    def waiting_until(self) -> datetime | None:
        """When nothing can be shown yet but a learning step is pending: when it is due."""
        if self.current() is None and self._relearn:
            return self._relearn[0][0]
        return None

    def remaining(self) -> Remaining:
        current = self.current()
        counts = {"due": len(self._due), "new": len(self._new), "learning": 0, "relearning": 0}
        for _due, _qid, card in self._relearn:
            counts[step_kind(card)] += 1
        if current is not None:
            counts[current.source] += 1
        return Remaining(due=counts["due"], new=counts["new"], learning=counts["learning"],
                         relearning=counts["relearning"])

    # ---- answering -------------------------------------------------------------------

    def suggested_rating(self, grade: Grade | None, seconds: float | None = None) -> Rating | None:
        """The rating to pre-select from `grade` and the time taken (default: since the card
        was shown); None without a grade."""
        if grade is None:
            return None
        if seconds is None:
            seconds = self._elapsed_seconds()
        if seconds is None:  # no card shown, so no time to judge fluency by: no suggestion
            return None
        rater = self._rater or default_rater()
        return rater(grade, seconds)

    def record(
        self,
        question_id: str,
        response: str | None,
        grade: Grade | None,
        rating: Rating,
        seconds: float | None = None,
    ) -> Card:
        """Store the review of the current card and its new state (one committed transaction)
        and move on; return the new state.

        Grade first (`tutor.study.grades.grade_answer`: it may take seconds, so the app does
        it in a worker), then record. `grade` None: no verdict, because the card was
        revealed without an answer (`response` None) or is rated by the learner (a
        self-rated card keeps its `response`). A format error (an invalid grade) is not an
        attempt and cannot be recorded: the learner fixes the response first. `seconds`
        defaults to the time since the card was shown.
        """
        rating = Rating(rating)  # a plain 1-4 from a key press is a rating too; anything else raises
        item = self._require_current(question_id)
        self_rated = getattr(item.question.check, "kind", None) == "self"
        if self_rated and grade is not None:
            raise StudyError(f"'{question_id}' is rated by the learner: it is recorded without a grade")
        if grade is None and response is not None and not self_rated:
            raise StudyError(f"'{question_id}' is graded automatically: record the answer with its grade")
        if grade is not None and is_invalid(grade):
            raise StudyError("a format error is not an answer: nothing to record")
        now = self._now()
        if seconds is None:
            seconds = self._elapsed_seconds()
        before = item.card or new_card(self.pack.id, question_id, now)
        after = review(self.scheduler, before, rating, now, seconds)
        fields = fields_of(grade) if grade is not None else None
        with self.store.transaction():
            self.store.reviews.add(
                pack_id=self.pack.id,
                question_id=question_id,
                mode="study",
                reviewed_at=now,
                response=response,
                correct=fields.correct if fields else None,
                score=fields.score if fields else None,
                feedback=fields.feedback if fields else "",
                notes=fields.notes if fields else (),
                rating=int(rating),
                seconds=seconds,
                card_state=NEW_CARD_STATE if item.card is None else int(item.card.state),
                variant=item.variant.record() if item.variant is not None else None,
            )
            self.store.cards.put(self.pack.id, question_id, after, now=now)
        self.reviewed += 1
        _, end_of_today = today_bounds(now, self._tz)
        if after.due < end_of_today:
            bisect.insort(self._relearn, (after.due, question_id, after))
        self._reset_current()
        return after

    # ---- internals -------------------------------------------------------------------

    def _next_item(self) -> StudyItem | None:
        now = self._now()
        if self._relearn and self._relearn[0][0] <= now:
            return self._pop_relearn()
        if self._due:
            qid, card = self._due.popleft()
            return self._item(qid, card, "due")
        if self._new:
            return self._item(self._new.popleft(), None, "new")
        if self._relearn and self._relearn[0][0] <= now + self._learn_ahead:
            return self._pop_relearn()
        return None

    def _pop_relearn(self) -> StudyItem:
        _, qid, card = self._relearn.pop(0)
        return self._item(qid, card, step_kind(card))

    def _item(self, question_id: str, card: Card | None, source: Source) -> StudyItem:
        """The card to show, with a fresh draw of its question (a relearned card gets new numbers)."""
        variant = draw_fresh(self._questions[question_id], self._rng)
        return StudyItem(variant.question, card, source, variant)

    def _require_current(self, question_id: str) -> StudyItem:
        item = self.current()
        if item is None:
            raise StudyError("no card to answer: the session is done or waiting for a learning step")
        if item.question.id != question_id:
            raise StudyError(f"'{question_id}' was answered but the session is on '{item.question.id}'")
        return item

    def _reset_current(self) -> None:
        self._current = None
        self._shown_at = None

    def _elapsed_seconds(self) -> float | None:
        if self._shown_at is None:
            return None
        return (self._now() - self._shown_at).total_seconds()

    def _now(self) -> datetime:
        return as_utc(self._clock())
