"""Grading a `numeric` check: a number or arithmetic (`0.12`, `1.2e-1`, `12%`, `0.9^20`, `1/4`).

Both the pack's answer and the response go through the one expression parser (no
variables; constants pi and e; the usual functions), then the float evaluator. A response
that does not parse, or has no finite value, is a format error, and so is `1,5` (a
decimal comma or a thousands separator: ambiguous, so the learner is asked to rewrite it).

Tolerance, as in PrairieLearn: correct when |r - a| <= atol + rtol·|a| (defaults rtol 1e-2,
atol 1e-8). With `sigfigs` = n instead: correct when |r - a| <= 0.51 · 10^(e - n + 1), where
10^e is the leading digit's place of a: the response agrees with a to n significant
figures, with a little room for the rounding of the last one.

Explainable misses: the notes say `too-high` or `too-low`, and `sign` or `power-of-ten` when
the response would be right with the other sign or shifted by a power of ten (a percent or
unit slip).
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from tutor.expressions import ExpressionError, evaluate_tree, parse
from tutor.grading.result import CheckError, Grade, format_error_grade

if TYPE_CHECKING:
    from tutor.checks.kinds.numeric import NumericCheck

_DECIMAL_COMMA = re.compile(r"\s*(-?[0-9]+),([0-9]+)\s*$")


def expected_value(check: NumericCheck) -> float:
    return value_of(check.answer)


def value_of(text: str, field: str = "answer") -> float:
    """The value of an authored number or arithmetic; CheckError (naming `field`) if it has none."""
    try:
        value = evaluate_tree(parse(text).tree, {})
    except ExpressionError as error:
        raise CheckError(f"{field}: {error} (at character {(error.offset or 0) + 1})") from None
    if not math.isfinite(value):
        raise CheckError(f"{field}: {text} has no finite value")
    return value


def is_close(check: NumericCheck, value: float, expected: float) -> bool:
    difference = abs(value - expected)
    if check.sigfigs is not None and expected != 0:
        place = math.floor(math.log10(abs(expected))) - check.sigfigs + 1
        return difference <= 0.51 * 10.0**place
    return difference <= check.atol + check.rtol * abs(expected)


def grade_numeric(check: NumericCheck, response: str) -> Grade:
    expected = expected_value(check)
    text = response
    if check.unit and text.rstrip().endswith(check.unit):
        text = text.rstrip()[: -len(check.unit)]
    comma = _DECIMAL_COMMA.match(text)
    if comma:
        return Grade.format_error(
            "Write numbers without commas: a decimal point (1.5) and no thousands separator (1000).",
            "comma",
            comma.start(2) - 1,
        )
    try:
        value = evaluate_tree(parse(text).tree, {})
    except ExpressionError as error:
        return format_error_grade(error)
    if not math.isfinite(value):
        return Grade.format_error(
            "Your expression has no finite value (a division by zero, or a number too large).", "not-finite", None
        )
    if is_close(check, value, expected):
        return Grade(True, 1.0, "Correct.", ())
    return Grade(False, 0.0, *_miss(check, value, expected))


def _miss(check: NumericCheck, value: float, expected: float) -> tuple[str, tuple[str, ...]]:
    notes: tuple[str, ...] = ("too-high",) if value > expected else ("too-low",)
    lines = [f"Not correct: {value:.6g} is {notes[0].replace('-', ' ')} (the answer must {_tolerance(check)})."]
    for index, mistake in enumerate(check.mistakes):
        if is_close(check, value, value_of(mistake.answer, f"mistakes[{index}].answer")):
            return " ".join([*lines, mistake.feedback]), (*notes, f"mistake:{index + 1}")
    if expected != 0 and is_close(check, -value, expected):
        notes += ("sign",)
        lines.append("The size is right but the sign is wrong.")
    elif value != 0 and expected != 0:
        shift = round(math.log10(abs(expected))) - round(math.log10(abs(value)))
        if shift and abs(shift) <= 12 and is_close(check, value * 10.0**shift, expected):
            notes += ("power-of-ten",)
            lines.append(f"It is off by a factor of 10^{shift}: check the decimal point, a percent or the units.")
    return " ".join(lines), notes


def _tolerance(check: NumericCheck) -> str:
    if check.sigfigs:
        return f"match to {check.sigfigs} significant figures"
    if check.rtol:
        return f"be within {check.rtol * 100:g}%"
    if check.atol:
        return f"be within {check.atol:g}"
    return "be exact"
