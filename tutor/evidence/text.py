"""Results as plain text for people: the CLI's summary of a run, and number formatting
shared with the readings the simulations write.

No NumPy here: values arrive as NumPy scalars or arrays but are only indexed and
converted with float(), so this module stays as light as the rest of the core.
"""

from __future__ import annotations

import math
from typing import Any

from tutor.evidence.result import Result, Series


def format_number(value: Any, digits: int = 2) -> str:
    """A number as a person writes it: 0.9, 12.5, 1.2e-3, 3.4e12, inf, nan.

    `digits` + 1 significant digits between 0.01 and 10⁴ (a whole number where those
    digits would need an exponent), `digits` in scientific form.
    """
    if value is None:
        return "none"
    if isinstance(value, bool):
        return str(value).lower()
    number = float(value)
    if math.isnan(number):
        return "nan"
    if math.isinf(number):
        return "inf" if number > 0 else "-inf"
    if number == 0:
        return "0"
    if 1e-2 <= abs(number) < 1e4:
        text = f"{number:.{digits + 1}g}"
        return f"{number:.0f}" if "e" in text else text  # 1024, not .3g's 1.02e+03
    mantissa, exponent = f"{number:.{max(digits - 1, 0)}e}".split("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}e{int(exponent)}"


VANISHING_BELOW = 0.1
EXPLODING_ABOVE = 10.0
KEPT_WITHIN = 2.0
"""A gradient's first-over-last ratio is read as vanishing below VANISHING_BELOW, exploding
above EXPLODING_ABOVE, kept (roughly preserved) strictly within a factor KEPT_WITHIN of 1, and
shrinking or growing in between: a reading never calls ×4.8 'preserved'."""


def size_change(ratio: float) -> str:
    """'vanishing', 'shrinking', 'kept', 'growing' or 'exploding' for a finite ratio >= 0."""
    if ratio < VANISHING_BELOW:
        return "vanishing"
    if ratio > EXPLODING_ABOVE:
        return "exploding"
    if 1 / KEPT_WITHIN < ratio < KEPT_WITHIN:
        return "kept"
    return "shrinking" if ratio < 1 else "growing"


def power_text(base: float, exponent: int) -> tuple[str, str]:
    """(base, base^exponent) as written in a reading, the base with as many digits as it takes
    for the written base raised to `exponent` to give the written power: a mean forget gate of
    0.99996 over 50 steps reads 0.99996^50 = 0.998, never 1^50 = 0.998."""
    power = format_number(base**exponent)
    shown = format_number(base)
    for digits in range(2, 17):
        shown = format_number(base, digits)
        if format_number(float(shown) ** exponent) == power:
            break
    return shown, power


def format_result(result: Result) -> str:
    """A readable summary: title, parameters, seed, reading, scalars, series, overflow notes."""
    lines = [f"{_title(result)}  [{result.name}]"]
    if result.params:
        lines.append("params: " + "  ".join(f"{k}={_param(v)}" for k, v in result.params.items()))
    lines.append(f"seed: {result.seed}")
    lines.append(f"reading: {result.reading}")
    if result.scalars:
        lines.append("scalars:")
        width = max(len(name) for name in result.scalars)
        lines.extend(f"  {name:<{width}}  {format_number(v, 3)}" for name, v in result.scalars.items())
    series = list(result.all_series().values())
    if series:
        lines.append("series:")
        width = max(len(s.name) for s in series)
        lines.extend(f"  {s.name:<{width}}  {_series_summary(s)}" for s in series)
    overflowed = [s for s in series if s.overflow_step is not None]
    for s in overflowed:
        lines.append(f"overflow: {s.display_label} became inf/NaN at step {s.overflow_step}")
    for number, step in enumerate(result.steps, start=1):
        lines.append(f"{number}. {step.statement}: {step.unicode or step.latex}  ({step.justification})")
    return "\n".join(lines)


def _title(result: Result) -> str:
    from tutor.evidence.registry import UnknownEvidence, get

    try:
        return get(result.name).title_for(result.params)
    except UnknownEvidence:
        return result.name


def _param(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ",".join(_param(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).lower() if isinstance(value, bool) else str(value)


def _series_summary(series: Series) -> str:
    """first, last, min and max of the finite values, and how many points."""
    values = [float(v) for v in series.y]
    finite = [v for v in values if math.isfinite(v)]
    if not values:
        return "empty"
    text = f"first {format_number(values[0])}  last {format_number(values[-1])}"
    if finite:
        text += f"  min {format_number(min(finite))}  max {format_number(max(finite))}"
    return text + f"  ({len(values)} points)"
