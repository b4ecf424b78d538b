"""Interview forms: a mock asks a question as an interviewer would, and `tutor check` proves
the form like any other check."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.unit.core_fakes import START, FakeClock, end_early, hand_in, make_pack, make_question
from tutor import paths
from tutor.packs.loader import load_pack
from tutor.packs.schema import Question
from tutor.study.mock import MockInterview, plan_mock

FORM = {"prompt": "Is clipping a fix for vanishing gradients? Explain.",
        "answer": "No: it only rescales gradients above the threshold.",
        "check": {"kind": "concepts", "concepts": [{"name": "only-large", "phrases": ["only rescales large gradients"]}]},
        "tests": [{"response": "No, it only rescales large gradients.", "correct": True}]}


def _with_form(question_id: str) -> Question:
    data = make_question(question_id).model_dump(exclude_defaults=True)
    return Question.model_validate({**data, "interview": FORM})


def test_a_question_is_asked_in_its_interview_form_or_as_it_is_or_not_at_all() -> None:
    choice_with_form, plain_choice = _with_form("c1"), make_question("c2")
    concepts = make_question("k1", check={"kind": "concepts", "concepts": [{"name": "a", "phrases": ["a b"]}]})
    asked = choice_with_form.as_interview()
    assert asked is not None and asked.id == "c1"
    assert (asked.prompt, asked.answer, asked.check.kind) == (FORM["prompt"], FORM["answer"], "concepts")
    assert [test.response for test in asked.tests] == ["No, it only rescales large gradients."]
    assert choice_with_form.check.kind == "choice"  # study and practice still ask the choice
    assert plain_choice.as_interview() is None
    assert concepts.as_interview() is concepts


def test_a_mock_draws_the_interview_forms_and_asks_their_prompt(tmp_path: Path) -> None:
    from tutor.store import open_store

    pack = make_pack("p", [make_question(f"c{n}") for n in range(6)] + [_with_form("f1"), _with_form("f2")])
    for seed in range(10):
        plan = plan_mock(pack, questions=2, minutes=6, seed=seed)
        assert sorted(item.question_id for item in plan.items) == ["f1", "f2"]
    store = open_store(tmp_path / "progress.sqlite3")
    try:
        interview = MockInterview.start(pack, store, plan_mock(pack, questions=2, minutes=6, seed=0),
                                        clock=FakeClock(START))
        step = interview.current_step()
        assert step is not None and step.prompt == FORM["prompt"]
        assert step.question.check.kind == "concepts"
        hand_in(interview, "It only rescales large gradients.")
        end_early(interview)
        first = interview.report().questions[0]
        assert (first.prompt, first.model_answer) == (FORM["prompt"], FORM["answer"])
        assert first.response == "It only rescales large gradients."
    finally:
        store.close()


def test_every_mock_of_the_built_in_pack_is_asked_as_an_interviewer_would() -> None:
    pack = load_pack(paths.builtin_content_dir() / "rnn-gradients")
    ready = [q.id for q in pack.questions if q.as_interview() is not None]
    assert len(ready) >= 25
    assert {"non-normal-transient-growth", "sigmoid-derivative-max"} <= set(ready)  # numeric, through forms
    assert all(q.as_interview() is not None for q in pack.questions if q.check.kind == "concepts")
    for seed in range(20):
        plan = plan_mock(pack, questions=5, minutes=10, seed=seed)
        assert all(item.question_id in ready for item in plan.items)


PACK = {"id": "demo", "title": "Demo", "version": "1.0", "description": "d", "authors": ["a"], "license": "MIT"}


def test_check_proves_the_interview_form(tmp_path: Path, capsys) -> None:
    from tutor.cli import main

    question = _with_form("q").model_dump(mode="json", exclude_defaults=True)
    question["interview"]["tests"].append({"response": "Yes, clipping fixes it.", "correct": True})
    (tmp_path / "pack.yaml").write_text(yaml.safe_dump({**PACK, "questions": [question]}), encoding="utf-8")
    assert main(["check", str(tmp_path / "pack.yaml")]) == 1
    out = capsys.readouterr().out
    assert "  interview       1       1\n" in out
    assert "q: interview.tests[1] 'Yes, clipping fixes it.': correct: false, expected true" in out
