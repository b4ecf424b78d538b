"""Choice grading: response forms, partial credit, per-option feedback, format errors."""

from __future__ import annotations

import pytest

from tutor.checks.answers import grade

SINGLE = {
    "kind": "choice",
    "options": [
        {"text": "Only exploding gradients", "correct": True, "feedback": "Yes: clipping caps the norm."},
        {"text": "Only vanishing gradients", "feedback": "No: a vanished gradient stays small after clipping."},
        {"text": "Both"},
    ],
}
MULTIPLE = {
    "kind": "choice",
    "options": [
        {"text": "LSTM", "correct": True},
        {"text": "Gradient clipping", "feedback": "Clipping only bounds exploding gradients."},
        {"text": "Residual connections", "correct": True},
        {"text": "Sigmoid activations", "feedback": "sigmoid' <= 1/4 makes vanishing worse."},
    ],
}


@pytest.mark.parametrize("response", ["a", "A", " a ", "(a)", "a)", "a.", ["a"], ["A"]])
def test_single_answer_forms(response) -> None:
    result = grade(SINGLE, response)
    assert (result.correct, result.score, result.notes) == (True, 1.0, ("selected:a",))
    assert result.feedback == "Correct.\na) Yes: clipping caps the norm."


def test_single_answer_wrong_gives_the_option_feedback_and_the_answer() -> None:
    result = grade(SINGLE, "b")
    assert (result.correct, result.score) == (False, 0.0)
    assert result.notes == ("selected:b", "wrong:b", "missed:a")
    assert result.feedback == "Not correct.\nb) No: a vanished gradient stays small after clipping.\nThe answer is a."
    assert grade(SINGLE, "c").feedback == "Not correct.\nThe answer is a."


@pytest.mark.parametrize(
    ("response", "correct", "score", "notes"),
    [
        ("a,c", True, 1.0, ("selected:a", "selected:c")),
        ("ac", True, 1.0, ("selected:a", "selected:c")),
        ("c a", True, 1.0, ("selected:a", "selected:c")),
        ("a and c", True, 1.0, ("selected:a", "selected:c")),
        ("a; c", True, 1.0, ("selected:a", "selected:c")),
        (["c", "a"], True, 1.0, ("selected:a", "selected:c")),
        ("a,a,c", True, 1.0, ("selected:a", "selected:c")),
        ("a", False, 0.5, ("selected:a", "missed:c")),
        ("a,b", False, 0.0, ("selected:a", "selected:b", "wrong:b", "missed:c")),
        ("a,b,c", False, 0.5, ("selected:a", "selected:b", "selected:c", "wrong:b")),
        ("b,d", False, 0.0, ("selected:b", "selected:d", "wrong:b", "wrong:d", "missed:a", "missed:c")),
        ("abcd", False, 0.0, ("selected:a", "selected:b", "selected:c", "selected:d", "wrong:b", "wrong:d")),
    ],
)
def test_multiple_answer_partial_credit(response, correct: bool, score: float, notes: tuple[str, ...]) -> None:
    result = grade(MULTIPLE, response)
    assert (result.correct, result.score, result.notes) == (correct, score, notes)


def test_multiple_answer_feedback() -> None:
    assert grade(MULTIPLE, "a").feedback == "Partly correct.\nMissed: c."
    assert grade(MULTIPLE, "a,b,c").feedback == "Partly correct.\nb) Clipping only bounds exploding gradients."
    assert grade(MULTIPLE, "a,d").feedback == (
        "Not correct: each wrong choice cancels a right one.\nd) sigmoid' <= 1/4 makes vanishing worse.\nMissed: c.")
    assert grade(MULTIPLE, "b,d").feedback == (
        "Not correct.\nb) Clipping only bounds exploding gradients.\n"
        "d) sigmoid' <= 1/4 makes vanishing worse.\nMissed: a, c."
    )
    # one right and one wrong choice score 0: the heading agrees with the verdict "✗ Not right"
    assert grade(MULTIPLE, "a,b").feedback == (
        "Not correct: each wrong choice cancels a right one.\nb) Clipping only bounds exploding gradients.\n"
        "Missed: c."
    )


def test_digit_keys() -> None:
    check = {"kind": "choice", "options": [{"key": "1", "text": "one"}, {"key": "2", "text": "two", "correct": True},
                                           {"key": "3", "text": "three", "correct": True}]}
    assert grade(check, "23").correct and grade(check, "2, 3").correct
    result = grade(check, "2,4")
    assert result.invalid and result.error_offset == 2 and result.notes == ("format:unknown-key",)
    assert result.feedback == "'4' is not one of the options (1, 2, 3) (at character 3)."


@pytest.mark.parametrize(
    ("check", "response", "note", "offset", "feedback"),
    [
        (SINGLE, "d", "format:unknown-key", 0, "'d' is not one of the options (a, b, c) (at character 1)."),
        (SINGLE, "a,b", "format:several-keys", None, "This question has one answer: choose one option."),
        (SINGLE, "", "format:empty", 0, "Choose an option (at character 1)."),
        (SINGLE, " , ", "format:empty", 0, "Choose an option (at character 1)."),
        (MULTIPLE, "a,x", "format:unknown-key", 2, "'x' is not one of the options (a, b, c, d) (at character 3)."),
        (MULTIPLE, "lstm", "format:unknown-key", 0, "'l' is not one of the options (a, b, c, d) (at character 1)."),
        (MULTIPLE, ["ab"], "format:unknown-key", None, "Each choice is one option key, such as a or 3."),
        (MULTIPLE, [], "format:empty", None, "Choose an option."),
        (MULTIPLE, "a" * 201, "format:too-long", None, "The answer is too long for a choice (limit 200 characters)."),
        (MULTIPLE, 42, "format:type", None, "Choose with the option keys, such as a or a,c."),
    ],
)
def test_format_errors(check, response, note: str, offset, feedback: str) -> None:
    result = grade(check, response)
    assert result.invalid and not result.correct and result.score == 0.0
    assert (result.notes, result.error_offset, result.feedback) == ((note,), offset, feedback)
