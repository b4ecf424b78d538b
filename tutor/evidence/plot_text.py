"""Draw a `Plot` as plain text with plotext, for the CLI and for text export.

Log-scale plots are drawn as log10(y) on a linear axis with ticks labelled by decade
(`1e-12`): plotext's own log axis labels ticks with every digit of the raw value, which
is unreadable for gradients spanning forty orders of magnitude. Non-finite points are
left out of a line and the overflow step is marked with a vertical line, so an
exploding run shows where it broke.
"""

from __future__ import annotations

import math
import re

from tutor.evidence.result import Plot

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
MAX_TICKS = 6


def render_plot(plot: Plot, *, width: int = 78, height: int = 20, color: bool = False) -> str:
    import plotext

    plotext.clear_figure()
    plotext.plotsize(width, height)
    plotext.title(plot.title)
    plotext.xlabel(plot.x_label)
    plotext.ylabel(plot.y_label)
    if not color:
        plotext.theme("clear")
    low, high = math.inf, -math.inf
    for series in plot.series:
        points = finite_points(series.x, series.y, log_y=plot.log_y)
        if points:
            xs, ys = zip(*points)
            plotext.plot(list(xs), list(ys), label=series.display_label)
            low, high = min(low, *ys), max(high, *ys)
        if series.overflow_step is not None:
            plotext.vline(series.overflow_step)
    if plot.log_y and low <= high:
        ticks = decade_ticks(low, high)
        plotext.yticks(ticks, [f"1e{tick}" for tick in ticks])
    text = plotext.build()
    plotext.clear_figure()
    return text if color else _ANSI.sub("", text)


def finite_points(xs, ys, *, log_y: bool) -> list[tuple[float, float]]:
    """(x, y) pairs that can be drawn; with `log_y`, y becomes log10(y) and y <= 0 is dropped."""
    points = []
    for x, y in zip(xs, ys):
        y = float(y)
        if not math.isfinite(y) or (log_y and y <= 0):
            continue
        points.append((float(x), math.log10(y) if log_y else y))
    return points


def decade_ticks(low: float, high: float) -> list[int]:
    """Whole decades covering [low, high] (in log10 units), at most `MAX_TICKS` of them."""
    first, last = math.floor(low), math.ceil(high)
    if first == last:
        return [first]
    step = max(1, math.ceil((last - first) / (MAX_TICKS - 1)))
    return list(range(first, last + 1, step))
