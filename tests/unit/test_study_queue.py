"""The flashcard session: queue order, daily new limit, same-day relearning, committed ratings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Card, Rating, State

from tests.unit.core_fakes import START, FakeClock, FakeGrade, make_pack, make_question, rate, study_grade
from tutor.store import Store, open_store
from tutor.study.grades import local_rating
from tutor.study.queue import PackCounts, Remaining, StudyError, StudySession, pack_counts
from tutor.study.scheduler import card_id_for

CONCEPTS = {
    "kind": "concepts",
    "concepts": [
        {"name": "product", "phrases": ["product of jacobians"]},
        {"name": "shrink", "phrases": ["shrinks"]},
    ],
}
PACK = make_pack(
    "rnn",
    [make_question(f"q{n}") for n in range(1, 5)]
    + [make_question("q5", check=CONCEPTS), make_question("q6", check={"kind": "self"})],
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with open_store(tmp_path / "progress.sqlite3") as opened:
        yield opened


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def session(store: Store, clock: FakeClock, **options: object) -> StudySession:
    return StudySession(PACK, store, clock=clock, rater=local_rating, **options)


def review_card(question_id: str, due: datetime, state: State = State.Review) -> Card:
    step = None if state == State.Review else 0
    return Card(card_id=card_id_for("rnn", question_id), state=state, step=step, stability=4.0, difficulty=5.0,
                due=due, last_review=due - timedelta(days=4))


def shown_ids(study: StudySession, rating: Rating = Rating.Easy) -> list[str]:
    seen = []
    while (item := study.current()) is not None:
        seen.append(item.question.id)
        rate(study, rating)
    return seen


def test_a_first_answer_is_graded_rated_and_stored_at_once(store: Store, clock: FakeClock, tmp_path: Path) -> None:
    study = session(store, clock, new_per_day=3)
    assert study.remaining() == Remaining(due=0, new=3, learning=0, relearning=0)
    item = study.current()
    assert (item.question.id, item.source, item.is_new) == ("q1", "new", True)
    clock.advance(seconds=6)
    grade = study_grade(study, "a")
    assert (grade.correct, grade.score) == (True, 1.0)
    assert study.suggested_rating(grade) == Rating.Easy  # 6 s since the card was shown
    assert study.suggested_rating(grade, 40.0) == Rating.Good
    card = study.record("q1", "a", grade, Rating.Good)
    assert (card.state, card.step, card.due) == (State.Learning, 1, START + timedelta(seconds=6, minutes=10))
    with open_store(tmp_path / "progress.sqlite3") as other:
        [row] = other.reviews.for_question("rnn", "q1")
        assert (row.mode, row.response, row.correct, row.score, row.rating, row.seconds, row.card_state) == (
            "study", "a", True, 1.0, 3, 6.0, 0)
        assert row.reviewed_at == START + timedelta(seconds=6)
        assert other.cards.get("rnn", "q1") == card
    assert study.reviewed == 1
    assert study.current().question.id == "q2"


def test_due_cards_come_first_oldest_first_then_new_cards(store: Store, clock: FakeClock) -> None:
    store.cards.put("rnn", "q3", review_card("q3", START - timedelta(days=2)), now=START)
    store.cards.put("rnn", "q5", review_card("q5", START - timedelta(days=1)), now=START)
    store.cards.put("rnn", "q4", review_card("q4", START + timedelta(hours=3)), now=START)  # later today
    store.cards.put("rnn", "q2", review_card("q2", START + timedelta(days=1)), now=START)  # tomorrow
    store.cards.put("rnn", "gone", review_card("gone", START - timedelta(days=9)), now=START)  # not in pack
    study = session(store, clock, new_per_day=1)
    assert study.remaining() == Remaining(due=3, new=1, learning=0, relearning=0)
    assert [study.current().source] == ["due"]
    assert shown_ids(study) == ["q3", "q5", "q4", "q1"]
    assert study.done


def test_daily_new_limit_counts_cards_introduced_earlier_today(store: Store, clock: FakeClock) -> None:
    assert shown_ids(session(store, clock, new_per_day=2)) == ["q1", "q2"]
    clock.advance(hours=3)
    again_today = session(store, clock, new_per_day=2)
    assert again_today.remaining() == Remaining(due=0, new=0, learning=0, relearning=0)
    assert again_today.done and again_today.current() is None
    assert session(store, clock, new_per_day=3).remaining().new == 1
    clock.advance(days=1)
    assert shown_ids(session(store, clock, new_per_day=2)) == ["q3", "q4"]


@pytest.mark.parametrize(("retention", "days"), [(0.8, 53), (0.9, 16), (0.95, 6)])
def test_desired_retention_sets_the_interval_of_a_review(store: Store, clock: FakeClock, retention: float,
                                                        days: int) -> None:
    """fsrs golden values: a card of stability 4 rated Good a day late, timed for each retention."""
    store.cards.put("rnn", "q1", review_card("q1", START - timedelta(days=1)), now=START)
    study = session(store, clock, new_per_day=0, desired_retention=retention)
    assert rate(study, Rating.Good).due == START + timedelta(days=days)
    assert store.cards.get("rnn", "q1").due == START + timedelta(days=days)


def test_again_and_hard_come_back_after_their_step_the_same_day(store: Store, clock: FakeClock) -> None:
    study = session(store, clock, new_per_day=3)
    assert study.current().question.id == "q1"
    assert rate(study, Rating.Again).due == START + timedelta(minutes=1)
    clock.advance(seconds=20)
    assert study.current().question.id == "q2"
    assert study.remaining() == Remaining(due=0, new=2, learning=1, relearning=0)
    assert rate(study, Rating.Hard).due == START + timedelta(minutes=5, seconds=50)
    clock.advance(seconds=50)  # 09:01:10: q1's one-minute step is over
    item = study.current()
    assert (item.question.id, item.source, item.card.step) == ("q1", "learning", 0)
    assert rate(study, Rating.Good).due == START + timedelta(seconds=70, minutes=10)
    assert study.current().question.id == "q3"
    rate(study, Rating.Easy)
    # Only learning steps remain: q2 (Hard, due 09:05:50) then q1 (due 09:11:10), shown ahead of time.
    assert [study.current().question.id, study.current().source] == ["q2", "learning"]
    rate(study, Rating.Easy)
    assert study.current().question.id == "q1"
    rate(study, Rating.Good)
    assert study.done
    ratings = [(r.question_id, r.rating, r.card_state) for r in store.reviews.between(None, None)]
    assert ratings == [("q1", 1, 0), ("q2", 2, 0), ("q1", 3, 1), ("q3", 4, 0), ("q2", 4, 1), ("q1", 3, 1)]
    assert store.cards.get("rnn", "q1").state == State.Review


def test_a_new_card_in_its_steps_is_learning_and_only_a_lapsed_one_relearning(store: Store, clock: FakeClock) -> None:
    store.cards.put("rnn", "q1", review_card("q1", START - timedelta(hours=1)), now=START)
    study = session(store, clock, new_per_day=1)
    assert study.current().source == "due"
    assert rate(study, Rating.Again).state == State.Relearning  # q1 lapsed
    assert study.current().source == "new"
    assert rate(study, Rating.Good).state == State.Learning  # q2: nothing lapsed
    assert study.remaining() == Remaining(due=0, new=0, learning=1, relearning=1)
    clock.advance(minutes=10)
    assert [(study.current().question.id, study.current().source)] == [("q1", "relearning")]
    rate(study, Rating.Good)
    assert [(study.current().question.id, study.current().source)] == [("q2", "learning")]
    assert study.remaining() == Remaining(due=0, new=0, learning=1, relearning=0)


def test_without_learn_ahead_the_session_waits_for_the_step(store: Store, clock: FakeClock) -> None:
    study = session(store, clock, new_per_day=1, learn_ahead_minutes=0)
    rate(study, Rating.Again)
    assert study.current() is None
    assert not study.done
    assert study.waiting_until == START + timedelta(minutes=1)
    clock.advance(seconds=59)
    assert study.current() is None
    clock.advance(seconds=1)
    assert study.current().question.id == "q1"
    assert study.waiting_until is None


def test_a_step_that_ends_tomorrow_leaves_the_session(store: Store) -> None:
    clock = FakeClock(datetime(2026, 3, 2, 23, 59, 30, tzinfo=UTC))
    study = session(store, clock, new_per_day=1)
    assert rate(study, Rating.Again).due == datetime(2026, 3, 3, 0, 0, 30, tzinfo=UTC)
    assert study.done


def test_learning_cards_due_later_today_join_the_session(store: Store, clock: FakeClock) -> None:
    store.cards.put("rnn", "q2", review_card("q2", START + timedelta(minutes=5), State.Learning), now=START)
    study = session(store, clock, new_per_day=0)
    assert study.remaining() == Remaining(due=0, new=0, learning=1, relearning=0)
    assert study.current().question.id == "q2"


def test_invalid_answers_are_not_attempts(store: Store, clock: FakeClock) -> None:
    study = session(store, clock, new_per_day=1)
    invalid = study_grade(study, "?oops")
    assert invalid.invalid
    with pytest.raises(StudyError, match="format error"):
        study.record("q1", "?oops", invalid, Rating.Again)
    assert store.reviews.between(None, None) == [] and study.current().question.id == "q1"
    wrong = study_grade(study, "b")
    assert (wrong.correct, study.suggested_rating(wrong)) == (False, Rating.Again)
    study.record("q1", "b", wrong, Rating.Again, seconds=30)
    [row] = store.reviews.between(None, None)
    assert (row.response, row.correct, row.score, row.seconds) == ("b", False, 0.0, 30.0)


def test_no_rating_is_suggested_without_a_shown_card_to_time(store: Store, clock: FakeClock) -> None:
    from tutor.checks.answers import grade

    study = session(store, clock, new_per_day=0)
    assert study.current() is None
    right = grade({"kind": "numeric", "answer": "1"}, "1")
    assert study.suggested_rating(right) is None  # it raised a TypeError (None > 15) before
    assert study.suggested_rating(right, 5) == Rating.Easy


def test_suggested_rating_follows_the_grade_and_time(store: Store, clock: FakeClock) -> None:
    store.cards.put("rnn", "q5", review_card("q5", START), now=START)
    study = session(store, clock, new_per_day=0)
    assert study.current().question.id == "q5"
    partial = study_grade(study, "it is a product of Jacobians")
    assert (partial.score, study.suggested_rating(partial, 5)) == (0.5, Rating.Hard)
    right = study_grade(study, "a product of jacobians that shrinks")
    assert [study.suggested_rating(right, 5), study.suggested_rating(right, 16)] == [Rating.Easy, Rating.Good]
    study.record("q5", "a product of jacobians that shrinks", right, Rating.Good)
    [row] = store.reviews.between(None, None)
    assert (row.notes, row.card_state) == (("hit:product", "hit:shrink"), int(State.Review))


def test_a_self_check_is_revealed_and_rated_by_the_learner(store: Store, clock: FakeClock) -> None:
    store.cards.put("rnn", "q6", review_card("q6", START), now=START)
    study = session(store, clock, new_per_day=0)
    assert study_grade(study, "my recollection") is None
    assert study.suggested_rating(None) is None
    study.record("q6", "my recollection", None, Rating.Hard)
    [row] = store.reviews.between(None, None)
    assert (row.question_id, row.response, row.correct, row.rating) == ("q6", "my recollection", None, 2)


def test_rating_with_nothing_to_show_is_an_error(store: Store, clock: FakeClock) -> None:
    study = session(store, clock, new_per_day=0)
    assert study.done
    with pytest.raises(StudyError):
        study.record("q1", None, None, Rating.Good)


def test_record_takes_the_answer_to_the_card_shown_graded_as_the_card_is(store: Store, clock: FakeClock) -> None:
    study = session(store, clock, new_per_day=6)
    with pytest.raises(StudyError, match="'q2' was answered but the session is on 'q1'"):
        study.record("q2", "a", study_grade(study, "a"), Rating.Good)
    with pytest.raises(StudyError, match="graded automatically"):
        study.record("q1", "a", None, Rating.Good)  # an answer is recorded with its grade
    assert store.reviews.between(None, None) == []
    for _ in range(5):  # to the self-rated card, q6
        rate(study, Rating.Easy)
    assert study.current().question.id == "q6"
    with pytest.raises(StudyError, match="rated by the learner"):
        study.record("q6", "a", FakeGrade(True, 1.0), Rating.Good)


def test_pack_counts_for_the_home_screen(store: Store, clock: FakeClock) -> None:
    assert pack_counts(PACK, store, START) == PackCounts(due=0, new=6, studied=0, total=6)
    store.cards.put("rnn", "q1", review_card("q1", START - timedelta(days=1)), now=START)
    store.cards.put("rnn", "q2", review_card("q2", START + timedelta(hours=2)), now=START)
    store.cards.put("rnn", "q3", review_card("q3", START + timedelta(days=2)), now=START)
    store.cards.put("rnn", "q4", review_card("q4", START + timedelta(minutes=3), State.Learning), now=START)
    store.cards.put("rnn", "gone", review_card("gone", START - timedelta(days=1)), now=START)
    # due today: q1 overdue, q2 later today, q4's learning step in 3 minutes; q3 is due in 2 days
    # and "gone" is no longer a question of the pack
    assert pack_counts(PACK, store, START) == PackCounts(due=3, new=2, studied=4, total=6)
    assert pack_counts(PACK, store, START + timedelta(minutes=3)) == PackCounts(due=3, new=2, studied=4, total=6)
    store.reviews.add(pack_id="rnn", question_id="q1", mode="study", reviewed_at=START, rating=3, card_state=0)
    assert pack_counts(PACK, store, START, new_per_day=2).new == 1
    assert pack_counts(PACK, store, START, new_per_day=0).new == 0
