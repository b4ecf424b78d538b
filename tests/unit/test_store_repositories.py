"""The card, review and mock repositories store and return exactly what they were given."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Card, State

from tutor.store import Store, open_store

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with open_store(tmp_path / "progress.sqlite3") as opened:
        yield opened


def card(card_id: int, due: datetime, state: State = State.Review, stability: float | None = 3.5) -> Card:
    return Card(card_id=card_id, state=state, step=None, stability=stability, difficulty=5.25, due=due, last_review=T0)


def test_card_round_trip_and_replace(store: Store) -> None:
    assert store.cards.get("p", "q1") is None
    first = card(1, T0 + timedelta(days=3))
    store.cards.put("p", "q1", first, now=T0)
    assert store.cards.get("p", "q1") == first
    second = card(1, T0 + timedelta(days=9), stability=8.0)
    store.cards.put("p", "q1", second, now=T0)
    assert store.cards.get("p", "q1") == second
    assert store.query_one("SELECT COUNT(*) FROM cards")[0] == 1
    assert store.query_one("SELECT due FROM cards")[0] == "2026-03-11T09:00:00.000000+00:00"


def test_due_cards_oldest_first_and_per_pack(store: Store) -> None:
    store.cards.put("p", "late", card(1, T0 + timedelta(hours=1)), now=T0)
    store.cards.put("p", "old", card(2, T0 - timedelta(days=2)), now=T0)
    store.cards.put("p", "older", card(3, T0 - timedelta(days=5)), now=T0)
    store.cards.put("other", "x", card(4, T0 - timedelta(days=9)), now=T0)
    assert [qid for qid, _ in store.cards.due("p", T0)] == ["older", "old"]
    assert [qid for qid, _ in store.cards.due("p", T0 + timedelta(hours=1))] == ["older", "old", "late"]
    assert sorted(store.cards.for_pack("p")) == ["late", "old", "older"]
    assert store.cards.due_between(T0 - timedelta(days=6), T0) == [
        ("p", "older", T0 - timedelta(days=5)),
        ("p", "old", T0 - timedelta(days=2)),
    ]
    assert [row[:2] for row in store.cards.due_between(T0 - timedelta(days=10), T0, pack_id="other")] == [("other", "x")]


def test_naive_datetimes_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        store.reviews.add(pack_id="p", question_id="q", mode="study", reviewed_at=datetime(2026, 3, 2))


def test_review_round_trip(store: Store) -> None:
    review_id = store.reviews.add(
        pack_id="p", question_id="q", mode="study", reviewed_at=T0, response="tanh", correct=False, score=0.5,
        feedback="half", notes=("hit:a", "missed:b"), rating=2, seconds=12.5, card_state=0,
    )
    record = store.reviews.get(review_id)
    assert record is not None
    assert (record.pack_id, record.question_id, record.mode, record.response) == ("p", "q", "study", "tanh")
    assert (record.correct, record.score, record.feedback, record.notes) == (False, 0.5, "half", ("hit:a", "missed:b"))
    assert (record.rating, record.overridden, record.replaces, record.seconds) == (2, False, None, 12.5)
    assert (record.hints, record.card_state, record.mock_id, record.reviewed_at) == (0, 0, None, T0)


def test_bad_rows_are_refused_by_the_schema(store: Store) -> None:
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError):
        store.reviews.add(pack_id="p", question_id="q", mode="cram", reviewed_at=T0)  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError):
        store.reviews.add(pack_id="p", question_id="q", mode="study", reviewed_at=T0, rating=5)
    with pytest.raises(sqlite3.IntegrityError):
        store.reviews.add(pack_id="p", question_id="q", mode="study", reviewed_at=T0, replaces=999)
    assert store.reviews.count() == 0


def test_reviews_between_and_new_cards_introduced(store: Store) -> None:
    add = store.reviews.add
    add(pack_id="p", question_id="a", mode="study", reviewed_at=T0 - timedelta(days=1), rating=3, card_state=0)
    add(pack_id="p", question_id="b", mode="study", reviewed_at=T0, rating=1, card_state=0)
    add(pack_id="p", question_id="b", mode="study", reviewed_at=T0 + timedelta(minutes=1), rating=3, card_state=1)
    add(pack_id="p", question_id="c", mode="study", reviewed_at=T0 + timedelta(hours=1), rating=3, card_state=0)
    add(pack_id="p", question_id="a", mode="study", reviewed_at=T0 + timedelta(hours=2), rating=3, card_state=2)
    add(pack_id="p", question_id="d", mode="practice", reviewed_at=T0, correct=True)
    add(pack_id="other", question_id="e", mode="study", reviewed_at=T0, rating=3, card_state=0)
    day = (T0.replace(hour=0), T0.replace(hour=0) + timedelta(days=1))
    assert store.reviews.count_new_cards_introduced("p", *day) == 2
    assert [r.question_id for r in store.reviews.between(*day, pack_id="p")] == ["b", "d", "b", "c", "a"]
    assert [r.question_id for r in store.reviews.between(*day, mode="practice")] == ["d"]
    assert len(store.reviews.between(None, None)) == 7
    assert [r.reviewed_at for r in store.reviews.for_question("p", "a")] == [
        T0 - timedelta(days=1),
        T0 + timedelta(hours=2),
    ]


def test_mock_rows(store: Store) -> None:
    plan = {"pack_id": "p", "seed": 3, "minutes": 2, "items": [{"question_id": "q"}]}
    mock_id = store.mocks.create(pack_id="p", seed=3, plan=plan, time_limit_seconds=120, started_at=T0)
    store.mocks.show_step(mock_id, position=0, question_id="q", follow_up_index=None, prompt="P?", model_answer="A.",
                          time_limit=80, shown_at=T0)
    store.mocks.show_step(mock_id, position=0, question_id="q", follow_up_index=None, prompt="changed",
                          model_answer="changed", time_limit=1, shown_at=T0 + timedelta(seconds=5))
    store.mocks.save_progress(mock_id, 0, elapsed=12.0, draft="vanish")
    [step] = store.mocks.steps(mock_id)
    assert (step.prompt, step.time_limit, step.shown_at, step.elapsed, step.draft, step.outcome) == (
        "P?", 80, T0, 12.0, "vanish", None)
    store.mocks.finish_step(mock_id, 0, outcome="answered", response="vanishing", answered_at=T0 + timedelta(seconds=30),
                            elapsed=30.0, correct=True, score=1.0, feedback="ok", notes=("hit:v",))
    store.mocks.save_progress(mock_id, 0, elapsed=99.0, draft="late tick")
    [step] = store.mocks.steps(mock_id)
    assert (step.outcome, step.response, step.elapsed, step.draft, step.correct, step.score, step.notes) == (
        "answered", "vanishing", 30.0, "vanishing", True, 1.0, ("hit:v",))
    [record] = store.mocks.list(statuses=("in_progress",))
    assert (record.status, record.plan, record.time_limit_seconds) == ("in_progress", plan, 120)
    store.mocks.finish(mock_id, finished_at=T0 + timedelta(minutes=1), score=1.0, queued=["q"])
    store.mocks.discard(mock_id, at=T0 + timedelta(minutes=2))
    record = store.mocks.get(mock_id)
    assert (record.status, record.finished_at, record.score, record.queued) == (
        "finished", T0 + timedelta(minutes=1), 1.0, ("q",))
    assert store.mocks.list(statuses=("in_progress",)) == []
