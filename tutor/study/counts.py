"""How many cards of a pack are due, new and studied: the home screen's counts.

Apart from `tutor.study.queue` (which imports the pack schema for drawing variants) so the
home screen can count a pack listed from the pack index (`tutor.packs.index`) before the
pack itself is loaded: these functions read only `pack.id` and each `question.id`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from tutor.store.db import Store
from tutor.study.clock import as_utc, today_bounds
from tutor.study.due import due_today


@dataclass(frozen=True)
class PackCounts:
    """For the home screen: due today (`due_today`), new available today, studied (reviewed at
    least once, as `tutor stats` counts them: a first session's cards are still in FSRS's
    learning state, and a "learned" count of review-state cards read 0 beside stats' "2/2
    studied"), total."""

    due: int
    new: int
    studied: int
    total: int


def new_cards_allowed(pack: Any, store: Store, now: datetime, new_per_day: int, tz: tzinfo | None) -> int:
    """How many new cards may still be introduced today."""
    start, end = today_bounds(now, tz)
    introduced = store.reviews.count_new_cards_introduced(pack.id, start, end)
    return max(0, new_per_day - introduced)


def pack_counts(
    pack: Any, store: Store, now: datetime, *, new_per_day: int | None = None, tz: tzinfo | None = None
) -> PackCounts:
    """Counts of the pack's current questions; `new` is capped by today's allowance if `new_per_day` is given."""
    now = as_utc(now)
    cards = store.cards.for_pack(pack.id)
    question_ids = [question.id for question in pack.questions]
    present = [cards[qid] for qid in question_ids if qid in cards]
    unseen = len(question_ids) - len(present)
    if new_per_day is not None:
        unseen = min(unseen, new_cards_allowed(pack, store, now, new_per_day, tz))
    return PackCounts(
        due=due_today(pack, store, now, tz=tz),
        new=unseen,
        studied=sum(card.stability is not None for card in present),
        total=len(question_ids),
    )
