"""Building a derivation step by step.

A `Derivation` collects `Step`s in order. Each step carries the SymPy object that the
code computed from the previous ones, rendered at once as Unicode and LaTeX, so the text
a learner reads is always what SymPy obtained, never a string typed in beside it.
Named results go into `formulas`, which is what the numerical agreement tests check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sympy import Eq, expand, simplify

from tutor.evidence.derivations.printing import render_latex, render_unicode
from tutor.evidence.registry import Cancelled
from tutor.evidence.result import Result, Step


class DerivationError(RuntimeError):
    """SymPy could not confirm a step the derivation relies on: a bug, never bad input."""


def never() -> bool:
    """The default `should_cancel`: a derivation run outside a worker is never cancelled."""
    return False


def equation(lhs: Any, rhs: Any) -> Any:
    """`lhs = rhs` as an unevaluated SymPy equation (so it prints as written)."""
    return Eq(lhs, rhs, evaluate=False)


def require_zero(difference: Any, claim: str) -> None:
    """Raise `DerivationError` unless SymPy reduces `difference` (expr or matrix) to zero.

    Tries `expand` first (cheap, enough for polynomial identities) and only then
    `simplify`, so the common case stays fast.
    """
    entries = list(difference) if hasattr(difference, "shape") else [difference]
    for entry in entries:
        if expand(entry) != 0 and simplify(entry) != 0:
            raise DerivationError(f"SymPy could not confirm: {claim}")


APPROXIMATION_DIGITS = 5
LARGE_DENOMINATOR = 10


def approximation(expression: Any) -> str | None:
    """A decimal a learner can use beside an exact number that is hard to read: a root, a
    constant such as e or π, or a fraction with a denominator above 10 (`√(√276289/200 +
    109/40)` is about 2.3137); None for an integer, a plain fraction such as 1/4, or anything
    that still has a symbol in it. For an equation, its right-hand side."""
    value = expression.rhs if isinstance(expression, Eq) else expression
    if not getattr(value, "is_number", False) or value.is_real is not True:
        return None
    if value.is_Integer or (value.is_Rational and value.q <= LARGE_DENOMINATOR):
        return None
    return f"{float(value.evalf(15)):.{APPROXIMATION_DIGITS}g}"


def _with_approximation(text: str, approximately: str | None) -> str:
    """`≈ 2.3137` after the rendered expression, on its baseline (the line with the `=` of a
    drawing several lines high, such as a root over a fraction)."""
    if not approximately:
        return text
    lines = text.split("\n")
    baseline = next((index for index, line in enumerate(lines) if "=" in line), len(lines) // 2)
    width = max(len(line) for line in lines)
    lines[baseline] = lines[baseline].ljust(width) + f" ≈ {approximately}"
    return "\n".join(lines)


@dataclass
class Derivation:
    """An ordered list of steps, the named formulas they produced, exact scalars and the
    one-line `reading` (the takeaway).

    `should_cancel` is polled before every step; when it says stop, `Cancelled` is raised.
    """

    should_cancel: Callable[[], bool] = never
    steps: list[Step] = field(default_factory=list)
    formulas: dict[str, Any] = field(default_factory=dict)
    scalars: dict[str, float] = field(default_factory=dict)
    reading: str = ""

    def step(self, statement: str, expression: Any, justification: str, *, name: str = "") -> Any:
        """Append a step and return `expression`, so the next step can build on it."""
        if self.should_cancel():
            raise Cancelled("derivation cancelled")
        approximately = approximation(expression)
        self.steps.append(
            Step(
                statement=statement,
                expression=expression,
                justification=justification,
                unicode=_with_approximation(render_unicode(expression), approximately),
                latex=render_latex(expression) + (rf" \approx {approximately}" if approximately else ""),
            )
        )
        if name:
            self.formulas[name] = expression
        return expression

    def remember(self, name: str, value: Any) -> Any:
        """Keep a formula for tests and callers without making it a step of its own."""
        self.formulas[name] = value
        return value

    def scalar(self, name: str, exact: Any) -> float:
        """Record an exact SymPy number as a claimable scalar (e.g. Rational(1, 4) → 0.25)."""
        value = float(exact)
        self.scalars[name] = value
        return value

    def to_result(self, name: str, params: dict[str, Any]) -> Result:
        """The finished derivation as a `Result` (kind "derivation", no seed: it is exact)."""
        return Result(
            name=name,
            kind="derivation",
            params=dict(params),
            seed=None,
            reading=self.reading,
            scalars=dict(self.scalars),
            steps=tuple(self.steps),
        )
