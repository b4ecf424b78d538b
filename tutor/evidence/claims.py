"""Evaluate a pack's claims against a result: is the statement about the numbers true?

A claim names a scalar of the result, or a statistic of one of its series, and compares
it with a value. The value may be an arithmetic expression (`1/4`), read by the one
safe expression parser. Outcomes say what was observed, so a failing claim explains
itself: `first_over_last of series 'scale=0.5' is 12.3, expected > 1000`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from tutor.evidence.result import Result, Series

STATISTICS = ("first", "last", "min", "max", "first_over_last", "last_over_first", "overflow_step")


@dataclass(frozen=True)
class ClaimOutcome:
    held: bool
    observed: float | None
    message: str


def evaluate_claim(claim: Any, result: Result) -> ClaimOutcome:
    """Check one claim (a `tutor.packs.schema.Claim`) against `result`."""
    if claim.scalar is not None:
        subject = f"scalar '{claim.scalar}'"
        if claim.scalar not in result.scalars:
            return ClaimOutcome(False, None, f"{result.name} has no {subject}")
        observed: float | None = result.scalars[claim.scalar]
    else:
        subject = f"{claim.stat} of series '{claim.series}'"
        series = result.all_series().get(claim.series)
        if series is None:
            return ClaimOutcome(False, None, f"{result.name} has no series '{claim.series}'")
        observed = series_statistic(series, claim.stat)
    expected = None if claim.value is None else claim_value(claim.value)
    held = compare(observed, claim.op, expected, claim.rtol)
    shown_expected = "none" if expected is None else _fmt(expected)
    verdict = "holds" if held else "fails"
    message = f"{subject} is {_fmt(observed)}, claimed {claim.op} {shown_expected}: {verdict}"
    return ClaimOutcome(held, observed, message)


def series_statistic(series: Series, stat: str) -> float | None:
    """The named statistic of a series; `overflow_step` is None when nothing overflowed."""
    if stat == "overflow_step":
        return None if series.overflow_step is None else float(series.overflow_step)
    values = [float(v) for v in series.y]
    if not values:
        return math.nan
    first, last = values[0], values[-1]
    if stat == "first":
        return first
    if stat == "last":
        return last
    if stat == "min":
        return min(values)
    if stat == "max":
        return max(values)
    if stat == "first_over_last":
        return _ratio(first, last)
    if stat == "last_over_first":
        return _ratio(last, first)
    raise ValueError(f"unknown statistic '{stat}' (expected one of {', '.join(STATISTICS)})")


def compare(observed: float | None, op: str, expected: float | None, rtol: float) -> bool:
    """`observed OP expected`; `==`/`!=` with relative tolerance; None compares only by ==/!=."""
    if observed is None or expected is None:
        same = observed is None and expected is None
        return same if op == "==" else (not same if op == "!=" else False)
    if math.isnan(observed) or math.isnan(expected):
        return op == "!="
    if op in ("==", "!="):
        close = math.isclose(observed, expected, rel_tol=rtol, abs_tol=1e-300) or observed == expected
        return close if op == "==" else not close
    return {
        "<": observed < expected,
        "<=": observed <= expected,
        ">": observed > expected,
        ">=": observed >= expected,
    }[op]


def claim_value(text: str) -> float:
    """A claim's value: a plain number, or arithmetic such as `1/4` or `0.9^20`."""
    try:
        return float(text)
    except ValueError:
        from tutor.expressions import evaluate, parse

        return float(evaluate(parse(text), {}))


def _ratio(numerator: float, denominator: float) -> float:
    if denominator == 0:
        return math.inf if numerator != 0 else math.nan
    return numerator / denominator


def _fmt(value: float | None) -> str:
    if value is None:
        return "none"
    return f"{value:.4g}"
