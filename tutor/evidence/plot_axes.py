"""The axes of a plot a learner can read: decade ticks on a log axis, whole-number ticks
for time steps, and a minimum span so rounding noise is drawn as the flat line it is.

Pure arithmetic (no plotext), shared by the app's plot widget and the text export.
Log-scale plots get ticks labelled by decade (`1e-12`): plotext's own log-axis labels
print every digit of the raw value, which is unreadable for gradients spanning forty
orders of magnitude. An x axis of whole numbers (time steps) gets ticks at a round
stride, not plotext's 12.5 and 37.5.
"""

from __future__ import annotations

import math

MAX_TICKS = 7
FLOAT_DECADES = 308  # 1e±308: the widest whole decades a float holds
FLAT = 1e-9  # a linear series whose values differ by less than this (relative) is flat


def integer_ticks(low: float, high: float) -> list[int]:
    """Whole-number ticks (time steps, not 12.5) at a round stride (1, 2 or 5 times a
    power of ten), at most MAX_TICKS."""
    raw = max(1.0, (high - low) / (MAX_TICKS - 1))
    magnitude = 10 ** math.floor(math.log10(raw))
    stride = next(int(step * magnitude) for step in (1, 2, 5, 10) if step * magnitude >= raw)
    first = math.ceil(low / stride) * stride
    return list(range(first, math.floor(high) + 1, stride))


def y_axis(values: list[float], log_y: bool) -> tuple[float, float, list[float], list[str]]:
    """(low, high, ticks, labels) of a y axis a learner can read: at least a decade on a log
    axis and a visible span on a linear one, so rounding noise (1.0000000000000002 to
    ...44) is drawn as the flat line it is, with two tick labels or more."""
    low, high = min(values), max(values)
    if log_y:
        bottom, top = math.log10(low), math.log10(high)
        if top - bottom < 1:
            # a decade around the data, not whole decades: 0.28 to 1 drawn from 0.1 to 10
            # left most of the plot empty (ticks 0.2, 0.5, 1, ... where a decade has no power of ten)
            middle = (bottom + top) / 2
            low, high = 10.0 ** (middle - 0.5), 10.0 ** (middle + 0.5)
            ticks = one_two_five_ticks(low, high)
            return low, high, ticks, [_short_label(tick) for tick in ticks]
        # whole decades, within what a float holds (an exploding run reaches 1e308)
        first, last = max(math.floor(bottom), -FLOAT_DECADES), min(math.ceil(top), FLOAT_DECADES)
        ticks, labels = decade_ticks(10.0**first, 10.0**last)
        return 10.0**first, 10.0**last, ticks, labels
    if high - low <= FLAT * max(abs(low), abs(high), 1.0):
        half = abs(low + high) / 2 * 0.1 or 1.0
        low, high = (low + high) / 2 - half, (low + high) / 2 + half
    return (low, high, *linear_ticks(low, high))


def one_two_five_ticks(low: float, high: float) -> list[float]:
    """The values 1, 2 and 5 times a power of ten within [low, high] (three or more in any
    span of a decade)."""
    first = math.floor(math.log10(low))
    values = [step * 10.0**k for k in range(first, math.ceil(math.log10(high)) + 1) for step in (1, 2, 5)]
    return [float(f"{value:.12g}") for value in values if low <= value <= high]


def _short_label(value: float) -> str:
    """0.2, 5, 200 as written; 2e-5 and 5e7 in the decade labels' style (not 2e-05)."""
    if 1e-3 <= value < 1e4:
        return f"{value:g}"
    mantissa, exponent = f"{value:e}".split("e")
    return f"{float(mantissa):g}e{int(exponent)}"


def plotext_limits(low: float, high: float, log_y: bool) -> tuple[float, float]:
    """Limits as plotext takes them: on a log axis it wants exponents (log10), not values."""
    return (math.log10(low), math.log10(high)) if log_y else (low, high)


def linear_ticks(low: float, high: float, count: int = 5) -> tuple[list[float], list[str]]:
    """`count` evenly spaced ticks from low to high, labelled with 3 significant digits."""
    if high <= low:
        return [low], [f"{low:.3g}"]
    values = [low + (high - low) * index / (count - 1) for index in range(count)]
    return values, [f"{value:.3g}" for value in values]


def decade_ticks(low: float, high: float) -> tuple[list[float], list[str]]:
    """Powers of ten covering [low, high], at most MAX_TICKS of them, labelled 1e-3 etc."""
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    stride = max(1, math.ceil((last - first + 1) / MAX_TICKS))
    exponents = list(range(first, last + 1, stride))
    return [10.0**k for k in exponents], [f"1e{k}" for k in exponents]
