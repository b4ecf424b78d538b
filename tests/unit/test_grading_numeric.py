"""Numeric grading: tolerances, significant figures, accepted notations, explained misses."""

from __future__ import annotations

import pytest

from tutor.checks.answers import grade
from tutor.grading import CheckError

BOUND = {"kind": "numeric", "answer": "0.9^20"}  # 0.121577: tanh, largest singular value 0.9, 20 steps


@pytest.mark.parametrize(
    "response",
    ["0.1216", "0.12158", "1.216e-1", "12.16%", "12.16 %", "0.9^20", "0.9**20", "(9/10)^20", "0.122", " 0.1216 ",
     "0.9²⁰", "exp(20 log(0.9))"],
)
def test_accepts_notations_within_one_percent(response: str) -> None:
    result = grade(BOUND, response)
    assert (result.correct, result.score, result.feedback, result.notes) == (True, 1.0, "Correct.", ())


@pytest.mark.parametrize(
    ("response", "feedback", "notes"),
    [
        ("0.12", "Not correct: 0.12 is too low (the answer must be within 1%).", ("too-low",)),
        ("0.9*20", "Not correct: 18 is too high (the answer must be within 1%).", ("too-high",)),
        ("12.16", "Not correct: 12.16 is too high (the answer must be within 1%). It is off by a factor of 10^-2: "
                  "check the decimal point, a percent or the units.", ("too-high", "power-of-ten")),
        ("-0.1216", "Not correct: -0.1216 is too low (the answer must be within 1%). The size is right but the "
                    "sign is wrong.", ("too-low", "sign")),
    ],
)
def test_misses_are_explained(response: str, feedback: str, notes: tuple[str, ...]) -> None:
    result = grade(BOUND, response)
    assert (result.correct, result.score, result.invalid) == (False, 0.0, False)
    assert (result.feedback, result.notes) == (feedback, notes)


@pytest.mark.parametrize(
    ("answer", "response", "correct"),
    [
        ("1/4", "0.25", True),
        ("1/4", "25%", True),
        ("1/4", "0.2475", True),  # exactly 1% low: the bound is inclusive
        ("1/4", "0.2474", False),
        ("0", "1e-9", True),  # atol 1e-8 saves answers of zero
        ("0", "1e-7", False),
        ("1e-12", "0", True),
        ("-3", "-3.02", True),
    ],
)
def test_default_tolerance_is_prairielearn_like(answer: str, response: str, correct: bool) -> None:
    assert grade({"kind": "numeric", "answer": answer}, response).correct is correct


@pytest.mark.parametrize(
    ("response", "correct"),
    [("0.122", True), ("0.1216", True), ("0.1215", True), ("0.121", False), ("0.123", False), ("0.12158", True)],
)
def test_significant_figures(response: str, correct: bool) -> None:
    check = {"kind": "numeric", "answer": "0.9^20", "sigfigs": 3}
    result = grade(check, response)
    assert result.correct is correct
    if not correct:
        assert "(the answer must match to 3 significant figures)" in result.feedback


@pytest.mark.parametrize("response", ["1e-320", "1e300", "-1e-320", "5e-324", "1e308*10"])
def test_extreme_values_are_graded_without_error(response: str) -> None:
    result = grade(BOUND, response)
    assert result.invalid is (response == "1e308*10")
    assert not result.correct


def test_power_of_ten_slips_in_both_directions() -> None:
    assert grade(BOUND, "0.0001216").notes == ("too-low", "power-of-ten")
    assert grade({"kind": "numeric", "answer": "0.05"}, "5").notes == ("too-high", "power-of-ten")
    assert grade({"kind": "numeric", "answer": "0.05"}, "5.1").notes == ("too-high",)


def test_explicit_tolerances() -> None:
    check = {"kind": "numeric", "answer": "100", "rtol": 0, "atol": 0.5}
    assert grade(check, "100.5").correct and not grade(check, "100.6").correct
    assert grade(check, "100.6").feedback == "Not correct: 100.6 is too high (the answer must be within 0.5)."


def test_unit_may_follow_the_number() -> None:
    check = {"kind": "numeric", "answer": "20", "unit": "steps"}
    assert grade(check, "20 steps").correct and grade(check, "20").correct


@pytest.mark.parametrize(
    ("response", "note", "offset", "feedback"),
    [
        ("", "format:empty", 0, "Could not read your answer: the answer is empty (at character 1)."),
        ("abc", "format:unknown-name", 0,
         "Could not read your answer: unknown name 'abc' (no variables; constants: pi, e; functions: the standard "
         "ones (tanh, sigmoid, exp, log, ...)) (at character 1)."),
        ("0.12.3", "format:syntax", 4,
         "Could not read your answer: a number cannot follow directly here: use * or an operator (at character 5)."),
        ("0,12", "format:comma", 1,
         "Write numbers without commas: a decimal point (1.5) and no thousands separator (1000)."),
        ("1/0", "format:not-finite", None,
         "Your expression has no finite value (a division by zero, or a number too large)."),
        ("x", "format:unknown-name", 0, None),
        ("9**9**9**9", "format:exponent", 6, None),
    ],
)
def test_format_errors_are_invalid_not_wrong(response: str, note: str, offset: int | None, feedback: str | None) -> None:
    result = grade(BOUND, response)
    assert result.invalid and not result.correct and result.score == 0.0
    assert (result.notes, result.error_offset) == ((note,), offset)
    if feedback is not None:
        assert result.feedback == feedback


def test_a_broken_answer_in_the_pack_is_a_check_error() -> None:
    with pytest.raises(CheckError, match=r"^answer: unknown name 'x'"):
        grade({"kind": "numeric", "answer": "x + 1"}, "1")
    with pytest.raises(CheckError, match=r"^answer: 1/0 has no finite value$"):
        grade({"kind": "numeric", "answer": "1/0"}, "1")
