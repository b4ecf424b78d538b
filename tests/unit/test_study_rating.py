"""Rating policy: the rating a grade and the time taken suggest, and the integers ratings are."""

from __future__ import annotations

import fsrs
import pytest

from tutor.grading import Grade
from tutor.study.rating import Rating, rating_for


@pytest.mark.parametrize(
    ("result", "seconds", "rating"),
    [
        (Grade(False, 0.0, "wrong"), 3.0, Rating.AGAIN),
        (Grade(False, 0.5, "partial"), 3.0, Rating.HARD),
        (Grade(True, 1.0, "right"), 120.0, Rating.HARD),
        (Grade(True, 1.0, "right"), 90.0, Rating.GOOD),
        (Grade(True, 1.0, "right"), 30.0, Rating.GOOD),
        (Grade(True, 1.0, "right"), 15.0, Rating.EASY),
        (Grade(True, 1.0, "right"), 2.0, Rating.EASY),
        (Grade.format_error("bad", "syntax", 0), 2.0, None),
        (Grade.could_not_decide("?"), 2.0, None),
    ],
)
def test_rating_for(result: Grade, seconds: float, rating: Rating | None) -> None:
    assert rating_for(result, seconds) == rating


def test_rating_thresholds_can_be_given() -> None:
    right = Grade(True, 1.0, "right")
    assert rating_for(right, 30.0, fast=40.0) == Rating.EASY
    assert rating_for(right, 30.0, slow=20.0) == Rating.HARD


def test_ratings_are_the_integers_fsrs_and_the_store_use() -> None:
    assert [(rating.label, int(rating)) for rating in Rating] == [(r.name, r.value) for r in fsrs.Rating]
    assert [f"{rating}" for rating in Rating] == ["1", "2", "3", "4"]  # key bindings and button ids read so
