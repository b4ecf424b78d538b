"""Expected wrong answers: a typical slip gets its own feedback, and `tutor check` proves it."""

from __future__ import annotations

from pathlib import Path

import yaml

from tutor.checks.answers import grade

TANH_BOUND = {
    "kind": "numeric", "answer": "0.9^20",
    "mistakes": [
        {"answer": "(0.25*0.9)^20", "feedback": "1/4 is the sigmoid's bound; tanh′ is at most 1."},
        {"answer": "0.9*20", "feedback": "The factors multiply: a power, not a product with 20."},
    ],
}


def test_a_typical_numeric_slip_is_explained_and_still_wrong() -> None:
    result = grade(TANH_BOUND, "18")
    assert (result.correct, result.score) == (False, 0.0)
    assert result.feedback == ("Not correct: 18 is too high (the answer must be within 1%). "
                               "The factors multiply: a power, not a product with 20.")
    assert result.notes == ("too-high", "mistake:2")


def test_a_slip_is_recognised_within_the_checks_tolerance_in_any_form() -> None:
    assert grade(TANH_BOUND, "1.1e-13").notes == ("too-low", "mistake:1")
    assert grade(TANH_BOUND, "0.225^20").notes == ("too-low", "mistake:1")
    assert grade(TANH_BOUND, "0.5").notes == ("too-high",)  # no known slip: the plain feedback
    assert grade(TANH_BOUND, "0.1216").correct


def test_a_symbolic_slip_is_explained_without_changing_the_verdict() -> None:
    check = {"kind": "symbolic", "variables": ["w", "a"], "answers": ["w*(1 - tanh(a)^2)"],
             "mistakes": [{"answer": "1 - tanh(a)^2", "feedback": "You left out the inner derivative w."}]}
    result = grade(check, "1-tanh(a)**2")
    assert (result.correct, result.score) == (False, 0.0)
    assert result.feedback == "Not equivalent to the expected answer. You left out the inner derivative w."
    assert result.notes[-1] == "mistake:1"
    other = grade(check, "w*tanh(a)")
    assert "mistake:1" not in other.notes and other.feedback.startswith("Not equivalent to the expected answer. At ")


PACK = {"id": "demo", "title": "Demo", "version": "1.0", "description": "d", "authors": ["a"], "license": "MIT"}


def _question(mistakes: list[dict], **extra) -> dict:
    return {"id": "q", "level": "basic", "topics": ["t"], "prompt": "0.9 to the 20th?", "answer": "0.9^20",
            "explanation": "e", "follow_ups": [{"prompt": "p?", "answer": "a"}],
            "check": {"kind": "numeric", "answer": "0.9^20", "mistakes": mistakes, **extra}}


def _check(tmp_path: Path, question: dict, capsys) -> tuple[int, str]:
    from tutor.cli import main

    (tmp_path / "pack.yaml").write_text(yaml.safe_dump({**PACK, "questions": [question]}), encoding="utf-8")
    code = main(["check", str(tmp_path / "pack.yaml")])
    return code, capsys.readouterr().out


def test_check_proves_each_slip_is_graded_wrong_with_its_feedback(tmp_path: Path, capsys) -> None:
    code, out = _check(tmp_path, _question([{"answer": "0.9*20", "feedback": "A power, not a product."}]), capsys)
    assert code == 0 and "all checks hold" in out
    code, out = _check(tmp_path, _question([{"answer": "0.1216", "feedback": "Rounded."}]), capsys)
    assert code == 1
    assert ("q: check.mistakes[0].answer '0.1216' must be graded wrong with its feedback (mistake:1): "
            "correct: true, score 1") in out


def test_an_unreadable_slip_is_a_validation_error(tmp_path: Path, capsys) -> None:
    from tutor.cli import main

    (tmp_path / "pack.yaml").write_text(
        yaml.safe_dump({**PACK, "questions": [_question([{"answer": "0.9^^20", "feedback": "f"}])]}), encoding="utf-8")
    assert main(["validate", str(tmp_path / "pack.yaml")]) == 2
    assert "questions[0].check.mistakes[0].answer: character 5" in capsys.readouterr().err


def test_a_variant_slip_is_computed_for_each_draw() -> None:
    from tutor.packs.schema import Question
    from tutor.packs.variants import draw

    data = _question([{"answer": "(g/4)^k", "feedback": "That is the sigmoid's bound."}])
    data.update(params={"k": {"range": [10, 30], "step": 10}, "g": {"choices": [0.8, 0.9]}},
                prompt="{g} to the {k}th?")
    data["check"]["answer"] = "g^k"
    question = Question.model_validate(data)
    for seed in range(4):
        drawn = draw(question, seed)
        g, k = drawn.values["g"], drawn.values["k"]
        assert float(drawn.question.check.mistakes[0].answer) == float(format((g / 4) ** k, ".12g"))
        assert grade(drawn.question.check, repr((g / 4) ** k)).notes[-1] == "mistake:1"
