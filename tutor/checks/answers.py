"""The one entry point: `grade(check, response) -> Grade`, and the expected answer for display.

Here, beside the registry, because grading a check means finding its kind: `tutor.grading`
holds the engines the kinds call (numbers, formulas, free text) and knows no kind.
`check` is a validated check model or the same data as a plain dict (as in YAML), which is
validated here through the union of the kinds' models (the pack schema's `Check`). Each kind
grades in its own module (`tutor.checks.kinds`); an unknown kind raises rather than being
graded as another. A check that cannot be graded (its expected answer does not parse) raises
`CheckError`: that is the pack's fault and is caught by pack validation first. Whatever the
*response* is, `grade` returns a Grade and does not raise; a symbolic grade returns within
`timeout` plus a few milliseconds.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from tutor import checks
from tutor.grading.result import Grade

if TYPE_CHECKING:
    from pydantic import TypeAdapter

AnyCheck = Any  # a validated check model of any kind in `tutor.checks.kinds`
DEFAULT_TIMEOUT = 3.0


@lru_cache(maxsize=1)
def _check_adapter() -> TypeAdapter[Any]:
    from pydantic import TypeAdapter

    return TypeAdapter(checks.union())


def as_check(check: AnyCheck | dict[str, Any]) -> AnyCheck:
    """The check model; a dict is validated (pydantic.ValidationError if it is not a check)."""
    if isinstance(check, checks.models()):
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
    kind = checks.kind_of(model)
    if not isinstance(response, str) and not kind.accepts_lists:
        return Grade.format_error("Type your answer as text.", "type")
    return kind.grade(model, response, timeout, seed)


def expected_display(check: AnyCheck | dict[str, Any]) -> str:
    """The expected answer as one line for feedback (`w·(1 − tanh(w·h + u·x + b)²)`)."""
    model = as_check(check)
    return checks.kind_of(model).expected(model)
