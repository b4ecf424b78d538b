"""Long-term scheduling by fsrs (py-fsrs 6), wrapped so every call is deterministic.

fsrs decides intervals; this module only fixes how tutor uses it: learning steps come
from the session's `relearn_minutes`, relearning uses the last of them, fuzzing is off
(fsrs fuzzes with the global `random`, which would make schedules untestable), card ids
are derived from (pack, question) instead of the wall clock, and every datetime handed
to fsrs is normalised to `timezone.utc`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta

from fsrs import Card, Scheduler, State
from fsrs import Rating as FsrsRating

from tutor.study.clock import as_utc
from tutor.study.rating import Rating

DEFAULT_RELEARN_MINUTES: tuple[int, ...] = (1, 10)
DESIRED_RETENTION = 0.9

__all__ = [
    "Card",
    "Scheduler",
    "State",
    "card_id_for",
    "make_scheduler",
    "new_card",
    "retrievability",
    "review",
]


def make_scheduler(
    relearn_minutes: Sequence[float] = DEFAULT_RELEARN_MINUTES, *, desired_retention: float = DESIRED_RETENTION
) -> Scheduler:
    """An fsrs Scheduler with our learning steps and no fuzz."""
    steps = tuple(timedelta(minutes=minutes) for minutes in relearn_minutes)
    return Scheduler(
        desired_retention=desired_retention,
        learning_steps=steps,
        relearning_steps=steps[-1:],
        enable_fuzzing=False,
    )


def card_id_for(pack_id: str, question_id: str) -> int:
    """A stable 48-bit id for the card of a question (fsrs would use the creation time)."""
    digest = hashlib.sha256(f"{pack_id}\x00{question_id}".encode()).digest()
    return int.from_bytes(digest[:6], "big")


def new_card(pack_id: str, question_id: str, now: datetime) -> Card:
    """A never-reviewed card, due `now`."""
    return Card(card_id=card_id_for(pack_id, question_id), state=State.Learning, due=as_utc(now))


def review(scheduler: Scheduler, card: Card, rating: Rating, now: datetime, seconds: float | None = None) -> Card:
    """The card after a review rated `rating` at `now` (a new object; `card` is unchanged)."""
    duration_ms = None if seconds is None else int(round(seconds * 1000))
    updated, _log = scheduler.review_card(
        card, FsrsRating(int(rating)), review_datetime=as_utc(now), review_duration=duration_ms
    )
    return updated


def retrievability(scheduler: Scheduler, card: Card | None, now: datetime) -> float:
    """Predicted recall probability at `now` (0 for a card never reviewed)."""
    if card is None:
        return 0.0
    return float(scheduler.get_card_retrievability(card, current_datetime=as_utc(now)))
