"""Practice: filtered shuffled questions, answers stored at once, hints, "I was right"."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

from tests.unit.core_fakes import START, FakeClock, FakeGrade, make_pack, make_question, practise
from tutor.store import Store, open_store
from tutor.study.practice import PracticeSession, filter_questions
from tutor.study.queue import StudyError

PACK = make_pack(
    "rnn",
    [
        make_question("a", level="basic", topics=["bptt"], hints=["think of the chain rule", "multiply Jacobians"],
                      follow_ups=[("And for LSTMs?", "The cell path is additive.")]),
        make_question("b", level="intermediate", topics=["lstm"]),
        make_question("c", level="advanced", topics=["bptt", "spectral"]),
        make_question("d", level="basic", topics=["lstm", "gating"]),
        make_question("e", level="intermediate", topics=["init"], check={"kind": "self"}),
    ],
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with open_store(tmp_path / "progress.sqlite3") as opened:
        yield opened


def ids(questions) -> list[str]:
    return [question.id for question in questions]


def test_filters_by_topic_and_level() -> None:
    assert ids(filter_questions(PACK.questions)) == ["a", "b", "c", "d", "e"]
    assert ids(filter_questions(PACK.questions, topics=["bptt"])) == ["a", "c"]
    assert ids(filter_questions(PACK.questions, levels=["basic", "advanced"])) == ["a", "c", "d"]
    assert ids(filter_questions(PACK.questions, topics=["lstm", "spectral"], levels=["basic", "advanced"])) == ["c", "d"]
    assert filter_questions(PACK.questions, topics=["nothing"]) == []


def test_shuffle_is_reproducible_with_either_kind_of_generator(store: Store) -> None:
    def order(rng) -> list[str]:
        return ids(PracticeSession(PACK, store, clock=FakeClock(), rng=rng).questions)

    python_order = order(random.Random(7))
    assert python_order == random.Random(7).sample(["a", "b", "c", "d", "e"], 5)
    assert order(random.Random(7)) == python_order
    numpy_order = order(np.random.default_rng(7))
    assert numpy_order == [["a", "b", "c", "d", "e"][i] for i in np.random.default_rng(7).permutation(5)]
    assert sorted(numpy_order) == ["a", "b", "c", "d", "e"]


def practice(store: Store, clock: FakeClock, **filters) -> PracticeSession:
    return PracticeSession(PACK, store, clock=clock, rng=random.Random(1), **filters)


def test_answers_are_stored_at_once_and_invalid_ones_are_not(store: Store, tmp_path: Path) -> None:
    clock = FakeClock()
    session = practice(store, clock, topics=["bptt"], levels=["basic"])
    assert ids(session.questions) == ["a"]
    assert session.hint() == "think of the chain rule"
    assert session.hint() == "multiply Jacobians"
    assert session.hint() is None
    assert [f.prompt for f in session.follow_ups] == ["And for LSTMs?"]
    clock.advance(seconds=9)
    assert practise(session, "?").invalid
    assert store.reviews.count() == 0
    grade = practise(session, "b")
    assert (grade.correct, session.last_grade) == (False, grade)
    with open_store(tmp_path / "progress.sqlite3") as other:
        [row] = other.reviews.between(None, None)
    assert (row.mode, row.question_id, row.response, row.correct, row.score, row.hints, row.seconds) == (
        "practice", "a", "b", False, 0.0, 2, 9.0)
    assert (row.rating, row.overridden, row.reviewed_at) == (None, False, START + timedelta(seconds=9))

    clock.advance(seconds=3)
    override_id = session.override_correct()
    override = store.reviews.get(override_id)
    assert (override.correct, override.score, override.overridden, override.replaces) == (True, 1.0, True, row.id)
    assert (override.response, override.hints, override.reviewed_at) == ("b", 2, START + timedelta(seconds=12))
    assert store.reviews.count() == 2

    clock.advance(seconds=5)  # taken back: the grader's verdict stands again, in a row of its own
    undo = store.reviews.get(session.undo_override(grade))
    assert (undo.correct, undo.score, undo.overridden, undo.replaces) == (False, 0.0, True, override_id)
    assert (undo.response, undo.hints, undo.reviewed_at) == ("b", 2, START + timedelta(seconds=17))
    with pytest.raises(StudyError, match="nothing to undo"):
        session.undo_override(grade)
    assert store.reviews.count() == 3


def test_moving_through_the_questions(store: Store) -> None:
    clock = FakeClock()
    session = practice(store, clock, levels=["intermediate"])
    assert sorted(ids(session.questions)) == ["b", "e"]
    assert session.remaining() == 2
    with pytest.raises(StudyError, match="nothing to override"):
        session.override_correct()
    first = session.current()
    practise(session, "a")
    second = session.next()
    assert second is not first and session.remaining() == 1
    assert session.last_grade is None and session.hints_used == 0
    session.next()
    assert session.done and session.current() is None and session.follow_ups == ()
    with pytest.raises(StudyError, match="over"):
        session.record("b", "a", None)


def test_record_takes_the_answer_to_the_question_shown_graded_as_it_is(store: Store) -> None:
    graded = practice(store, FakeClock(), topics=["bptt"], levels=["basic"])
    with pytest.raises(StudyError, match="'e' was answered but the session is on 'a'"):
        graded.record("e", "b", FakeGrade(False, 0.0))
    with pytest.raises(StudyError, match="graded automatically"):
        graded.record("a", "b", None)
    self_rated = practice(store, FakeClock(), topics=["init"])
    with pytest.raises(StudyError, match="rated by the learner"):
        self_rated.record("e", "keeps norms", FakeGrade(True, 1.0))
    assert store.reviews.count() == 0


def test_a_self_check_answer_is_stored_without_a_verdict(store: Store) -> None:
    session = practice(store, FakeClock(), topics=["init"])
    assert practise(session, "orthogonal init keeps singular values at 1", seconds=20) is None
    [row] = store.reviews.between(None, None)
    assert (row.question_id, row.correct, row.score, row.seconds) == ("e", None, None, 20.0)


def test_a_self_rated_card_keeps_the_learners_verdict(store: Store) -> None:
    """Self cards get "I was right / I was wrong" too: typed, the verdict replaces the stored
    answer and keeps its response; untyped, it is a row of its own."""
    clock = FakeClock()
    session = practice(store, clock, topics=["init"])
    assert ids(session.questions) == ["e"]
    clock.advance(seconds=20)
    assert practise(session, "orthogonal keeps norms") is None
    [typed] = store.reviews.between(None, None)
    assert (typed.correct, typed.score) == (None, None)
    clock.advance(seconds=5)
    rated = store.reviews.get(session.rate_self(True))
    assert (rated.correct, rated.score, rated.notes, rated.replaces, rated.overridden) == (
        True, 1.0, ("self-rated",), typed.id, False)
    assert (rated.response, rated.seconds, rated.reviewed_at) == (
        "orthogonal keeps norms", 20.0, START + timedelta(seconds=25))

    again = practice(store, FakeClock(), topics=["init"])
    untyped = store.reviews.get(again.rate_self(False))
    assert (untyped.correct, untyped.score, untyped.replaces, untyped.response) == (False, 0.0, None, None)


def test_only_self_cards_are_self_rated(store: Store) -> None:
    session = practice(store, FakeClock(), topics=["bptt"], levels=["basic"])
    with pytest.raises(StudyError, match="'a' is graded automatically"):
        session.rate_self(True)


def test_practice_order_puts_the_chosen_question_first_and_leaves_out_those_seen() -> None:
    from types import SimpleNamespace

    from tutor.study.practice import practice_order

    questions = [SimpleNamespace(id=name) for name in ("a", "b", "c", "d")]
    assert [q.id for q in practice_order(questions, first="c", seen=("a", "c"))] == ["c", "b", "d"]
    assert [q.id for q in practice_order(questions, first=None, seen=())] == ["a", "b", "c", "d"]
    assert [q.id for q in practice_order(questions, first="z", seen=("b",))] == ["a", "c", "d"]
