"""From a Grade and the time taken to an fsrs Rating, for spaced repetition.

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

from fsrs import Rating

from tutor.grading.result import Grade

FAST_SECONDS = 15.0
SLOW_SECONDS = 90.0


def rating_for(
    grade: Grade, seconds: float, *, fast: float = FAST_SECONDS, slow: float = SLOW_SECONDS
) -> Rating | None:
    if not grade.counts_as_attempt:
        return None
    if not grade.correct:
        return Rating.Hard if grade.score > 0 else Rating.Again
    if seconds > slow:
        return Rating.Hard
    if seconds <= fast:
        return Rating.Easy
    return Rating.Good
