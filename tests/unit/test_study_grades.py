"""Small pieces of the study core: grade reading, rating suggestion, notes, days, scheduler wrapper."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from fsrs import Rating, State

from tests.unit.core_fakes import START, FakeGrade, make_question
from tutor.study.clock import as_utc, day_bounds, local_day, today_bounds
from tutor.study.grades import fields_of, grade_answer, is_invalid, local_rating
from tutor.study.notes import read_notes
from tutor.study.scheduler import card_id_for, make_scheduler, new_card, retrievability, review

CHECK = make_question(
    "q",
    check={
        "kind": "concepts",
        "concepts": [
            {"name": "product", "phrases": ["product"]},
            {"name": "shrink", "phrases": ["shrinks"]},
            {"name": "gamma", "phrases": ["gamma"]},
        ],
        "misconceptions": [{"name": "clipping-fixes-vanishing", "phrases": ["clipping fixes"], "feedback": "No."}],
    },
).check


def test_grade_answer_grades_only_what_a_session_records_with_a_grade() -> None:
    asked: list[str] = []

    def grader(check, response):
        asked.append(response)
        return FakeGrade(True, 1.0)

    assert grade_answer(CHECK, " a product ", grader) == FakeGrade(True, 1.0)
    self_check = make_question("s", check={"kind": "self"}).check
    assert [grade_answer(None, "x", grader), grade_answer(self_check, "x", grader),
            grade_answer(CHECK, "  ", grader), grade_answer(CHECK, None, grader)] == [None] * 4
    assert asked == [" a product "]  # the response as typed, once


@pytest.mark.parametrize(
    ("grade", "seconds", "expected"),
    [
        (FakeGrade(False, 0.0), 3, Rating.Again),
        (FakeGrade(False, 0.4), 3, Rating.Hard),
        (FakeGrade(True, 1.0), 15, Rating.Easy),
        (FakeGrade(True, 1.0), 15.5, Rating.Good),
        (FakeGrade(True, 1.0), None, Rating.Good),
        (FakeGrade(False, 0.0, invalid=True), 3, None),
        (FakeGrade(False, 0.0, undecided=True), 3, None),
        (None, 3, None),
    ],
)
def test_local_rating(grade, seconds, expected) -> None:
    assert local_rating(grade, seconds) == expected


def test_grade_fields_by_duck_typing() -> None:
    fields = fields_of(SimpleNamespace(correct=1, score=1.7, notes=["a"]))
    assert (fields.correct, fields.score, fields.feedback, fields.notes, fields.invalid, fields.undecided) == (
        True, 1.0, "", ("a",), False, False)
    assert is_invalid(SimpleNamespace(invalid=True)) and not is_invalid(SimpleNamespace())


def test_notes_with_prefixes_and_bare_names() -> None:
    prefixed = read_notes(["hit:product", "missed:gamma", "misconception:clipping-fixes-vanishing"], CHECK)
    assert (prefixed.hit, prefixed.missed, prefixed.misconceptions) == (
        ("product",), ("gamma",), ("clipping-fixes-vanishing",))
    bare = read_notes(["product", "clipping-fixes-vanishing", "format"], CHECK)
    assert (bare.hit, bare.missed, bare.misconceptions) == (
        ("product",), ("shrink", "gamma"), ("clipping-fixes-vanishing",))
    assert read_notes([], CHECK).missed == ()
    assert read_notes(["missed:x"], None).missed == ("x",)


def test_days_in_a_time_zone() -> None:
    evening_in_new_york = datetime(2026, 3, 3, 2, 30, tzinfo=UTC)  # 21:30 on 2 March in New York
    new_york = ZoneInfo("America/New_York")
    assert local_day(evening_in_new_york) == date(2026, 3, 3)
    assert local_day(evening_in_new_york, new_york) == date(2026, 3, 2)
    assert today_bounds(evening_in_new_york, new_york) == (
        datetime(2026, 3, 2, 5, tzinfo=UTC), datetime(2026, 3, 3, 5, tzinfo=UTC))
    assert day_bounds(date(2026, 3, 8), new_york)[1] - day_bounds(date(2026, 3, 8), new_york)[0] == timedelta(hours=23)
    assert as_utc(datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("Europe/Paris"))).tzinfo is UTC
    with pytest.raises(ValueError, match="naive"):
        as_utc(datetime(2026, 3, 2))


def test_scheduler_wrapper_is_deterministic() -> None:
    assert card_id_for("rnn", "q") == int.from_bytes(hashlib.sha256(b"rnn\x00q").digest()[:6], "big")
    assert card_id_for("rnn", "q") != card_id_for("rnn2", "q")
    scheduler = make_scheduler((1, 10))
    assert scheduler.learning_steps == (timedelta(minutes=1), timedelta(minutes=10))
    assert scheduler.relearning_steps == (timedelta(minutes=10),)
    assert scheduler.enable_fuzzing is False
    card = new_card("rnn", "q", START)
    easy = review(scheduler, card, Rating.Easy, START, seconds=4)
    assert (easy.state, easy.stability, easy.due) == (State.Review, 8.2956, START + timedelta(days=8))
    assert card.state == State.Learning  # the input card is not changed
    assert retrievability(scheduler, None, START) == 0.0
    decay = -0.1542
    factor = 0.9 ** (1 / decay) - 1
    later = START + timedelta(days=8)
    assert retrievability(scheduler, easy, later) == pytest.approx((1 + factor * 8 / 8.2956) ** decay, rel=1e-12)
    paris = datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("Europe/Paris"))
    assert review(scheduler, card, Rating.Good, paris).last_review == START
