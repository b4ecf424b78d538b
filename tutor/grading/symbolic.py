"""Grading a `symbolic` check: is the typed expression equivalent to an expected one?

The response is parsed over the check's declared variables with the functions it allows;
a parse error is a format error (invalid, not wrong) that points at the character. The
verdict comes from `tutor.grading.equivalence` (SymPy in a killable process plus a seeded
numeric comparison). A wrong answer's feedback shows a point where the two differ; a
time-out says that it could not decide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tutor.expressions import ExpressionError, Parsed, display, parse
from tutor.grading.equivalence import (
    Counterexample,
    Equivalence,
    compare_numerically,
    deadline_after,
    decide,
    sample_points,
)
from tutor.grading.result import CheckError, Grade, format_error_grade

if TYPE_CHECKING:
    from tutor.checks.kinds.symbolic import SymbolicCheck

UNDECIDED_FEEDBACK = (
    "Could not decide in time whether your expression equals the expected one. "
    "Compare it with the model answer and rate yourself."
)


def expected_answers(check: SymbolicCheck) -> list[Parsed]:
    parsed = []
    for index, answer in enumerate(check.answers):
        try:
            parsed.append(parse(answer, check.variables))
        except ExpressionError as error:
            raise CheckError(f"answers[{index}]: {error} (at character {(error.offset or 0) + 1})") from None
    return parsed


def grade_symbolic(check: SymbolicCheck, response: str, *, timeout: float, seed: int) -> Grade:
    deadline = deadline_after(timeout)
    expected = expected_answers(check)
    try:
        parsed = parse(response, check.variables, check.functions, notation=check.notation)
    except ExpressionError as error:
        return format_error_grade(error)
    result = decide(expected, parsed, check.functions, seed=seed, deadline=deadline, notation=check.notation)
    notes: tuple[str, ...] = (f"sympy:{result.sympy_verdict}", f"numeric:{result.numeric_verdict}")
    if result.disagree:
        notes += ("crosscheck:disagree",)
    if result.verdict == "undecided":
        return Grade.could_not_decide(UNDECIDED_FEEDBACK, notes)
    if result.verdict == "equal":
        return Grade(True, 1.0, _correct_feedback(expected, result), notes)
    mistake = _known_mistake(check, parsed, seed)
    if mistake is not None:
        index, feedback = mistake
        return Grade(False, 0.0, f"Not equivalent to the expected answer. {feedback}", (*notes, f"mistake:{index + 1}"))
    return Grade(False, 0.0, _wrong_feedback(expected, result), notes)


def _known_mistake(check: SymbolicCheck, response: Parsed, seed: int) -> tuple[int, str] | None:
    """The first expected mistake the response agrees with at the sample points (numbers
    only: a diagnosis of a response already judged wrong, so no SymPy call)."""
    if not check.mistakes:
        return None
    points = sample_points(list(check.variables), seed)
    for index, mistake in enumerate(check.mistakes):
        try:
            parsed = parse(mistake.answer, check.variables, check.functions)
        except ExpressionError as error:
            raise CheckError(f"mistakes[{index}].answer: {error}") from None
        if compare_numerically(parsed, response, points).verdict == "equal":
            return index, mistake.feedback
    return None


def _correct_feedback(expected: list[Parsed], result: Equivalence) -> str:
    if len(expected) == 1:
        return "Correct: equivalent to the expected answer."
    return f"Correct: equivalent to {display(expected[result.answer_index].tree)}."


def _wrong_feedback(expected: list[Parsed], result: Equivalence) -> str:
    if result.counterexample is not None:
        return f"Not equivalent to the expected answer. {_describe(result.counterexample)}"
    if result.numeric_verdict == "equal":
        return "Not equivalent to the expected answer, though the two differ only slightly at the points tried."
    return "Not equivalent to the expected answer."


def _describe(counterexample: Counterexample) -> str:
    from tutor.expressions import GREEK_NAMES

    point = ", ".join(f"{GREEK_NAMES.get(name, name)} = {value:g}" for name, value in counterexample.point.items())
    return (
        f"At {point} yours gives {counterexample.response:.6g} "
        f"but the expected answer gives {counterexample.expected:.6g}."
    )
