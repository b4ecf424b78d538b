"""`symbolic`: an expression over declared variables, proved equal by SymPy (see
`tutor.grading.symbolic`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator, model_validator

from tutor.checks import mistakes as expected_mistakes
from tutor.checks.kind import AuthoredExpression, CheckKind
from tutor.checks.mistakes import Mistake
from tutor.fields import Expression, Model, VariableName

if TYPE_CHECKING:
    from tutor.grading.result import Grade


class SymbolicCheck(Model):
    """Expected expression(s) over declared variables; any one of `answers` is accepted."""

    kind: Literal["symbolic"]
    variables: list[VariableName] = Field(min_length=1)
    answers: list[Expression] = Field(min_length=1)
    functions: list[str] | None = None
    notation: dict[str, VariableName] = {}
    """Written forms of the model answer that stand for a variable (`hₖ₋₁: h`, `‖g‖: n`),
    so that a learner who copies the answer's notation is understood."""
    mistakes: list[Mistake] = []
    """Typical wrong answers with their own feedback (see `tutor.checks.mistakes`)."""

    @field_validator("variables")
    @classmethod
    def _unique_variables(cls, names: list[str]) -> list[str]:
        seen: set[str] = set()
        for name in names:
            if name in seen:
                raise ValueError(f"variable '{name}' is declared twice")
            seen.add(name)
        return names

    @model_validator(mode="after")
    def _notation_names_variables(self) -> "SymbolicCheck":
        for form, name in self.notation.items():
            if not form.strip():
                raise ValueError("notation: a written form cannot be empty")
            if name not in self.variables:
                raise ValueError(f"notation: '{form}' stands for '{name}', which is not among the variables")
        return self


def _grade(check: SymbolicCheck, response: str, timeout: float, seed: int) -> Grade:
    from tutor.grading.symbolic import grade_symbolic

    return grade_symbolic(check, response, timeout=timeout, seed=seed)


def _expected(check: SymbolicCheck) -> str:
    from tutor.expressions import display
    from tutor.grading.symbolic import expected_answers

    return "  or  ".join(display(parsed.tree) for parsed in expected_answers(check))


def _expressions(check: SymbolicCheck) -> list[AuthoredExpression]:
    functions = None if check.functions is None else tuple(check.functions)
    return [*((("answers", index), answer, tuple(check.variables), functions)
              for index, answer in enumerate(check.answers)),
            *((("mistakes", index, "answer"), mistake.answer, tuple(check.variables), functions)
              for index, mistake in enumerate(check.mistakes))]


def _describe(check: dict[str, Any]) -> list[str]:
    return [f"  variables: {', '.join(check['variables'])}", *(f"  expected:  {answer}" for answer in check["answers"]),
            *expected_mistakes.describe(check)]


KIND = CheckKind(
    name="symbolic",
    order=3,
    model=SymbolicCheck,
    grade=_grade,
    expected=_expected,
    placeholder=lambda check: "An expression in ASCII (* for times, ^ for powers), then enter",
    describe=_describe,
    model_responses=lambda check, answer: [(f"check.answers[{i}]", text) for i, text in enumerate(check.answers)],
    expressions=_expressions,
    wrong_responses=lambda check: expected_mistakes.wrong_responses(check.mistakes),
    shows_expression=True,
    interview_ready=True,
    one_line=True,
)
