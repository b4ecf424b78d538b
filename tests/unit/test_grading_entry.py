"""The entry point: models or dicts, the Grade value, self checks, expected answers, light imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from tutor.checks.answers import expected_display, grade
from tutor.checks.kinds.numeric import NumericCheck
from tutor.checks.kinds.self_check import SelfCheck
from tutor.grading import Grade
from tutor.study.rating import rating_for

ROOT = Path(__file__).resolve().parents[2]


def test_accepts_a_model_or_the_same_data_as_a_dict() -> None:
    as_dict = {"kind": "numeric", "answer": "1/4"}
    assert grade(as_dict, "0.25") == grade(NumericCheck.model_validate(as_dict), "0.25")


def test_an_invalid_check_dict_is_refused_by_the_schema() -> None:
    with pytest.raises(ValidationError):
        grade({"kind": "numerc", "answer": "1"}, "1")
    with pytest.raises(ValidationError):
        grade({"kind": "choice", "options": [{"text": "a"}, {"text": "b"}]}, "a")  # no correct option


def test_self_check_asks_the_learner_to_rate() -> None:
    for check in (SelfCheck(kind="self"), {"kind": "self"}):
        result = grade(check, "whatever I recalled")
        assert result == Grade(
            False, 0.0, "Compare your answer with the model answer and rate how well you recalled it.", ("self",)
        )
        assert not result.counts_as_attempt and rating_for(result, 5.0) is None


def test_grade_value_rules_and_round_trip() -> None:
    with pytest.raises(ValueError, match="score must lie in"):
        Grade(True, 1.5, "")
    with pytest.raises(ValueError, match="neither correct nor scored"):
        Grade(True, 1.0, "", invalid=True)
    original = Grade(False, 0.5, "Partly.", ("hit:a", "missed:b"))
    assert Grade.from_dict(original.to_dict()) == original
    assert original.to_dict()["notes"] == ["hit:a", "missed:b"]


@pytest.mark.parametrize(
    ("check", "shown"),
    [
        ({"kind": "symbolic", "variables": ["w", "h", "u", "x", "b"], "answers": ["w*(1 - tanh(w*h + u*x + b)^2)"]},
         "w·(1 − tanh(w·h + u·x + b)²)"),
        ({"kind": "symbolic", "variables": ["gamma", "sigma", "k"], "answers": ["(gamma*sigma)^k", "gamma^k*sigma^k"]},
         "(γ·σ)^k  or  γ^k·σ^k"),
        ({"kind": "numeric", "answer": "0.9^20"}, "0.9²⁰ ≈ 0.121577"),
        ({"kind": "numeric", "answer": "0.25"}, "0.25"),
        ({"kind": "numeric", "answer": "-3", "unit": "steps"}, "−3 steps"),
        ({"kind": "choice", "options": [{"text": "LSTM", "correct": True}, {"text": "clipping"},
                                        {"text": "residual connections", "correct": True}]},
         "a) LSTM; c) residual connections"),
        ({"kind": "concepts", "concepts": [{"name": "repeated-multiplication", "phrases": ["x"]},
                                           {"name": "exponential-decay", "phrases": ["y"]}]},
         "Key points: repeated multiplication, exponential decay"),
        ({"kind": "concepts", "required": 1, "concepts": [{"name": "a", "phrases": ["x"]}, {"name": "b", "phrases": ["y"]}]},
         "Key points (any 1 of 2): a, b"),
        ({"kind": "self"}, ""),
    ],
)
def test_expected_display(check, shown: str) -> None:
    assert expected_display(check) == shown


def test_importing_and_grading_non_symbolic_kinds_stays_light() -> None:
    code = (
        "import sys\n"
        "import tutor.checks.answers as answers\n"
        "light = not any(name in sys.modules for name in ('sympy', 'numpy', 'textual', 'rich'))\n"
        "answers.grade({'kind': 'numeric', 'answer': '0.9^20'}, '0.12')\n"
        "answers.grade({'kind': 'choice', 'options': [{'text': 'a', 'correct': True}, {'text': 'b'}]}, 'a')\n"
        "answers.grade({'kind': 'concepts', 'concepts': [{'name': 'a', 'phrases': ['x y']}]}, 'x y')\n"
        "answers.expected_display({'kind': 'symbolic', 'variables': ['x'], 'answers': ['x^2']})\n"
        "print(light, 'sympy' in sys.modules, 'numpy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False", "False"]


def test_sample_tests_accept_full_notes_or_found_names() -> None:
    from tutor.authoring.samples import note_matches, sample_test_failure
    from tutor.packs.schema import SampleTest

    found = Grade(False, 0.5, "", ("hit:a", "missed:b", "negated:b", "misconception:m"))
    assert note_matches("a", found) and note_matches("m", found) and note_matches("missed:b", found)
    assert not note_matches("b", found) and not note_matches("hit:b", found)
    check = {"kind": "numeric", "answer": "1/4"}
    assert sample_test_failure(check, SampleTest(response="0.25", correct=True, score=1.0)) is None
    assert sample_test_failure(check, SampleTest(response="0.5", correct=True, note="too-low")) == (
        "correct: false, expected true; note 'too-low' not among too-high; "
        "the grader said: Not correct: 0.5 is too high (the answer must be within 1%)."
    )
