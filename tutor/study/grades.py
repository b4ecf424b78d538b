"""What the study core needs from a grade, by duck typing, and the rating it suggests.

Grading lives in `tutor.grading`; sessions receive a `Grader` callable so they can be
built and tested before (and independently of) it. A grade is anything with `correct`,
`score`, `feedback`, `notes`, `invalid` and `undecided` attributes; missing attributes
read as their neutral value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from tutor.study.rating import FAST_SECONDS, Rating, rating_for


class GradeLike(Protocol):
    correct: bool
    score: float
    feedback: str
    notes: Sequence[str]


Grader = Callable[[Any, str], GradeLike]
"""`grader(check, response) -> Grade`, e.g. `tutor.checks.answers.grade`."""
Rater = Callable[[Any, float], "Rating | None"]
"""`rater(grade, seconds) -> Rating | None`, e.g. `tutor.study.rating.rating_for`."""


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
