"""Practice: questions one after another with immediate feedback, no scheduling.

Each valid answer is stored at once as a `practice` review, with the grade the caller
computed first (`record`; a format error is not an attempt and is not stored). A variant
question is drawn afresh, from the session's generator, each time it comes up; the review
keeps the draw. "I was right" appends an overriding row (`overridden=1`, `replaces` = the
automatic verdict's row) instead of editing history. Hints used are
counted on the row. The fsrs cards are not touched: practice is free exploration.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tutor.packs.variants import Variant, draw_fresh
from tutor.store.db import Store
from tutor.study.clock import Clock, as_utc
from tutor.study.grades import fields_of, is_invalid
from tutor.study.queue import StudyError

if TYPE_CHECKING:
    from tutor.grading.result import Grade


def filter_questions(
    questions: Any, *, topics: Collection[str] | None = None, levels: Collection[str] | None = None
) -> list[Any]:
    """Questions having any of `topics` and one of `levels` (None means no filter), in pack order."""
    wanted_levels = None if levels is None else {_level_name(level) for level in levels}
    wanted_topics = None if topics is None else set(topics)
    return [
        question
        for question in questions
        if (wanted_levels is None or _level_name(question.level) in wanted_levels)
        and (wanted_topics is None or wanted_topics.intersection(question.topics))
    ]


def shuffled(items: list[Any], rng: Any) -> list[Any]:
    """`items` in a random order from `rng` (a `random.Random` or a `numpy.random.Generator`)."""
    if hasattr(rng, "permutation"):
        return [items[int(index)] for index in rng.permutation(len(items))]
    sampled: list[Any] = rng.sample(items, len(items))
    return sampled


class PracticeSession:
    """A shuffled run through the filtered questions of a pack."""

    last_review_id: int | None
    last_override_id: int | None
    last_response: str | None
    last_grade: Grade | None
    _shown_at: datetime

    def __init__(
        self,
        pack: Any,
        store: Store,
        *,
        clock: Clock,
        rng: Any,
        topics: Collection[str] | None = None,
        levels: Collection[str] | None = None,
    ) -> None:
        self.pack = pack
        self.store = store
        self._clock = clock
        self._rng = rng
        self._variants: dict[int, Variant] = {}
        self.questions: tuple[Any, ...] = tuple(
            shuffled(filter_questions(pack.questions, topics=topics, levels=levels), rng)
        )
        self.position = 0
        """Index of the current question in `questions` (== len(questions) when done)."""
        self._start_question()

    # ---- navigation ------------------------------------------------------------------

    def current(self) -> Any | None:
        """The question in front of the learner: for a variant question, the drawn variant."""
        variant = self.variant
        return None if variant is None else variant.question

    @property
    def variant(self) -> Variant | None:
        """The current question's draw: a fresh seed from the session's generator, drawn
        the first time the question is shown and kept while it stays."""
        if self.position >= len(self.questions):
            return None
        if self.position not in self._variants:
            self._variants[self.position] = draw_fresh(self.questions[self.position], self._rng)
        return self._variants[self.position]

    @property
    def done(self) -> bool:
        return self.position >= len(self.questions)

    def remaining(self) -> int:
        """Questions left, the current one included."""
        return len(self.questions) - self.position

    def next(self) -> Any | None:
        """Move on to the next question (answered or not) and return it."""
        if not self.done:
            self.position += 1
            self._start_question()
        return self.current()

    @property
    def follow_ups(self) -> tuple[Any, ...]:
        question = self.current()
        return () if question is None else tuple(question.follow_ups)

    # ---- answering -------------------------------------------------------------------

    def hint(self) -> str | None:
        """The next hint of the current question, or None when there are no more."""
        question = self._require_current()
        if self.hints_used >= len(question.hints):
            return None
        self.hints_used += 1
        hint: str = question.hints[self.hints_used - 1]
        return hint

    def record(self, question_id: str, response: str, grade: Grade | None, seconds: float | None = None) -> int | None:
        """Store the answer to the current question at once, with its grade; return the review's id.

        Grade first (`tutor.study.grades.grade_answer`: it may take seconds, so the app does
        it in a worker), then record. `grade` is None for a self-rated card: stored with no
        verdict (the learner compares with the model answer, then `rate_self`). A format
        error (an invalid grade) is not an attempt: nothing is stored, None is returned, and
        the learner may fix the response. `seconds` defaults to the time since the question
        was shown.
        """
        question = self._require_current(question_id)
        now = as_utc(self._clock())
        if seconds is None:
            seconds = (now - self._shown_at).total_seconds()
        self_rated = getattr(question.check, "kind", None) == "self"
        if self_rated and grade is not None:
            raise StudyError(f"'{question.id}' is rated by the learner: it is recorded without a grade")
        if not self_rated and grade is None:
            raise StudyError(f"'{question.id}' is graded automatically: record the answer with its grade")
        if grade is not None and is_invalid(grade):
            return None
        fields = fields_of(grade) if grade is not None else None
        variant = self.variant
        assert variant is not None  # there is a current question
        self.last_review_id = self.store.reviews.add(
            pack_id=self.pack.id,
            question_id=question.id,
            mode="practice",
            reviewed_at=now,
            response=response,
            correct=fields.correct if fields else None,
            score=fields.score if fields else None,
            feedback=fields.feedback if fields else "",
            notes=fields.notes if fields else (),
            seconds=seconds,
            hints=self.hints_used,
            variant=variant.record(),
        )
        self.last_response = response
        self.last_grade = grade
        return self.last_review_id

    def override_correct(self) -> int:
        """"I was right": append a row marking the last answer correct; return its id."""
        if self.last_review_id is None:
            raise StudyError("nothing to override: no answer was submitted for this question")
        original = self.store.reviews.get(self.last_review_id)
        assert original is not None
        self.last_override_id = self.store.reviews.add(
            pack_id=original.pack_id,
            question_id=original.question_id,
            mode="practice",
            reviewed_at=as_utc(self._clock()),
            response=original.response,
            correct=True,
            score=1.0,
            feedback=original.feedback,
            notes=original.notes,
            overridden=True,
            replaces=original.id,
            seconds=original.seconds,
            hints=original.hints,
            variant=original.variant,
        )
        return self.last_override_id

    def undo_override(self, grade: Any) -> int:
        """Take back "I was right": append a row that replaces the overriding one with
        `grade`'s verdict (the grader's, or the learner's corrected checklist); return its id.
        The log keeps all three rows, so the history shows the change of mind."""
        if self.last_override_id is None:
            raise StudyError("nothing to undo: 'I was right' was not used on this answer")
        override = self.store.reviews.get(self.last_override_id)
        assert override is not None
        self.last_override_id = None
        self.last_review_id = self.store.reviews.add(
            pack_id=override.pack_id, question_id=override.question_id, mode="practice",
            reviewed_at=as_utc(self._clock()), response=override.response,
            correct=None if grade.undecided else bool(grade.correct),
            score=None if grade.undecided else float(grade.score), feedback=grade.feedback,
            notes=tuple(grade.notes), overridden=True, replaces=override.id, seconds=override.seconds,
            hints=override.hints, variant=override.variant,
        )
        return self.last_review_id  # a later "I was right" replaces this row

    def rate_self(self, correct: bool) -> int:
        """A self-rated card: the learner compared with the model answer and says whether they
        were right. Replaces the stored answer when one was typed (it keeps the response),
        else appends a row of its own; return its id. The note `self-rated` tells statistics
        the verdict is the learner's, not a grader's."""
        question = self._require_current()
        if getattr(question.check, "kind", None) != "self":
            raise StudyError(f"'{question.id}' is graded automatically; use override_correct to correct it")
        original = self.store.reviews.get(self.last_review_id) if self.last_review_id is not None else None
        variant = self.variant
        assert variant is not None  # there is a current question
        review_id = self.store.reviews.add(
            pack_id=self.pack.id, question_id=question.id, mode="practice",
            reviewed_at=as_utc(self._clock()), response=original.response if original else self.last_response,
            correct=correct, score=1.0 if correct else 0.0, notes=("self-rated",),
            replaces=original.id if original else None,
            seconds=original.seconds if original else (as_utc(self._clock()) - self._shown_at).total_seconds(),
            hints=self.hints_used, variant=variant.record(),
        )
        self.last_review_id = review_id
        return review_id

    def record_correction(self, grade: Any) -> int:
        """The learner corrected the key points: append a row with their verdict (notes carry
        `corrected`) that replaces the automatic one, as "I was right" does; return its id."""
        if self.last_review_id is None:
            raise StudyError("nothing to correct: no answer was submitted for this question")
        original = self.store.reviews.get(self.last_review_id)
        assert original is not None
        return self.store.reviews.add(
            pack_id=original.pack_id, question_id=original.question_id, mode="practice",
            reviewed_at=as_utc(self._clock()), response=original.response,
            correct=None if grade.undecided else bool(grade.correct),
            score=None if grade.undecided else float(grade.score), feedback=grade.feedback,
            notes=tuple(grade.notes), overridden=True, replaces=original.id, seconds=original.seconds,
            hints=original.hints,
        )

    # ---- internals -------------------------------------------------------------------

    def _start_question(self) -> None:
        self.hints_used = 0
        self.last_review_id = None
        self.last_override_id = None
        self.last_response = None
        self.last_grade = None
        self._shown_at = as_utc(self._clock())

    def _require_current(self, question_id: str | None = None) -> Any:
        """The current question; with `question_id`, it must be that one."""
        question = self.current()
        if question is None:
            raise StudyError("the practice session is over")
        if question_id is not None and question.id != question_id:
            raise StudyError(f"'{question_id}' was answered but the session is on '{question.id}'")
        return question


def _level_name(level: Any) -> str:
    return str(getattr(level, "value", level))


def practice_order(questions: Sequence[Any], *, first: str | None, seen: Collection[str]) -> tuple[Any, ...]:
    """The deck's order: `first` first ("go to question"), then the rest as drawn, without the
    questions `seen` earlier in the sitting (so "left" counts what is really left)."""
    chosen = [question for question in questions if question.id == first]
    return (*chosen, *(question for question in questions if question.id != first and question.id not in seen))
