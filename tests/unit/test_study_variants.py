"""Study, practice and mock draw a fresh variant each time; the store keeps the draw."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.unit.core_fakes import FakeClock, hand_in, practise, rate
from tests.unit.test_variants import VARIANT, write
from tutor.checks.answers import grade
from tutor.packs.loader import load_pack
from tutor.packs.variants import draw
from tutor.store import Store, open_store
from tutor.study.mock import MockInterview, plan_mock
from tutor.study.practice import PracticeSession
from tutor.study.queue import StudySession


@pytest.fixture
def pack(tmp_path: Path):
    return load_pack(write(tmp_path, VARIANT))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with open_store(tmp_path / "progress.sqlite3") as opened:
        yield opened


def stored_variants(store: Store) -> list[tuple]:
    return [(r.mode, r.response, r.correct, r.variant) for r in store.reviews.between()]


def test_practice_shows_a_drawn_variant_grades_it_and_stores_the_draw(pack, store: Store) -> None:
    session = PracticeSession(pack, store, clock=FakeClock(), rng=random.Random(3))
    replay = random.Random(3)
    replay.sample(["power"], 1)  # the shuffle comes first, then the draw
    seed = replay.randrange(2**31)
    assert session.variant.seed == seed
    question = session.current()
    assert question.prompt == f"What is {session.variant.params['r']}^{session.variant.params['k']}?"
    assert question == draw(pack.question("power"), seed).question
    assert session.current() is question  # drawn once while it stays
    right = question.answer
    assert practise(session, "12345", grader=grade).correct is False
    assert practise(session, right, grader=grade).correct is True
    record = {"seed": seed, "params": dict(session.variant.params)}
    assert stored_variants(store) == [("practice", "12345", False, record), ("practice", right, True, record)]


def test_each_practice_session_draws_afresh(pack, store: Store) -> None:
    seeds = {PracticeSession(pack, store, clock=FakeClock(), rng=random.Random(n)).variant.seed
             for n in range(5)}
    assert len(seeds) == 5


def test_study_draws_each_time_a_card_is_shown_and_keeps_the_draw(pack, store: Store) -> None:
    clock = FakeClock()
    rng = random.Random(11)
    session = StudySession(pack, store, clock=clock, rng=rng)
    first = session.current()
    expected = random.Random(11).randrange(2**31)
    assert first.variant.seed == expected and first.question == draw(pack.question("power"), expected).question
    rate(session, 1, first.question.answer, grader=grade)  # Again: it comes back after its step, with new numbers
    clock.advance(minutes=2)
    again = session.current()
    assert again.question.id == "power" and again.source == "learning"  # new, so in its learning steps
    assert again.variant.seed != first.variant.seed
    rate(session, 3)
    rows = store.reviews.between()
    assert [row.variant for row in rows] == [first.variant.record(), again.variant.record()]
    assert rows[0].correct is True and rows[1].response is None


INTERVIEW_FORM = """\
    interview:
      prompt: Estimate {r}^{k} and say how you would get it quickly.
      check: {kind: numeric, answer: r^k, atol: 0}
"""


def test_mock_draws_per_item_from_the_plan_seed_and_resume_keeps_the_numbers(tmp_path: Path, store: Store) -> None:
    """A computation is asked in a mock through its interview form, drawn like the question."""
    pack = load_pack(write(tmp_path, VARIANT + INTERVIEW_FORM))
    clock = FakeClock()
    plan = plan_mock(pack, questions=1, minutes=5, seed=4)
    interview = MockInterview.start(pack, store, plan, clock=clock)
    step = interview.current_step()
    seed = random.Random("4:0").randrange(2**31)
    drawn = draw(pack.question("power").as_interview(), seed)
    assert drawn.question.prompt.startswith("Estimate ")
    assert step.prompt == drawn.question.prompt and step.question == drawn.question
    [row] = store.mocks.steps(interview.id)
    assert row.variant == drawn.record() and row.prompt == drawn.question.prompt
    assert row.model_answer == drawn.question.answer
    resumed = MockInterview.resume(store, interview.id, pack, clock=clock)
    assert resumed.current_step().prompt == step.prompt
    hand_in(resumed, drawn.question.answer, grade)
    assert stored_variants(store) == [("mock", drawn.question.answer, True, drawn.record())]
    [reported] = resumed.report().questions  # the debrief explains the numbers the learner saw
    assert (reported.prompt, reported.model_answer, reported.explanation) == (
        drawn.question.prompt, drawn.question.answer, drawn.question.explanation)
    other = MockInterview.start(pack, store, plan_mock(pack, questions=1, minutes=5, seed=5), clock=clock)
    assert store.mocks.steps(other.id)[0].variant["seed"] == random.Random("5:0").randrange(2**31)
