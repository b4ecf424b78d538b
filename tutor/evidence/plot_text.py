"""Draw a `Plot` as plain text with plotext, for the CLI and for text export; and the
point and tick helpers the app's plot widget shares.

Log-scale plots get ticks labelled by decade (`1e-12`): plotext's own log-axis labels
print every digit of the raw value, which is unreadable for gradients spanning forty
orders of magnitude. An x axis of whole numbers (time steps) gets whole-number ticks
at a round stride, not plotext's 12.5 and 37.5. Non-finite points are left out of a
line and the overflow step is marked with a vertical line, so an exploding run shows
where it broke.
"""

from __future__ import annotations

import math
import re
from typing import Any

from tutor.evidence.result import Plot, Series

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
MAX_TICKS = 7
SERIES_MARKERS: tuple[tuple[str, str], ...] = (("braille", "⠤⠤"), ("•", "••"), ("+", "++"), ("×", "××"), ("*", "**"))
"""(plotext marker, legend sample) of each series in turn: each line has a marker of its own as
well as a colour, since colour alone fails on many terminals and for colour-blind readers."""


def series_marker(index: int) -> tuple[str, str]:
    return SERIES_MARKERS[index % len(SERIES_MARKERS)]


def legend_text(plot: Plot, width: int) -> str:
    """`⠤⠤ tanh   •• sigmoid`: the legend under the plot, outside the area the lines use,
    wrapped to `width` (an entry longer than a line is cut with an ellipsis)."""
    lines: list[str] = []
    line = ""
    for index, series in enumerate(plot.series):
        entry = f"{series_marker(index)[1]} {series.display_label}"
        if len(entry) > width:
            entry = entry[: width - 1] + "…"
        if line and len(line) + 3 + len(entry) > width:
            lines.append(line)
            line = ""
        line = f"{line}   {entry}" if line else entry
    return "\n".join([*lines, line] if line else lines)


def render_plot(plot: Plot, *, width: int = 78, height: int = 20, color: bool = False) -> str:
    import plotext

    plotext.clear_figure()
    plotext.plotsize(width, height)
    plotext.title(plot.title)
    plotext.xlabel(plot.x_label)
    plotext.ylabel(plot.y_label)
    if not color:
        plotext.theme("clear")
    all_x: list[float] = []
    all_y: list[float] = []
    for index, series in enumerate(plot.series):
        xs, ys = plottable(series, plot.log_y)
        if xs:
            plotext.plot(xs, ys, marker=series_marker(index)[0])
            all_y.extend(ys)
            all_x.extend(xs)
        if series.overflow_step is not None:
            plotext.vline(series.overflow_step)
    if all_x and all(x.is_integer() for x in all_x):  # time steps, layers: whole-number ticks
        plotext.xticks(integer_ticks(min(all_x), max(all_x)))
    if plot.log_y and all_y:
        plotext.yscale("log")
    if all_y:
        low, high, ticks, labels = y_axis(all_y, plot.log_y)
        plotext.ylim(*plotext_limits(low, high, plot.log_y))
        plotext.yticks(ticks, labels)
    text = plotext.build() + "\n" + legend_text(plot, width)
    plotext.clear_figure()
    return text if color else _ANSI.sub("", text)


def plottable(series: Series, log_y: bool) -> tuple[list[float], list[float]]:
    """The (x, y) points of `series` that can be drawn on the axis."""
    xs: list[float] = []
    ys: list[float] = []
    for x, y in zip(_floats(series.x), _floats(series.y)):
        if math.isfinite(x) and math.isfinite(y) and (y > 0 or not log_y):
            xs.append(x)
            ys.append(y)
    return xs, ys


def _floats(values: Any) -> list[float]:
    if hasattr(values, "tolist"):
        values = values.tolist()
    return [float(value) for value in values]


def integer_ticks(low: float, high: float) -> list[int]:
    """Whole-number ticks (time steps, not 12.5) at a round stride (1, 2 or 5 times a
    power of ten), at most MAX_TICKS."""
    raw = max(1.0, (high - low) / (MAX_TICKS - 1))
    magnitude = 10 ** math.floor(math.log10(raw))
    stride = next(int(step * magnitude) for step in (1, 2, 5, 10) if step * magnitude >= raw)
    first = math.ceil(low / stride) * stride
    return list(range(first, math.floor(high) + 1, stride))


FLOAT_DECADES = 308  # 1e±308: the widest whole decades a float holds
FLAT = 1e-9  # a linear series whose values differ by less than this (relative) is flat


def y_axis(values: list[float], log_y: bool) -> tuple[float, float, list[float], list[str]]:
    """(low, high, ticks, labels) of a y axis a learner can read: at least a decade on a log
    axis and a visible span on a linear one, so rounding noise (1.0000000000000002 to
    ...44) is drawn as the flat line it is, with two tick labels or more."""
    low, high = min(values), max(values)
    if log_y:
        bottom, top = math.log10(low), math.log10(high)
        if top - bottom < 1:
            middle = (bottom + top) / 2
            bottom, top = middle - 0.5, middle + 0.5
        # whole decades, within what a float holds (an exploding run reaches 1e308)
        first, last = max(math.floor(bottom), -FLOAT_DECADES), min(math.ceil(top), FLOAT_DECADES)
        ticks, labels = decade_ticks(10.0**first, 10.0**last)
        return 10.0**first, 10.0**last, ticks, labels
    if high - low <= FLAT * max(abs(low), abs(high), 1.0):
        half = abs(low + high) / 2 * 0.1 or 1.0
        low, high = (low + high) / 2 - half, (low + high) / 2 + half
    return (low, high, *linear_ticks(low, high))


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
