"""A follow-up with a check is graded in a mock and counts in the question's score."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.grading import grade
from tutor.packs.schema import Question
from tutor.store import open_store
from tutor.study.fakes import START, FakeClock, make_pack
from tutor.study.mock import MockInterview, plan_mock, to_markdown
from tutor.study.mock_report import MAIN_WEIGHT

CONCEPTS = {"kind": "concepts", "concepts": [{"name": "product", "phrases": ["product of jacobians"]}]}


def question(follow_up_check: dict | None) -> Question:
    follow_up = {"prompt": "What are ρ and σ_max of an orthogonal matrix?", "answer": "Both are 1."}
    if follow_up_check is not None:
        follow_up["check"] = follow_up_check
    return Question.model_validate({
        "id": "q", "level": "basic", "topics": ["bptt"], "prompt": "Why do gradients vanish?",
        "answer": "A product of Jacobians.", "explanation": "e", "check": CONCEPTS, "follow_ups": [follow_up]})


def run(tmp_path: Path, follow_up_check: dict | None, answers: tuple[str, str]):
    pack = make_pack("p", [question(follow_up_check)])
    store = open_store(tmp_path / "progress.sqlite3")
    plan = plan_mock(pack, questions=1, minutes=5, seed=0)
    assert [step.follow_up_index for step in plan.steps] == [None, 0]
    interview = MockInterview.start(pack, store, plan, clock=FakeClock(START),
                                    grader=lambda check, response: grade(check, response))
    for answer in answers:
        interview.submit(answer)
    report = interview.report()
    store.close()
    return report


NUMERIC = {"kind": "numeric", "answer": "1", "rtol": 0, "atol": 1e-9}


def test_a_wrong_follow_up_lowers_the_score_and_says_so(tmp_path: Path) -> None:
    report = run(tmp_path, NUMERIC, ("a product of jacobians", "2"))
    [asked] = report.questions
    assert asked.follow_ups[0].score == 0.0
    assert asked.follow_ups[0].feedback.startswith("Not correct: 2 is too high")
    assert asked.score == pytest.approx(MAIN_WEIGHT / (MAIN_WEIGHT + 1))
    assert report.score == pytest.approx(2 / 3)
    markdown = to_markdown(report, tz=START.tzinfo)
    assert "- Score: 0% (counts in the question's score)" in markdown


def test_a_right_follow_up_keeps_full_marks(tmp_path: Path) -> None:
    report = run(tmp_path, NUMERIC, ("a product of jacobians", "1"))
    assert report.questions[0].follow_ups[0].score == 1.0 and report.score == 1.0


def test_a_follow_up_without_a_check_is_not_scored(tmp_path: Path) -> None:
    report = run(tmp_path, None, ("a product of jacobians", "no idea"))
    assert report.questions[0].follow_ups[0].score is None and report.score == 1.0
