"""The `matrix` check kind: vectors and small matrices typed in the usual notations, graded
entry by entry, with feedback that points at the entries that are off."""

from __future__ import annotations

import pytest

from tutor import checks
from tutor.checks.answers import expected_display, grade
from tutor.packs.schema import Question

JACOBIAN = {"kind": "matrix", "answer": [["0.5", "0"], ["0.2", "0.9"]]}
VECTOR = {"kind": "matrix", "answer": ["0.6", "-0.8"]}


@pytest.mark.parametrize("typed", [
    "[[0.5, 0], [0.2, 0.9]]",
    "[[0.5 0] [0.2 0.9]]",
    "[0.5, 0; 0.2, 0.9]",
    "0.5 0; 0.2 0.9",
    "0.5, 0\n0.2, 0.9",
    "  [[1/2, 0], [1 - 0.8, 0.9]]  ",
    "[[0.5, 0,], [0.2, 0.9]]",
    "[[0.501, 1e-9], [0.2, 0.9]]",
])
def test_the_right_matrix_in_any_usual_notation_is_right(typed: str) -> None:
    result = grade(JACOBIAN, typed)
    assert (result.correct, result.score, result.feedback) == (True, 1.0, "Correct.")


@pytest.mark.parametrize("typed", ["[0.6, -0.8]", "0.6 -0.8", "0.6; -0.8", "[[0.6], [-0.8]]", "[[0.6, -0.8]]"])
def test_a_vector_may_be_typed_as_a_row_or_a_column(typed: str) -> None:
    assert grade(VECTOR, typed).correct


def test_feedback_names_each_entry_that_is_off_and_how() -> None:
    result = grade(JACOBIAN, "[[0.5, 0], [0.3, -0.9]]")
    assert (result.correct, result.score, result.invalid) == (False, 0.5, False)
    assert result.feedback == (
        "Not correct: 2 of 4 entries are off (each entry must be within 1%). "
        "Row 2, column 1: 0.3 is too high; row 2, column 2: -0.9 has the wrong sign."
    )
    assert result.notes == ("entry:2,1", "entry:2,2")


def test_a_vector_entry_is_named_by_its_place() -> None:
    result = grade(VECTOR, "[0.6, -0.7]")
    assert result.feedback == "Not correct: 1 of 2 entries is off (each entry must be within 1%). Entry 2: -0.7 is too high."
    assert result.notes == ("entry:2",)


def test_the_transpose_is_recognised_square_or_not() -> None:
    wide = {"kind": "matrix", "answer": [["1", "2", "3"], ["4", "5", "6"]]}
    for check, typed in ((JACOBIAN, "[[0.5, 0.2], [0, 0.9]]"), (wide, "[[1, 4], [2, 5], [3, 6]]")):
        result = grade(check, typed)
        assert (result.correct, result.score, result.invalid) == (False, 0.0, False)
        assert result.notes == ("transposed",)
        assert result.feedback == "Not correct: this is the transpose of the answer (rows and columns swapped)."


@pytest.mark.parametrize(("typed", "message", "offset"), [
    ("[[0.5, 0], [0.2]]", "Could not read your answer: row 2 has 1 entry but row 1 has 2 (at character 13).", 12),
    ("[[0.5, 0], [0.2, 0.9x]]", None, 20),
    ("[[0.5,0],[0.2,0.9]] extra", "Could not read your answer: unexpected text after the closing ] (at character 21).", 20),
    ("[[0.5,0],[0.2,0.9]", "Could not read your answer: a [ is never closed (at character 1).", 0),
    ("[[[1]]]", "Could not read your answer: too many brackets: a matrix is a list of rows (at character 3).", 2),
    ("[[1, 2], 3]", "Could not read your answer: mix of rows in brackets and loose entries (at character 10).", 9),
    ("[1, , 2; 3, 4]", "Could not read your answer: an entry is empty (two commas in a row?) (at character 4).", 3),
    ("[1, 2, 3]", "The answer is 2×2; yours is 3 entries.", None),
    ("", "Could not read your answer: nothing typed: type the entries, for example [[1, 2], [3, 4]] (at character 1).", 0),
])
def test_what_is_not_a_matrix_of_the_right_shape_is_a_format_error_not_an_attempt(typed, message, offset) -> None:
    result = grade(JACOBIAN, typed)
    assert result.invalid and not result.counts_as_attempt
    assert result.error_offset == offset
    if message is not None:
        assert result.feedback == message


def test_hostile_input_is_refused_quickly() -> None:
    assert grade(JACOBIAN, "[" * 5000).invalid
    assert grade(JACOBIAN, "1 " * 3000).notes == ("format:too-long",)
    assert grade(JACOBIAN, "[[9^9^9^9, 0], [0, 0]]").invalid
    assert grade(JACOBIAN, "[[1/0, 0], [0, 0]]").invalid


def test_the_expected_answer_shows_values() -> None:
    assert expected_display(JACOBIAN) == "[[0.5, 0], [0.2, 0.9]]"
    assert expected_display({"kind": "matrix", "answer": ["0.9^20", "1/4"]}) == "[0.121577, 0.25]"


@pytest.mark.parametrize(("answer", "message"), [
    ([["1", "2"], ["3"]], "answer: rows have 1 and 2 entries; every row needs the same number"),
    ([], "at least 1 item"),
])
def test_a_ragged_or_empty_authored_answer_is_a_schema_error(answer, message) -> None:
    from pydantic import ValidationError

    base = {"id": "q", "level": "basic", "topics": ["t"], "prompt": "p?", "answer": "a", "explanation": "e"}
    with pytest.raises(ValidationError) as caught:
        Question.model_validate({**base, "check": {"kind": "matrix", "answer": answer}})
    assert message in str(caught.value)


def test_the_kind_lists_both_notations_for_the_proof_and_shows_itself() -> None:
    kind = checks.get("matrix")
    model = kind.model.model_validate(JACOBIAN)
    assert kind.model_responses(model, "") == [("check.answer", "[[0.5, 0], [0.2, 0.9]]"),
                                               ("check.answer", "0.5, 0; 0.2, 0.9")]
    assert kind.describe(JACOBIAN) == ["  expected: [[0.5, 0], [0.2, 0.9]] (rtol 0.01, atol 1e-08, entry by entry)"]
    assert kind.placeholder(model) == "Rows in brackets, e.g. [[1, 2], [3, 4]] or 1 2; 3 4, then enter"
    assert kind.placeholder(kind.model.model_validate(VECTOR)) == "Entries in brackets, e.g. [3, -1.5], then enter"
    assert [path for path, *_ in kind.expressions(model)] == [("answer", 0, 0), ("answer", 0, 1),
                                                              ("answer", 1, 0), ("answer", 1, 1)]
