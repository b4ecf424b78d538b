"""Every question of the built-in pack is graded correct on its own model answer, and its sample tests hold.

The pack folder is `content/rnn-gradients` (or the folder in TUTOR_GRADING_PACK, for running
this against a pack in progress). Questions are read with the safe loader and validated by
the schema; no pack loader is needed, so this test depends on grading and the schema only.
A variant question is graded as drawn for seed 0 (`tutor check` proves 50 draws).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from tutor.authoring.samples import sample_test_failure
from tutor.checks.answers import grade
from tutor.checks.kinds.choice import ChoiceCheck
from tutor.checks.kinds.concepts import ConceptsCheck
from tutor.checks.kinds.numeric import NumericCheck
from tutor.checks.kinds.symbolic import SymbolicCheck
from tutor.expressions import check_expression
from tutor.grading import warm_up
from tutor.packs.schema import PackMeta, Question
from tutor.packs.variants import draw

ROOT = Path(__file__).resolve().parents[2]
PACK = Path(os.environ.get("TUTOR_GRADING_PACK", ROOT / "content" / "rnn-gradients"))


def _questions() -> list[Question]:
    """The pack's questions, concept checks given the pack's vocabulary (as the loader does)."""
    if not PACK.is_dir():
        return []
    meta = PackMeta.model_validate(yaml.safe_load((PACK / "pack.yaml").read_text(encoding="utf-8")))
    questions = []
    for path in sorted(PACK.rglob("*.yaml")):
        if path.name == "pack.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        questions += [draw(Question.model_validate(item), 0).question for item in data.get("questions", [])]
    for question in questions:
        if isinstance(question.check, ConceptsCheck):
            question.check.with_vocabulary(meta.vocabulary_groups(), tuple(meta.misconceptions))
    return questions


QUESTIONS = _questions()
pytestmark = pytest.mark.skipif(not QUESTIONS, reason=f"no pack questions under {PACK}")


@pytest.fixture(scope="module", autouse=True)
def _worker_ready():
    warm_up()


def _model_responses(question: Question) -> list[str]:
    check = question.check
    if isinstance(check, SymbolicCheck):
        return list(check.answers)
    if isinstance(check, NumericCheck):
        return [check.answer]
    if isinstance(check, ChoiceCheck):
        return [",".join(sorted(check.correct_keys))]
    if isinstance(check, ConceptsCheck):
        return [question.answer]
    return []


@pytest.mark.parametrize("question", QUESTIONS, ids=[question.id for question in QUESTIONS])
def test_model_answer_is_graded_correct(question: Question) -> None:
    for response in _model_responses(question):
        result = grade(question.check, response)
        assert result.correct, f"{question.id}: {response!r} -> {result.feedback} {result.notes}"
        assert "crosscheck:disagree" not in result.notes


@pytest.mark.parametrize("question", QUESTIONS, ids=[question.id for question in QUESTIONS])
def test_expected_answers_are_typeable_with_the_allowed_functions(question: Question) -> None:
    check = question.check
    if isinstance(check, SymbolicCheck):
        for answer in check.answers:
            assert check_expression(answer, check.variables, check.functions) is None, (question.id, answer)


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.tests], ids=[q.id for q in QUESTIONS if q.tests])
def test_sample_tests_hold(question: Question) -> None:
    failures = [
        f"{sample.response!r}: {failure}"
        for sample in question.tests
        if (failure := sample_test_failure(question.check, sample)) is not None
    ]
    assert failures == []
