"""The child process that decides symbolic equivalence with SymPy: `python -m tutor.grading.symbolic_worker`.

Why a separate process: SymPy's `simplify` can run for minutes on an unlucky input and a
Python thread cannot be stopped, so an abandoned thread would keep the CPU and the GIL
away from the UI. A process can be killed at the deadline (see `symbolic_pool`). It also
runs at a lower priority and with a cap on its address space, so no input can take the
machine's memory.

Protocol: one JSON object per line on stdin, one JSON reply per line on stdout.
Request: {"id", "answers": [text...], "response": text, "variables": [...],
"functions": [...] or null, "notation": {written form: variable}, "points": [{name: value}...]}.
Reply: {"id", "verdicts": ["equal" | "different" | "unknown", ...]} (one per answer, stopping
at the first "equal"), or {"id", "error": name} when something failed.

Every text is parsed again here by the same whitelisting parser; nothing is sympified.
"""

from __future__ import annotations

import json
import os
import sys
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sympy

MEMORY_LIMIT_BYTES = 1536 * 1024 * 1024
PRECISION_DIGITS = 30
RELATIVE_TOLERANCE = 1e-15  # far above the error of 30-digit arithmetic, far below any real difference


def decide(request: dict[str, Any]) -> list[str]:
    """A verdict per expected answer, in order, stopping at the first that is equal."""
    variables = tuple(request["variables"])
    functions = request["functions"]
    notation = tuple((request.get("notation") or {}).items()) or None
    response = _expression(request["response"], variables, None if functions is None else tuple(functions), notation)
    points = [{name: Fraction(str(value)) for name, value in point.items()} for point in request["points"]]
    verdicts = []
    for answer in request["answers"]:
        verdict = compare(_expression(answer, variables, None, None), response, points)
        verdicts.append(verdict)
        if verdict == "equal":
            break
    return verdicts


def compare(expected: sympy.Expr, response: sympy.Expr, points: list[dict[str, Fraction]]) -> str:
    """`equal` (proved by simplification), `different` (exact arithmetic found a difference) or `unknown`.

    The cheap steps come first: an exact difference of zero or a non-zero rational, then
    the values at the given points in 30-digit arithmetic, and only then `simplify`, which
    is the step that may take long (the parent kills us at its deadline). Simplification
    tries the cheap rewrite into exponentials first, then `simplify` of that, then `simplify`.
    """
    import sympy

    difference = expected - response
    if difference == 0:
        return "equal"
    if difference.is_Rational:
        return "different"
    for point in points:
        at = tuple(point.items())
        expected_value = _value_at(expected, at)
        response_value = _value_at(response, at)
        if expected_value is None or response_value is None:
            continue
        scale = 1 + abs(expected_value) + abs(response_value)
        if abs(expected_value - response_value) > RELATIVE_TOLERANCE * scale:
            return "different"
    for attempt in (_rational_in_exponentials, _simplify_exponentials, sympy.simplify):
        if attempt(difference) == 0:
            return "equal"
    return "unknown"


def _rational_in_exponentials(difference: sympy.Expr) -> sympy.Expr:
    """tanh, cosh, sigmoid ... written with exp, then one fraction: quick and often enough."""
    import sympy

    written = sympy.together(difference.rewrite(sympy.exp))
    return sympy.cancel(sympy.expand(sympy.powsimp(written)))


def _simplify_exponentials(difference: sympy.Expr) -> sympy.Expr:
    import sympy

    return sympy.simplify(difference.rewrite(sympy.exp))


@lru_cache(maxsize=256)
def _expression(text: str, variables: tuple[str, ...], functions: tuple[str, ...] | None,
                notation: tuple[tuple[str, str], ...] | None) -> sympy.Expr:
    """The SymPy form of `text`, remembered: a question's expected answers come with every
    response graded against them (SymPy expressions are immutable)."""
    from tutor.expressions import parse, to_sympy

    return to_sympy(parse(text, variables, functions, notation=None if notation is None else dict(notation)))


@lru_cache(maxsize=4096)
def _value_at(expression: sympy.Expr, point: tuple[tuple[str, Fraction], ...]) -> sympy.Float | None:
    """`_real_value` at `point`, remembered: an expected answer is evaluated at the same
    points for every response compared with it (a pure function of the two)."""
    import sympy

    from tutor.expressions.sympy_tree import symbol

    substitution = {symbol(name): sympy.Rational(value.numerator, value.denominator) for name, value in point}
    return _real_value(expression, substitution)


#: A point is put in exactly only where the exact value cannot run past this many digits
#: (as the parser bounds constants: such numbers cost milliseconds); (x^999 + 1)^999 would
#: run to millions, and is left to evalf's numeric substitution, which never writes them out.
MAX_EXACT_DIGITS = 20000
#: Digits of a point's coordinate as an exact fraction (3 decimals, below 10 in size).
POINT_DIGITS = 8


def _real_value(expression: sympy.Expr, substitution: dict[sympy.Symbol, sympy.Rational]) -> sympy.Float | None:
    """The value at a point in 30-digit arithmetic, or None where it is not a finite real.

    The point's exact rationals are put in first (`xreplace`) and the resulting number is
    evaluated: the same 30 correct digits as `evalf(subs=...)`, which substitutes again at
    every node it cannot evaluate directly (tanh, sigmoid) and took 2-3 times as long
    (compared over the ~8,000 evaluations of both built-in packs: all agree within 1e-25
    relative, and none is finite with one and not with the other)."""
    import sympy

    if _exact_is_cheap(expression):
        value = expression.xreplace(substitution).evalf(PRECISION_DIGITS)
    else:
        value = expression.evalf(PRECISION_DIGITS, subs=substitution)
    if not value.is_number or value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return None
    real, imaginary = value.as_real_imag()
    if imaginary != 0 and abs(imaginary) > 1e-25:
        return None
    if not real.is_Float and not real.is_Rational:
        return None
    return sympy.Float(real, PRECISION_DIGITS)


@lru_cache(maxsize=256)
def _exact_is_cheap(expression: sympy.Expr) -> bool:
    """Whether putting a point's rationals into `expression` keeps its numbers short."""
    return _digits_bound(expression) <= MAX_EXACT_DIGITS


def _digits_bound(expression: sympy.Expr) -> float:
    """An upper bound on the digits of the exact numbers `expression` makes at a point: a
    power multiplies its base's digits by its exponent; sums, products and function
    arguments add theirs; a power to an exponent that is not a number has no bound."""
    import math

    if expression.is_Symbol:
        return POINT_DIGITS
    if expression.is_Rational:
        return len(str(abs(expression.p))) + len(str(expression.q))
    if expression.is_Pow:
        if not expression.exp.is_Number or abs(expression.exp) > MAX_EXACT_DIGITS:
            return math.inf
        exponent = math.ceil(abs(float(expression.exp)))
        return exponent * _digits_bound(expression.base) + _digits_bound(expression.exp)
    return 1 + sum(_digits_bound(argument) for argument in expression.args)


def _limit_resources() -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    except (ImportError, ValueError, OSError):
        pass  # not on this platform; the parent's deadline still applies
    try:
        os.nice(5)
    except (AttributeError, OSError):
        pass


def main() -> None:
    _limit_resources()
    import sympy  # noqa: F401  -- pay the import before the first request arrives

    for line in sys.stdin:
        request_id = None
        try:
            request = json.loads(line)
            request_id = request.get("id")
            reply: dict[str, Any] = {"id": request_id, "verdicts": decide(request)}
        except Exception as error:  # a failure is "could not decide", never a crash of the parent
            reply = {"id": request_id, "error": type(error).__name__}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
