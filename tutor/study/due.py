"""When a pack's cards fall due, per calendar day of the learner: the one definition
behind the home screen's Due and the stats' forecast, whose "today" is the same number.

A card counts on the local day (in `tz`) its due instant falls in; a card already
overdue counts today. So "due today" holds review cards due at any hour of today and
learning or relearning cards whose step ends today (the study session shows those
today too). Only the cards of the pack's current questions count: the card left by a
question removed from the pack is never shown, so it is never due. The two counts
disagreed before (the home screen left out a learning step ending later today, the
stats counted cards of removed questions).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from tutor.store.db import Store
from tutor.study.clock import as_utc, day_bounds, local_day


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int


def due_per_day(pack: Any, store: Store, now: datetime, *, days: int = 14,
                tz: tzinfo | None = None) -> tuple[DayCount, ...]:
    """Cards of `pack` due on each of the `days` local days from today; today's count
    includes the overdue ones."""
    today = local_day(as_utc(now), tz)
    counts = {today + timedelta(days=offset): 0 for offset in range(days)}
    _, end = day_bounds(today + timedelta(days=days - 1), tz)
    current = {question.id for question in pack.questions}
    for question_id, card in store.cards.for_pack(pack.id).items():
        if question_id in current and card.due < end:
            counts[max(today, local_day(card.due, tz))] += 1
    return tuple(DayCount(day, count) for day, count in counts.items())


def due_today(pack: Any, store: Store, now: datetime, *, tz: tzinfo | None = None) -> int:
    """Cards of `pack` due by the end of the learner's today, overdue ones included."""
    return due_per_day(pack, store, now, days=1, tz=tz)[0].count
