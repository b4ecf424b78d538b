"""Draw a `Plot` as plain text with plotext, for the CLI and for text export.

Non-finite points are left out of a line (plotext cannot draw them) and the overflow
step is marked with a vertical line, so an exploding run shows where it broke.
"""

from __future__ import annotations

import math

from tutor.evidence.result import Plot


def render_plot(plot: Plot, *, width: int = 78, height: int = 20, color: bool = False) -> str:
    import plotext

    plotext.clear_figure()
    plotext.plotsize(width, height)
    plotext.title(plot.title)
    plotext.xlabel(plot.x_label)
    plotext.ylabel(plot.y_label)
    if not color:
        plotext.theme("clear")
    drawn = False
    for series in plot.series:
        points = [
            (float(x), float(y))
            for x, y in zip(series.x, series.y)
            if math.isfinite(float(y)) and (not plot.log_y or float(y) > 0)
        ]
        if points:
            xs, ys = zip(*points)
            plotext.plot(list(xs), list(ys), label=series.display_label)
            drawn = True
        if series.overflow_step is not None:
            plotext.vline(series.overflow_step)
    if plot.log_y and drawn:
        plotext.yscale("log")
    text = plotext.build()
    plotext.clear_figure()
    return text
