"""Progress figures for the stats screen and `tutor stats`, computed exactly from the store.

- reviews per day: every answer in every mode (overriding "I was right" rows are
  corrections, not answers, and are not counted), per calendar day in `tz`;
- retention: the share of study reviews not rated Again;
- forecast: cards of the pack's questions falling due per day, today's count including
  overdue cards (`tutor.study.due`: the home screen's Due is the same count as today's);
- mastery: mean fsrs retrievability a week from now (MASTERY_HORIZON) of the pack's
  questions (0 for a question never studied), per topic and per level, with the mean stability
  of the studied ones. Not the recall now: that is close to 1 just after any review, so a card
  just rated Again read as mastered;
- streak: consecutive days with at least one answer, ending today (or yesterday, if
  nothing was answered yet today: the streak is not lost until the day is over);
- practice: answers given in practice and how many were right, with the learner's
  corrections applied. Practice schedules nothing, so it is in no mastery figure; without
  this tally a learner who only practised saw no trace of it but a count of reviews.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from tutor.store.db import Store
from tutor.study.clock import day_bounds, local_day
from tutor.study.due import DayCount
from tutor.study.due import due_per_day as due_forecast
from tutor.study.mock_plan import LEVEL_ORDER
from tutor.study.mock_report import MockSummary, history
from tutor.study.rating import Rating
from tutor.study.scheduler import make_scheduler, retrievability


@dataclass(frozen=True)
class MasteryEntry:
    name: str
    retrievability: float
    """Mean predicted recall a week from now over the group's questions (never studied = 0)."""
    stability: float | None
    """Mean fsrs stability in days over the studied questions (None if none studied)."""
    questions: int
    studied: int


@dataclass(frozen=True)
class Mastery:
    by_topic: tuple[MasteryEntry, ...]
    by_level: tuple[MasteryEntry, ...]


@dataclass(frozen=True)
class PracticeTally:
    answers: int
    right: int
    """Answers whose verdict, after any correction, is right."""
    questions: int
    """Distinct questions answered."""


@dataclass(frozen=True)
class StatsSummary:
    reviews_per_day: tuple[DayCount, ...]
    retention: float | None
    forecast: tuple[DayCount, ...]
    mastery: Mastery
    streak: int
    mocks: tuple[MockSummary, ...]
    practice: PracticeTally = PracticeTally(0, 0, 0)


def reviews_per_day(
    store: Store, now: datetime, *, days: int = 30, tz: tzinfo | None = None, pack_id: str | None = None
) -> tuple[DayCount, ...]:
    """Answers per day for the `days` days ending today, oldest first (zeros included)."""
    today = local_day(now, tz)
    first = today - timedelta(days=days - 1)
    start, _ = day_bounds(first, tz)
    _, end = day_bounds(today, tz)
    counts = {first + timedelta(days=offset): 0 for offset in range(days)}
    for record in store.reviews.between(start, end, pack_id=pack_id):
        if not record.overridden:
            counts[local_day(record.reviewed_at, tz)] += 1
    return tuple(DayCount(day, count) for day, count in counts.items())


def retention(store: Store, *, pack_id: str | None = None, since: datetime | None = None) -> float | None:
    """Share of rated study reviews not rated Again (None when there are none)."""
    ratings = [
        record.rating
        for record in store.reviews.between(since, None, pack_id=pack_id, mode="study")
        if record.rating is not None
    ]
    if not ratings:
        return None
    return sum(rating != Rating.AGAIN for rating in ratings) / len(ratings)


MASTERY_HORIZON = timedelta(days=7)
"""How far ahead mastery predicts recall."""


def mastery(pack: Any, store: Store, now: datetime) -> Mastery:
    """Mastery of the pack's current questions per topic (sorted by name) and per level."""
    scheduler = make_scheduler()
    ahead = now + MASTERY_HORIZON
    cards = store.cards.for_pack(pack.id)
    topic_groups: dict[str, list[Any]] = {}
    level_groups: dict[str, list[Any]] = {}
    for question in pack.questions:
        for topic in question.topics:
            topic_groups.setdefault(topic, []).append(question)
        level = str(getattr(question.level, "value", question.level))
        level_groups.setdefault(level, []).append(question)

    def entry(name: str, questions: list[Any]) -> MasteryEntry:
        studied = [cards[q.id] for q in questions if q.id in cards and cards[q.id].stability is not None]
        recall = sum(retrievability(scheduler, card, ahead) for card in studied)
        return MasteryEntry(
            name=name,
            retrievability=recall / len(questions),
            stability=sum(card.stability for card in studied if card.stability is not None) / len(studied)
            if studied else None,
            questions=len(questions),
            studied=len(studied),
        )

    levels = sorted(level_groups, key=lambda name: (LEVEL_ORDER.index(name) if name in LEVEL_ORDER else 99, name))
    return Mastery(
        by_topic=tuple(entry(topic, topic_groups[topic]) for topic in sorted(topic_groups)),
        by_level=tuple(entry(level, level_groups[level]) for level in levels),
    )


def practice_tally(store: Store, pack_id: str) -> PracticeTally:
    """The pack's practice answers; each counts with its last verdict ("I was right" appends a
    row replacing the automatic one, taking it back appends another replacing that)."""
    records = store.reviews.between(None, None, pack_id=pack_id, mode="practice")
    replacement = {record.replaces: record for record in records if record.replaces is not None}
    answers = [record for record in records if not record.overridden]
    right = 0
    for answer in answers:
        last = answer
        while last.id in replacement:
            last = replacement[last.id]
        right += bool(last.correct)
    return PracticeTally(len(answers), right, len({answer.question_id for answer in answers}))


def streak(store: Store, now: datetime, *, tz: tzinfo | None = None) -> int:
    """Consecutive days with an answer, ending today (or yesterday if none yet today)."""
    active = {local_day(record.reviewed_at, tz)
              for record in store.reviews.between(None, None) if not record.overridden}
    day = local_day(now, tz)
    if day not in active:
        day -= timedelta(days=1)
    length = 0
    while day in active:
        length += 1
        day -= timedelta(days=1)
    return length


def summary(pack: Any, store: Store, now: datetime, *, tz: tzinfo | None = None) -> StatsSummary:
    """Everything the stats screen shows for one pack."""
    return StatsSummary(
        reviews_per_day=reviews_per_day(store, now, tz=tz, pack_id=pack.id),
        retention=retention(store, pack_id=pack.id),
        forecast=due_forecast(pack, store, now, tz=tz),
        mastery=mastery(pack, store, now),
        streak=streak(store, now, tz=tz),
        mocks=tuple(history(store, pack.id)),
        practice=practice_tally(store, pack.id),
    )
