"""The home screen's Due and the stats' "today" are one count (`tutor.study.due`), taken
on the learner's calendar day: here New York, at 20:00 on 2 March, when UTC is already
on 3 March. The study session shows the same cards today."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fsrs import Card, State

from tests.unit.core_fakes import FakeClock, make_pack, make_question
from tutor.service.backend import CoreBackend
from tutor.store import Store, open_store
from tutor.study.due import DayCount, due_per_day, due_today
from tutor.study.queue import Remaining, StudySession, pack_counts
from tutor.study.scheduler import card_id_for
from tutor.study.stats import summary

NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 3, 3, 1, 0, tzinfo=UTC)  # 20:00 on 2 March in New York
PACK = make_pack("rnn", [make_question(f"q{n}") for n in range(1, 8)])


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def card(question_id: str, state: State, due: datetime) -> Card:
    learning = state != State.Review
    return Card(card_id=card_id_for("rnn", question_id), state=state, step=0 if learning else None,
                stability=4.0, difficulty=5.0, due=due, last_review=due - timedelta(days=1))


CARDS = {
    # q1 is new: no card
    "q2": card("q2", State.Learning, NOW + timedelta(minutes=10)),  # 20:10 today
    "q3": card("q3", State.Relearning, utc(3, 4, 50)),  # 23:50 today in New York, 3 March in UTC
    "q4": card("q4", State.Review, utc(3, 2)),  # 21:00 today
    "q5": card("q5", State.Review, utc(3, 6)),  # 01:00 tomorrow in New York, "today" in UTC
    "q6": card("q6", State.Review, utc(1, 12) - timedelta(days=10)),  # overdue
    "q7": card("q7", State.Learning, utc(3, 5, 30)),  # 00:30 tomorrow in New York
    "gone": card("gone", State.Review, utc(1, 12)),  # overdue, but no longer a question of the pack
}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with open_store(tmp_path / "progress.sqlite3") as opened:
        for question_id, due_card in CARDS.items():
            opened.cards.put("rnn", question_id, due_card, now=NOW)
        yield opened


def test_due_today_is_counted_on_the_learners_day(store: Store) -> None:
    assert due_today(PACK, store, NOW, tz=NEW_YORK) == 4  # q2 learning, q3 relearning, q4, q6 review
    assert due_per_day(PACK, store, NOW, days=3, tz=NEW_YORK) == (
        DayCount(date(2026, 3, 2), 4), DayCount(date(2026, 3, 3), 2), DayCount(date(2026, 3, 4), 0))
    assert due_today(PACK, store, NOW, tz=UTC) == 6  # on UTC's day, 3 March, q5 and q7 too


def test_the_home_count_and_the_stats_today_agree(store: Store) -> None:
    home = pack_counts(PACK, store, NOW, new_per_day=20, tz=NEW_YORK)
    stats = summary(PACK, store, NOW, tz=NEW_YORK)
    assert home.due == stats.forecast[0].count == 4
    assert stats.forecast[1].count == 2
    # what a session opened now holds for today: the same cards, by the pile they are in
    session = StudySession(PACK, store, clock=FakeClock(NOW), tz=NEW_YORK, new_per_day=0)
    assert session.remaining() == Remaining(due=2, new=0, learning=1, relearning=1)


def test_the_apps_backend_gives_both_screens_the_same_number(tmp_path: Path) -> None:
    backend = CoreBackend(store_path=tmp_path / "progress.sqlite3", clock=lambda: NOW, tz=NEW_YORK)
    try:
        for question_id, due_card in CARDS.items():
            backend.store.cards.put("rnn", question_id, due_card, now=NOW)
        assert backend.counts(PACK).due == backend.stats(PACK).forecast[0].count == 4
    finally:
        backend.close()
