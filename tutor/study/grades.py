"""Grading as the pure step before recording, what the study core keeps of a grade, and the
rating it suggests.

A session never grades: grading may call SymPy and take seconds, so the caller grades first
(`grade_answer`, with a `Grader` such as `tutor.checks.answers.grade`: in a worker in the
app, directly on the command line and in tests) and hands the grade to the session's
`record` (the mock interview's `submit`, `time_out`, `end_early`). A grade is a
`tutor.grading.Grade`; the store reads it through `fields_of`, where a missing attribute
reads as its neutral value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tutor.study.rating import FAST_SECONDS, Rating, rating_for

if TYPE_CHECKING:
    from tutor.grading.result import Grade

Grader = Callable[[Any, str], "Grade"]
"""`grader(check, response) -> Grade`, e.g. `tutor.checks.answers.grade`."""
Rater = Callable[[Any, float], "Rating | None"]
"""`rater(grade, seconds) -> Rating | None`, e.g. `tutor.study.rating.rating_for`."""


def grade_answer(check: Any, response: str | None, grader: Grader) -> Grade | None:
    """The grade a session records for `response` to `check`: None when there is nothing to
    grade (no check, as for a follow-up asked without one; a self-rated card, which the
    learner rates; a blank response). Pure: reads and stores nothing, so it may run in any
    thread; it may call SymPy and take seconds, so the app calls it in a worker."""
    if check is None or getattr(check, "kind", None) == "self" or not response or not response.strip():
        return None
    return grader(check, response)


@dataclass(frozen=True)
class GradeFields:
    """The grade as the store keeps it."""

    correct: bool | None
    score: float | None
    feedback: str
    notes: tuple[str, ...]
    invalid: bool
    undecided: bool
    claims: tuple[Any, ...] = ()
    """The key points of a free-text grade (`ClaimCheck`s), empty for other kinds."""


def fields_of(grade: Any) -> GradeFields:
    score = getattr(grade, "score", None)
    correct = getattr(grade, "correct", None)
    return GradeFields(
        correct=None if correct is None else bool(correct),
        score=None if score is None else min(1.0, max(0.0, float(score))),
        feedback=str(getattr(grade, "feedback", "") or ""),
        notes=tuple(str(note) for note in (getattr(grade, "notes", ()) or ())),
        invalid=bool(getattr(grade, "invalid", False)),
        undecided=bool(getattr(grade, "undecided", False)),
        claims=tuple(getattr(grade, "claims", ()) or ()),
    )


def is_invalid(grade: Any) -> bool:
    """A format error: not an attempt, not stored, the learner fixes it and submits again."""
    return bool(getattr(grade, "invalid", False))


def local_rating(grade: Any, seconds: float | None, *, fast_seconds: float = FAST_SECONDS) -> Rating | None:
    """wrong -> Again, partial -> Hard, right -> Good, right and fast -> Easy; None if undecidable."""
    if grade is None or is_invalid(grade) or getattr(grade, "undecided", False):
        return None
    fields = fields_of(grade)
    if fields.correct:
        return Rating.EASY if seconds is not None and seconds <= fast_seconds else Rating.GOOD
    if fields.score is not None and fields.score > 0:
        return Rating.HARD
    return Rating.AGAIN


def default_rater() -> Rater:
    """The rater of a session given none: `tutor.study.rating.rating_for`."""
    return rating_for
