"""The one entry point: `grade(check, response) -> Grade`, and the expected answer for display.

`check` is a validated check model or the same data as a plain dict (as in YAML), which is
validated here through the schema's `Check` union. A check that cannot be graded (its
expected answer does not parse) raises `CheckError`: that is the pack's fault and is caught
by pack validation first. Whatever the *response* is, `grade` returns a Grade and does not
raise; a symbolic grade returns within `timeout` plus a few milliseconds.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from tutor.grading.result import Grade
from tutor.packs.schema import ChoiceCheck, ConceptsCheck, NumericCheck, SelfCheck, SymbolicCheck

AnyCheck = SelfCheck | ChoiceCheck | NumericCheck | SymbolicCheck | ConceptsCheck
DEFAULT_TIMEOUT = 3.0


@lru_cache(maxsize=1)
def _check_adapter():
    from pydantic import TypeAdapter

    from tutor.packs.schema import Check

    return TypeAdapter(Check)


def as_check(check: AnyCheck | dict[str, Any]) -> AnyCheck:
    """The check model; a dict is validated (pydantic.ValidationError if it is not a check)."""
    if isinstance(check, (SelfCheck, ChoiceCheck, NumericCheck, SymbolicCheck, ConceptsCheck)):
        return check
    return _check_adapter().validate_python(check)


def grade(
    check: AnyCheck | dict[str, Any],
    response: str | list[str],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    seed: int = 0,
) -> Grade:
    """Grade `response` against `check`. `seed` fixes the random points of symbolic checks."""
    model = as_check(check)
    if isinstance(model, SelfCheck):
        from tutor.grading.selfcheck import grade_self

        return grade_self()
    if isinstance(model, ChoiceCheck):
        from tutor.grading.choice import grade_choice

        return grade_choice(model, response)
    if not isinstance(response, str):
        return Grade.format_error("Type your answer as text.", "type")
    if isinstance(model, NumericCheck):
        from tutor.grading.numeric import grade_numeric

        return grade_numeric(model, response)
    if isinstance(model, SymbolicCheck):
        from tutor.grading.symbolic import grade_symbolic

        return grade_symbolic(model, response, timeout=timeout, seed=seed)
    from tutor.grading.concepts import grade_concepts

    return grade_concepts(model, response)


def expected_display(check: AnyCheck | dict[str, Any]) -> str:
    """The expected answer as one line for feedback (`w·(1 − tanh(w·h + u·x + b)²)`)."""
    from tutor.grading.expression_display import display
    from tutor.grading.expressions import parse

    model = as_check(check)
    if isinstance(model, SelfCheck):
        return ""
    if isinstance(model, ChoiceCheck):
        return "; ".join(f"{option.key}) {option.text}" for option in model.options if option.correct)
    if isinstance(model, NumericCheck):
        from tutor.grading.numeric import expected_value

        value = expected_value(model)  # raises CheckError for a broken answer
        parsed = parse(model.answer)
        shown = display(parsed.tree)
        if not _is_literal(parsed.tree):
            shown += f" ≈ {value:.6g}"
        return f"{shown} {model.unit}".rstrip()
    if isinstance(model, SymbolicCheck):
        from tutor.grading.symbolic import expected_answers

        return "  or  ".join(display(parsed.tree) for parsed in expected_answers(model))
    names = ", ".join(concept.name.replace("-", " ") for concept in model.concepts)
    if model.pass_count < len(model.concepts):
        return f"Key points (any {model.pass_count} of {len(model.concepts)}): {names}"
    return f"Key points: {names}"


def _is_literal(tree) -> bool:
    """A plain number such as `0.25` or `-3` (no arithmetic to show the value of)."""
    import ast

    if isinstance(tree, ast.UnaryOp) and isinstance(tree.op, ast.USub):
        tree = tree.operand
    return isinstance(tree, ast.Constant)
