"""A follow-up with a check is graded in a mock and counts in the question's score."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.core_fakes import START, FakeClock, hand_in, make_pack
from tutor.checks.answers import grade
from tutor.packs.schema import Question
from tutor.store import open_store
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
    interview = MockInterview.start(pack, store, plan, clock=FakeClock(START))
    for answer in answers:
        hand_in(interview, answer, grade)
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


ADAPTIVE = {
    "id": "lstm", "level": "basic", "topics": ["lstm"], "prompt": "Why does an LSTM help?",
    "answer": "Its cell is updated additively and the forget gate scales the gradient.", "explanation": "e",
    "check": {"kind": "concepts", "concepts": [{"name": "additive-update", "phrases": ["additive update"]},
                                               {"name": "forget-gate", "phrases": ["forget gate"]}]},
    "follow_ups": [
        {"prompt": "Does it solve exploding gradients?", "answer": "No."},
        {"prompt": "What does the forget gate do to the gradient?", "answer": "It scales it by f.",
         "probes": ["forget-gate"]},
    ],
}


def adaptive_run(tmp_path: Path, main_answer: str, resume_after_main: bool = False):
    from tutor.study.mock import resume

    pack = make_pack("p", [Question.model_validate(ADAPTIVE)])
    store = open_store(tmp_path / "progress.sqlite3")
    plan = plan_mock(pack, questions=1, minutes=5, seed=0)
    item = plan.to_dict()["items"][0]  # one follow-up slot, planned as the first follow-up
    item = {**item, "follow_ups": [0], "step_seconds": item["step_seconds"][:2]}
    plan = type(plan).from_dict({**plan.to_dict(), "items": [item]})
    clock = FakeClock(START)
    interview = MockInterview.start(pack, store, plan, clock=clock)
    hand_in(interview, main_answer, grade)
    if resume_after_main:
        interview = resume(store, interview.id, pack, clock=clock)
    asked = interview.current_step()
    hand_in(interview, "it scales the gradient by f", grade)
    report = interview.report()
    store.close()
    return asked, report


def test_a_missed_point_brings_the_follow_up_that_probes_it_and_the_debrief_says_why(tmp_path: Path) -> None:
    asked, report = adaptive_run(tmp_path, "The cell has an additive update.")
    assert asked is not None and asked.prompt == "What does the forget gate do to the gradient?"
    follow_up = report.questions[0].follow_ups[0]
    assert follow_up.prompt == "What does the forget gate do to the gradient?"
    assert follow_up.reason == "asked because your answer missed 'forget gate'"
    assert "- Why: asked because your answer missed 'forget gate'" in to_markdown(report, tz=START.tzinfo)


def test_a_complete_answer_gets_the_planned_follow_up(tmp_path: Path) -> None:
    asked, report = adaptive_run(tmp_path, "An additive update, and the forget gate scales the gradient.")
    assert asked is not None and asked.prompt == "Does it solve exploding gradients?"
    assert report.questions[0].follow_ups[0].reason == ""


def test_the_chosen_follow_up_survives_a_resume(tmp_path: Path) -> None:
    asked, _ = adaptive_run(tmp_path, "The cell has an additive update.", resume_after_main=True)
    assert asked is not None and asked.prompt == "What does the forget gate do to the gradient?"


def test_a_probe_that_names_no_point_of_the_check_is_a_validation_error(tmp_path: Path, capsys) -> None:
    import yaml

    from tutor.cli import main

    follow_ups = [{**ADAPTIVE["follow_ups"][1], "probes": ["forget-gates"]}]
    pack = {"id": "demo", "title": "Demo", "version": "1.0", "description": "d", "authors": ["a"],
            "license": "MIT", "questions": [{**ADAPTIVE, "follow_ups": follow_ups}]}
    (tmp_path / "pack.yaml").write_text(yaml.safe_dump(pack), encoding="utf-8")
    assert main(["validate", str(tmp_path / "pack.yaml")]) == 2
    assert ("questions[0].follow_ups[0].probes[0]: 'forget-gates' is not a key point or misconception of this "
            "question's check (known: additive-update, forget-gate)") in capsys.readouterr().err


def test_a_free_text_follow_up_keeps_its_key_points_for_the_debrief_and_the_export(tmp_path: Path) -> None:
    from tutor.ui.widgets.debrief_text import follow_up_contents

    orthogonal = {"kind": "concepts", "concepts": [{"name": "unit-spectrum", "phrases": ["all singular values are 1"]}]}
    report = run(tmp_path, orthogonal, ("a product of jacobians", "Every singular value is 1, so is ρ."))
    [follow_up] = report.questions[0].follow_ups
    assert [(p.name, p.status, p.sentence) for p in follow_up.key_points] == [
        ("unit-spectrum", "found", "Every singular value is 1, so is ρ.")]
    line = "  - ✓ unit spectrum: stated in “Every singular value is 1, so is ρ.”"
    assert line in to_markdown(report, tz=START.tzinfo)
    [(_, body)] = follow_up_contents(report.questions[0])
    assert line in str(body).splitlines()
