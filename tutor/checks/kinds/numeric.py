"""`numeric`: a number or arithmetic, compared with a tolerance (see `tutor.grading.numeric`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from tutor.checks import mistakes as expected_mistakes
from tutor.checks.kind import AuthoredExpression, CheckKind
from tutor.checks.mistakes import Mistake
from tutor.fields import Expression, Model

if TYPE_CHECKING:
    from tutor.grading.result import Grade

# Examples of the notation only: a test holds them apart from every built-in answer, so the
# hint never gives a question's answer away (it once showed 0.9^20 on the question whose
# answer is 0.9^20).
NUMERIC_EXAMPLES = ("6.02e-5", "7^4/3")


class NumericCheck(Model):
    """A number or an arithmetic expression, compared with a tolerance.

    Defaults follow PrairieLearn: relative 1e-2, absolute 1e-8. With `sigfigs` the
    response must agree with the answer to that many significant figures instead.
    """

    kind: Literal["numeric"]
    answer: Expression
    rtol: float = Field(default=1e-2, ge=0, le=1)
    atol: float = Field(default=1e-8, ge=0)
    sigfigs: int | None = Field(default=None, ge=1, le=15)
    unit: str = ""
    mistakes: list[Mistake] = []
    """Typical wrong answers with their own feedback (see `tutor.checks.mistakes`)."""


def _grade(check: NumericCheck, response: str, timeout: float, seed: int) -> Grade:
    from tutor.grading.numeric import grade_numeric

    return grade_numeric(check, response)


def shown_value(text: str) -> str:
    """An authored number as feedback shows it: `0.9^20 ≈ 0.121577`, a plain `0.25` as is.
    Raises CheckError when the text has no finite value."""
    from tutor.expressions import display, parse
    from tutor.grading.numeric import value_of

    value = value_of(text)
    tree = parse(text).tree
    shown = display(tree)
    return shown if _is_literal(tree) else f"{shown} ≈ {value:.6g}"


def _expected(check: NumericCheck) -> str:
    return f"{shown_value(check.answer)} {check.unit}".rstrip()


def _is_literal(tree: Any) -> bool:
    """A plain number such as `0.25` or `-3` (no arithmetic to show the value of)."""
    import ast

    if isinstance(tree, ast.UnaryOp) and isinstance(tree.op, ast.USub):
        tree = tree.operand
    return isinstance(tree, ast.Constant)


def _describe(check: dict[str, Any]) -> list[str]:
    if check.get("sigfigs"):
        tolerance = f"{check['sigfigs']} significant figures"
    else:
        tolerance = f"rtol {check.get('rtol', 1e-2):g}, atol {check.get('atol', 1e-8):g}"
    lines = [f"  expected: {check['answer']} ({tolerance})", *expected_mistakes.describe(check)]
    if "formula" in check:
        lines.insert(0, f"  formula:  {check['formula']}")
    return lines


def _expressions(check: NumericCheck) -> list[AuthoredExpression]:
    return [(("answer",), check.answer, (), None),
            *((("mistakes", index, "answer"), mistake.answer, (), None)
              for index, mistake in enumerate(check.mistakes))]


KIND = CheckKind(
    name="numeric",
    order=2,
    model=NumericCheck,
    grade=_grade,
    expected=_expected,
    placeholder=lambda check: f"A number or arithmetic, e.g. {' or '.join(NUMERIC_EXAMPLES)}, then enter",
    describe=_describe,
    model_responses=lambda check, answer: [("check.answer", check.answer)],
    expressions=_expressions,
    wrong_responses=lambda check: expected_mistakes.wrong_responses(check.mistakes),
    shows_expression=True,
    one_line=True,
)
