"""Draw a `Plot` as plain text with plotext, for the CLI and for text export.

What is drawn where comes from `plot_layout` (the app's widget draws the same layout):
lines with a marker of their own, the end value written at each line's end, a vertical
line where a series overflowed, decade ticks on a log axis, and the legend under the plot.
"""

from __future__ import annotations

import re

from tutor.evidence.plot_axes import plotext_limits
from tutor.evidence.plot_layout import FRAME_ROWS, layout_plot, legend_text
from tutor.evidence.result import Plot

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def render_plot(plot: Plot, *, width: int = 78, height: int = 20, color: bool = False) -> str:
    import plotext

    layout = layout_plot(plot, height - FRAME_ROWS)
    plotext.clear_figure()
    plotext.plotsize(width, height)
    plotext.title(plot.title)
    plotext.xlabel(layout.x_label)
    plotext.ylabel(plot.y_label)
    if not color:
        plotext.theme("clear")
    for line in layout.drawn:
        plotext.plot(line.xs, line.ys, marker=line.marker[0])
    for x in (*layout.overflow_x, *(x for x, _ in layout.guides)):
        plotext.vline(x)
    if layout.x_ticks:
        plotext.xticks(layout.x_ticks)
    if plot.log_y and layout.y_axis:
        plotext.yscale("log")
    if layout.y_axis:
        low, high, ticks, labels = layout.y_axis
        plotext.ylim(*plotext_limits(low, high, plot.log_y))
        plotext.yticks(ticks, labels)
    for line in layout.drawn:
        if line.end_label:
            plotext.text(line.end_label, *line.label_at, alignment="right")
    text = plotext.build() + "\n" + legend_text(layout, width)
    plotext.clear_figure()
    return text if color else _ANSI.sub("", text)
