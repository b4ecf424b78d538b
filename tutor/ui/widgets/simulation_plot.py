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

from tutor.evidence.plot_axes import plotext_limits
from tutor.evidence.plot_layout import FRAME_ROWS, LEGEND_GAP, Layout, layout_plot
from tutor.ui.widgets.plotext_base import FreedPlotextPlot

if TYPE_CHECKING:
    from tutor.evidence.result import Plot

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
GUIDE_COLOR: RGB = (128, 128, 128)
DATA_ROWS = CANVAS_ROWS - FRAME_ROWS
"""Canvas rows that hold data (title, frame, x ticks and x label take the rest)."""


def _legend_color(marks: int | str) -> RGB:
    if isinstance(marks, int):
        return series_color(marks)
    return OVERFLOW_COLOR if marks == "overflow" else GUIDE_COLOR


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
        layout = layout_plot(plot, DATA_ROWS)
        self.drawn = {line.name: (line.xs, line.ys) for line in layout.lines}
        self.legend = [(sample, text, _legend_color(marks)) for sample, text, marks in layout.legend_entries()]
        plt.clear_figure()
        plt.title(plot.title)
        plt.xlabel(layout.x_label)
        plt.ylabel(plot.y_label)
        # where lines share a cell the last one drawn shows: the flattest go on top, so a
        # line that stays near others (ρ = 1 between 0.9 and 1.1) is not hidden under them
        for line in sorted(layout.drawn, key=lambda line: -_extent(line.ys, plot.log_y)):
            plt.plot(line.xs, line.ys, color=series_color(line.index), marker=line.marker[0])
        if plot.log_y:
            plt.yscale("log")
        if layout.y_axis:
            low, high, ticks, labels = layout.y_axis
            plt.ylim(*plotext_limits(low, high, plot.log_y))
            plt.yticks(ticks, labels)
        if layout.x_ticks:
            # plotext annotates ticks as list[float]; int ticks are what it should print
            plt.xticks(layout.x_ticks)  # type: ignore[arg-type]
        self._mark_overflow(layout)
        for x, _ in layout.guides:
            self._vertical(x, layout, GUIDE_COLOR)
        for line in layout.drawn:
            if line.end_label:
                plt.text(line.end_label, *line.label_at, color=series_color(line.index), alignment="right")

    def _mark_overflow(self, layout: Layout) -> None:
        """A red vertical line at each overflow (its legend entry comes with the layout's)."""
        for x in layout.overflow_x:
            self._vertical(x, layout, OVERFLOW_COLOR)

    def _vertical(self, x: float, layout: Layout, color: RGB) -> None:
        """A vertical line at `x` (plotext's vline breaks on a log axis, so it is a two-point
        line from the lowest to the highest point drawn)."""
        ys = [y for line in layout.drawn for y in line.ys]
        if ys:
            self.plt.plot([x, x], [min(ys), max(ys)], color=color, marker="braille")

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
