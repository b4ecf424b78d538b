"""Stats from a store filled by the test: exact reviews per day, retention, forecast, mastery, streak."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fsrs import Card, State

from tests.unit.core_fakes import START, make_pack, make_question
from tutor.store import Store, open_store
from tutor.study.stats import (
    DayCount,
    MasteryEntry,
    PracticeTally,
    due_forecast,
    mastery,
    practice_tally,
    retention,
    reviews_per_day,
    streak,
    summary,
)

PACK = make_pack(
    "rnn",
    [
        make_question("q1", level="basic", topics=["a"]),
        make_question("q2", level="intermediate", topics=["a", "b"]),
        make_question("q3", level="basic", topics=["b"]),
        make_question("q4", level="advanced", topics=["c"]),
    ],
)
DECAY = -0.1542
FACTOR = 0.9 ** (1 / DECAY) - 1


def at(day: int, hour: int = 12) -> datetime:
    """An instant in March 2026 (day 0 is 28 February, negative days go further back)."""
    return datetime(2026, 3, 1, hour, tzinfo=UTC) + timedelta(days=day - 1)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with open_store(tmp_path / "progress.sqlite3") as opened:
        add = opened.reviews.add
        add(pack_id="rnn", question_id="q1", mode="study", reviewed_at=at(2, 8), rating=3)
        add(pack_id="rnn", question_id="q2", mode="study", reviewed_at=at(2, 8), rating=1)
        first = add(pack_id="rnn", question_id="q3", mode="practice", reviewed_at=at(2, 2), correct=False)
        add(pack_id="rnn", question_id="q3", mode="practice", reviewed_at=at(2, 3), correct=True, overridden=True,
            replaces=first)
        add(pack_id="rnn", question_id="q1", mode="study", reviewed_at=at(1), rating=4)
        add(pack_id="rnn", question_id="q2", mode="study", reviewed_at=at(1), rating=2)
        add(pack_id="rnn", question_id="q2", mode="mock", reviewed_at=at(0), score=0.5)
        add(pack_id="rnn", question_id="q3", mode="study", reviewed_at=at(-2), rating=1)
        add(pack_id="rnn", question_id="q3", mode="study", reviewed_at=at(-30), rating=3)
        add(pack_id="other", question_id="x", mode="study", reviewed_at=at(2, 7), rating=1)
        yield opened


def test_reviews_per_day_for_the_last_30_days(store: Store) -> None:
    days = reviews_per_day(store, START, pack_id="rnn")
    assert len(days) == 30
    assert (days[0].day, days[-1].day) == (date(2026, 2, 1), date(2026, 3, 2))
    assert {d.day: d.count for d in days if d.count} == {
        date(2026, 3, 2): 3, date(2026, 3, 1): 2, date(2026, 2, 28): 1, date(2026, 2, 26): 1}
    assert reviews_per_day(store, START)[-1] == DayCount(date(2026, 3, 2), 4)
    new_york = reviews_per_day(store, START, days=2, tz=ZoneInfo("America/New_York"), pack_id="rnn")
    assert new_york == (DayCount(date(2026, 3, 1), 3), DayCount(date(2026, 3, 2), 2))


def test_retention_is_the_share_of_study_reviews_not_rated_again(store: Store) -> None:
    assert retention(store, pack_id="rnn") == pytest.approx(4 / 6)
    assert retention(store, pack_id="rnn", since=at(1, 0)) == pytest.approx(3 / 4)
    assert retention(store, pack_id="other") == 0.0
    assert retention(store, pack_id="nothing") is None


def test_streak_counts_consecutive_days_up_to_today_or_yesterday(store: Store) -> None:
    assert streak(store, START) == 3
    assert streak(store, at(3, 23)) == 3  # nothing yet on 3 March: the streak is still alive
    assert streak(store, at(4)) == 0
    assert streak(store, at(-2)) == 1


def card(due: datetime, stability: float | None = 5.0, last_review: datetime | None = None) -> Card:
    state = State.Review if stability is not None else State.Learning
    return Card(card_id=1, state=state, step=None if stability else 0, stability=stability,
                difficulty=5.0 if stability else None, due=due, last_review=last_review)


def test_forecast_of_due_cards_for_14_days(store: Store) -> None:
    store.cards.put("rnn", "q1", card(at(-5)), now=START)
    store.cards.put("rnn", "q2", card(at(2, 18)), now=START)
    store.cards.put("rnn", "q3", card(at(3)), now=START)
    store.cards.put("rnn", "q4", card(at(15, 9)), now=START)
    store.cards.put("rnn", "q5", card(at(1)), now=START)  # q5 is no longer a question of the pack
    store.cards.put("other", "x", card(at(3)), now=START)
    forecast = due_forecast(PACK, store, START)
    assert len(forecast) == 14
    assert (forecast[0].day, forecast[-1].day) == (date(2026, 3, 2), date(2026, 3, 15))
    assert [d.count for d in forecast] == [2, 1] + [0] * 11 + [1]


def test_mastery_per_topic_and_level_from_retrievability(store: Store) -> None:
    store.cards.put("rnn", "q1", card(at(10), stability=10.0, last_review=START - timedelta(days=5)), now=START)
    store.cards.put("rnn", "q2", card(at(4), stability=2.0, last_review=START - timedelta(hours=3)), now=START)
    store.cards.put("rnn", "q4", card(START, stability=None), now=START)  # queued by a mock, never reviewed
    # recall predicted a week ahead (fsrs counts whole days): q1 12 days after its review with
    # stability 10, q2 7 days after with stability 2 (just reviewed: its recall now is 1)
    recall_q1 = (1 + FACTOR * 12 / 10.0) ** DECAY
    recall_q2 = (1 + FACTOR * 7 / 2.0) ** DECAY
    result = mastery(PACK, store, START)
    assert result.by_topic == (
        MasteryEntry("a", pytest.approx((recall_q1 + recall_q2) / 2), 6.0, 2, 2),
        MasteryEntry("b", pytest.approx(recall_q2 / 2), 2.0, 2, 1),
        MasteryEntry("c", 0.0, None, 1, 0),
    )
    assert result.by_level == (
        MasteryEntry("basic", pytest.approx(recall_q1 / 2), 10.0, 2, 1),
        MasteryEntry("intermediate", pytest.approx(recall_q2), 2.0, 1, 1),
        MasteryEntry("advanced", 0.0, None, 1, 0),
    )
    assert (recall_q1, recall_q2) == (pytest.approx(0.8870, abs=1e-4), pytest.approx(0.7949, abs=1e-4))


def test_summary_bundles_everything_for_one_pack(store: Store) -> None:
    result = summary(PACK, store, START)
    assert result.reviews_per_day[-1].count == 3
    assert result.retention == pytest.approx(4 / 6)
    assert [d.count for d in result.forecast] == [0] * 14
    assert result.streak == 3
    assert result.mocks == ()
    assert result.practice == PracticeTally(answers=1, right=1, questions=1)  # q3, corrected to right
    assert [entry.name for entry in result.mastery.by_topic] == ["a", "b", "c"]


def test_practice_counts_answers_with_their_last_verdict(store: Store) -> None:
    """q3's first answer was corrected to right ("I was right"); a second one's verdict was
    overridden and then taken back (a row replacing the override: right again); q1's stays
    wrong: 2 of 3 right, to 2 questions (another pack's answer is not counted)."""
    add = store.reviews.add
    second = add(pack_id="rnn", question_id="q3", mode="practice", reviewed_at=at(2, 4), correct=True)
    override = add(pack_id="rnn", question_id="q3", mode="practice", reviewed_at=at(2, 5), correct=False,
                   overridden=True, replaces=second)
    add(pack_id="rnn", question_id="q3", mode="practice", reviewed_at=at(2, 6), correct=True, overridden=True,
        replaces=override)
    add(pack_id="rnn", question_id="q1", mode="practice", reviewed_at=at(2, 7), correct=False)
    add(pack_id="other", question_id="x", mode="practice", reviewed_at=at(2, 7), correct=True)
    assert practice_tally(store, "rnn") == PracticeTally(answers=3, right=2, questions=2)
    assert practice_tally(store, "nothing") == PracticeTally(0, 0, 0)
