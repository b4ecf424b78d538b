"""The four spaced-repetition ratings, and the one a grade and the time taken suggest.

Rating policy is study's business, not grading's: grading says how right an answer is,
study decides what that means for the next review. `Rating` is an IntEnum whose values are
the integers the store keeps in `reviews.rating` and that fsrs's own `Rating` uses
(1 Again, 2 Hard, 3 Good, 4 Easy); `tutor.study.scheduler` hands it to fsrs.

    invalid, undecided or self-rated      -> None (no rating: ask the learner, or retry)
    wrong (not correct, score 0)          -> Again
    partly right (not correct, score > 0) -> Hard
    right but slow (seconds > slow)       -> Hard
    right and fast (seconds <= fast)      -> Easy
    right otherwise                       -> Good

Thresholds: `fast` = 15 s and `slow` = 90 s by default, measured from showing the question
to submitting the answer. An interview answer recalled within 15 s is fluent; one that needed
more than 90 s was reconstructed, not recalled. Callers may pass their own per question.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Protocol

FAST_SECONDS = 15.0
SLOW_SECONDS = 90.0


class Rating(IntEnum):
    """How well a card was recalled; the value is what the store keeps."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        """The word shown on the rating's button: Again, Hard, Good, Easy."""
        return self.name.title()


class RatedGrade(Protocol):
    """What the policy reads of a grade (`tutor.grading.result.Grade` has it)."""

    @property
    def counts_as_attempt(self) -> bool: ...
    @property
    def correct(self) -> bool: ...
    @property
    def score(self) -> float: ...


def rating_for(
    grade: RatedGrade, seconds: float, *, fast: float = FAST_SECONDS, slow: float = SLOW_SECONDS
) -> Rating | None:
    if not grade.counts_as_attempt:
        return None
    if not grade.correct:
        return Rating.HARD if grade.score > 0 else Rating.AGAIN
    if seconds > slow:
        return Rating.HARD
    if seconds <= fast:
        return Rating.EASY
    return Rating.GOOD
