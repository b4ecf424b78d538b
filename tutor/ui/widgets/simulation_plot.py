"""One plot of a simulation result, drawn by plotext: a line per series, log y axis.

Imported only when a simulation result arrives (plotext is not needed before). Points
that cannot be drawn (inf, NaN, and zeros or negatives on a log axis) are left out;
where a series overflowed, a vertical line marks the step.

The legend is drawn under the canvas, not in it: plotext puts its legend in the
top-left corner of the data, where a sweep's lines start (the spectral sweep's 0.9, 1
and 1.1 lines began under it, so the plot seemed to hold one line or two). Each series
gets its own colour from `SERIES_COLORS`, the legend shows the same colour, and red
is kept for the overflow marker.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size

from tutor.evidence.plot_text import integer_ticks, plotext_limits, plottable, series_marker, y_axis
from tutor.ui.widgets.plotext_base import FreedPlotextPlot

if TYPE_CHECKING:
    from tutor.evidence.result import Plot, Series

MIN_WIDTH, MIN_HEIGHT = 10, 5
CANVAS_ROWS = 14
"""Rows of the plot itself; below 14, lines of a five-value sweep less than two decades
apart (ρ = 1 and 1.1) fell into the same cells of a 30-decade axis and one hid the other."""

RGB = tuple[int, int, int]
SERIES_COLORS: tuple[RGB, ...] = (
    (0, 130, 200), (60, 180, 75), (255, 225, 25), (145, 30, 180), (70, 240, 240),
    (240, 50, 230), (245, 130, 48), (180, 225, 40), (0, 128, 128), (220, 190, 255),
)
"""One colour per series, in order (textual-plotext's sequence, made for dark and light
themes, without its reds)."""
OVERFLOW_COLOR: RGB = (230, 25, 75)
LEGEND_GAP = "   "


def series_color(index: int) -> RGB:
    return SERIES_COLORS[index % len(SERIES_COLORS)]


def legend_lines(entries: Sequence[tuple[str, str, RGB]], width: int) -> list[Text]:
    """`mark label` entries in their colours, as many to a line as fit in `width`."""
    lines: list[Text] = []
    line = Text()
    for mark, label, color in entries:
        entry = Text.assemble((mark, Style(color=Color.from_rgb(*color), bold=True)), " ", label)
        if line.plain and cell_len(line.plain + LEGEND_GAP + entry.plain) > width:
            lines.append(line)
            line = Text()
        if line.plain:
            line.append(LEGEND_GAP)
        line.append_text(entry)
    if line.plain:
        lines.append(line)
    for text in lines:
        text.truncate(width, overflow="ellipsis")
    return lines


def overflow_caption(plot: Plot) -> str:
    """'tanh overflowed at step 37' for each series that overflowed, or ''."""
    parts = [
        f"{series.display_label} overflowed at step {series.overflow_step}"
        for series in plot.series
        if series.overflow_step is not None
    ]
    return "; ".join(parts)


class SimulationPlot(FreedPlotextPlot):
    """A `Plot` of a simulation result: one line per series, overflow marked."""

    DEFAULT_CSS = """
    SimulationPlot {
        height: auto;  /* CANVAS_ROWS for the plot, and the legend's lines under it */
        min-height: 10;
        width: 1fr;
    }
    """

    def __init__(self, plot: Plot, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source = plot
        self.drawn: dict[str, tuple[list[float], list[float]]] = {}
        self.legend: list[tuple[str, str, RGB]] = []
        """(mark, label, colour) of each line drawn, the overflow marker last."""
        self._draw()  # fills `drawn` now, so tests and callers can read what will be shown

    def show(self, plot: Plot) -> None:
        """Draw another plot in place (the lab redraws on every run without remounting)."""
        self.source = plot
        self._draw()
        self.refresh()

    def _draw(self) -> None:
        plot, plt = self.source, self.plt
        self.drawn, self.legend = {}, []
        plt.clear_figure()
        plt.title(plot.title)
        plt.xlabel(plot.x_label)
        plt.ylabel(plot.y_label)
        all_x: list[float] = []
        all_y: list[float] = []
        points = [plottable(series, plot.log_y) for series in plot.series]
        for index, (series, (xs, ys)) in enumerate(zip(plot.series, points)):
            self.drawn[series.name] = (xs, ys)
            if xs:
                self.legend.append((series_marker(index)[1], series.display_label, series_color(index)))
                all_x += xs
                all_y += ys
        # where lines share a cell the last one drawn shows: the flattest go on top, so a
        # line that stays near others (ρ = 1 between 0.9 and 1.1) is not hidden under them
        for index in sorted(range(len(points)), key=lambda i: -_extent(points[i][1], plot.log_y)):
            xs, ys = points[index]
            if xs:
                plt.plot(xs, ys, color=series_color(index), marker=series_marker(index)[0])
        if plot.log_y:
            plt.yscale("log")
        if all_y:
            low, high, ticks, labels = y_axis(all_y, plot.log_y)
            plt.ylim(*plotext_limits(low, high, plot.log_y))
            plt.yticks(ticks, labels)
        if all_x:
            # plotext annotates ticks as list[float]; int ticks are what it should print
            plt.xticks(integer_ticks(min(all_x), max(all_x)))  # type: ignore[arg-type]
        if all_y:
            # plotext's vline breaks on a log axis, so the marker is a two-point line
            steps = _overflow_steps(plot.series)
            for step in steps:
                plt.plot([step, step], [min(all_y), max(all_y)], color=OVERFLOW_COLOR, marker="braille")
            if steps:
                self.legend.append(("┃", "overflow", OVERFLOW_COLOR))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return CANVAS_ROWS + len(legend_lines(self.legend, width))

    def render(self) -> RenderResult:
        width, height = self.size
        # plotext fails on a canvas of no size (a hidden widget has one): draw nothing then
        if width < MIN_WIDTH or height < MIN_HEIGHT:
            return ""
        # plotext applies the log scale to its stored data on each build, so a second
        # build (resize, theme change) would take the log twice: draw afresh every time
        self._draw()
        legend = legend_lines(self.legend, width)
        if height - len(legend) < MIN_HEIGHT:
            legend = []
        canvas_height = height - len(legend)
        # what PlotextPlot.render does, for the rows left above the legend
        self.plt.plotsize(width, canvas_height)
        self.plt._set_size(width, canvas_height)
        self.plt.theme(self._get_plotext_theme_name(self.app.theme))
        canvas = Text.from_ansi(self.plt.build())
        if canvas.plain.endswith("\n"):
            canvas.right_crop(1)
        return Text("\n").join([canvas, *legend])

    @property
    def series_names(self) -> Sequence[str]:
        return list(self.drawn)


def _extent(ys: Sequence[float], log_y: bool) -> float:
    """How far a line spreads up and down the axis (in decades on a log axis)."""
    if not ys:
        return 0.0
    if log_y:
        return math.log10(max(ys)) - math.log10(min(ys))
    return max(ys) - min(ys)


def _overflow_steps(series: Sequence[Series]) -> list[int]:
    return sorted({s.overflow_step for s in series if s.overflow_step is not None})
