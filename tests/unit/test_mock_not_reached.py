"""A mock interview ended before its last questions: what was never shown stays as it was.

Through the backend a front end uses (`CoreBackend`, real store, fake clock): the learner
answers the first question, then ends the interview (ctrl+g) on its follow-up. The two
questions never reached must not become due in Study, get a review, or be suggested as
what to practise next; the debrief still lists them as not reached.
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from fsrs import Card, State

from tests.unit.core_fakes import START, FakeClock, make_pack, make_question
from tutor.service.backend import CoreBackend
from tutor.service.mock_types import MockSettings


def concepts(phrase: str) -> dict[str, object]:
    return {"kind": "concepts", "concepts": [{"name": phrase.replace(" ", "-"), "phrases": [phrase]}]}


PACK = make_pack("mini", [
    make_question("first", level="basic", topics=["alpha"], check=concepts("chain rule"),
                  follow_ups=[("Why?", "Because.")]),
    make_question("second", level="intermediate", topics=["beta"], check=concepts("spectral radius")),
    make_question("third", level="advanced", topics=["gamma"], check=concepts("forget gate")),
])


@pytest.fixture
def backend(tmp_path: Path) -> CoreBackend:
    core = CoreBackend(store_path=tmp_path / "progress.sqlite3", clock=FakeClock(), tz=UTC)
    yield core
    core.close()


def answer_first_then_end(backend: CoreBackend) -> int:
    """Answer the first question wrongly, then end the interview on its follow-up."""
    run = backend.start_mock(PACK, MockSettings(questions=3, minutes=10, seed=1))
    assert [item.question_id for item in run.interview.plan.items] == ["first", "second", "third"]
    backend.clock.advance(20)
    run.submit("no idea", run.grade(run.current_check(), "no idea"))
    assert run.current_step().is_follow_up
    backend.clock.advance(5)
    run.end_early(None)
    assert run.finished
    return run.id


def test_questions_never_reached_are_neither_due_nor_reviewed_nor_suggested(backend: CoreBackend) -> None:
    mock_id = answer_first_then_end(backend)

    assert backend.store.cards.get("mini", "second") is None
    assert backend.store.cards.get("mini", "third") is None
    assert backend.store.cards.get("mini", "first").due == backend.clock()  # answered wrong: due now, as before
    assert backend.counts(PACK).due == 1
    reviews = backend.store.reviews.between(None, None, mode="mock")
    assert [(review.question_id, review.response, review.score) for review in reviews] == [("first", "no idea", 0.0)]

    debrief = backend.mock_report(mock_id, PACK)
    assert [(q.question_id, q.outcome) for q in debrief.questions] == [
        ("first", "answered"), ("second", "not_asked"), ("third", "not_asked")]
    assert debrief.queued == ("first",)
    assert [topic.topic for topic in debrief.practise_topics] == ["alpha"]
    assert debrief.weakest_topics == ()


def test_a_question_never_reached_keeps_its_schedule(backend: CoreBackend) -> None:
    """A card the learner already studies is left exactly as it was: not pulled forward."""
    later = Card(card_id=3, state=State.Review, step=None, stability=9.0, difficulty=4.0,
                 due=START.replace(day=12), last_review=START.replace(day=1))
    backend.store.cards.put("mini", "third", later, now=START)

    answer_first_then_end(backend)

    assert backend.store.cards.get("mini", "third") == later
    assert "third" not in {review.question_id for review in backend.store.reviews.between(None, None)}
