"""One plot of a simulation result, drawn by plotext: a line per series, log y axis.

Imported only when a simulation result arrives (plotext is not needed before). Points
that cannot be drawn (inf, NaN, and zeros or negatives on a log axis) are left out;
where a series overflowed, a vertical line marks the step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from textual.app import RenderResult

from tutor.evidence.plot_text import decade_ticks, integer_ticks, plottable
from tutor.ui.widgets.plotext_base import FreedPlotextPlot

if TYPE_CHECKING:
    from tutor.evidence.result import Plot, Series

MIN_WIDTH, MIN_HEIGHT = 10, 5


def linear_ticks(low: float, high: float, count: int = 5) -> tuple[list[float], list[str]]:
    """`count` evenly spaced ticks from low to high, labelled with 3 significant digits."""
    if high <= low:
        return [low], [f"{low:.3g}"]
    values = [low + (high - low) * index / (count - 1) for index in range(count)]
    return values, [f"{value:.3g}" for value in values]


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
        height: 14;
        min-height: 10;
        width: 1fr;
    }
    """

    def __init__(self, plot: Plot, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source = plot
        self.drawn: dict[str, tuple[list[float], list[float]]] = {}
        self._draw()  # fills `drawn` now, so tests and callers can read what will be shown

    def show(self, plot: Plot) -> None:
        """Draw another plot in place (the lab redraws on every run without remounting)."""
        self.source = plot
        self._draw()
        self.refresh()

    def _draw(self) -> None:
        plot, plt = self.source, self.plt
        self.drawn = {}
        plt.clear_figure()
        plt.title(plot.title)
        plt.xlabel(plot.x_label)
        plt.ylabel(plot.y_label)
        all_x: list[float] = []
        all_y: list[float] = []
        for series in plot.series:
            xs, ys = plottable(series, plot.log_y)
            self.drawn[series.name] = (xs, ys)
            if xs:
                plt.plot(xs, ys, label=series.display_label, marker="braille")
                all_x += xs
                all_y += ys
        if plot.log_y:
            plt.yscale("log")
            if all_y:
                plt.yticks(*decade_ticks(min(all_y), max(all_y)))
        elif all_y:
            plt.yticks(*linear_ticks(min(all_y), max(all_y)))
        if all_x:
            plt.xticks(integer_ticks(min(all_x), max(all_x)))
        if all_y:
            # plotext's vline breaks on a log axis, so the marker is a two-point line
            for index, step in enumerate(_overflow_steps(plot.series)):
                plt.plot([step, step], [min(all_y), max(all_y)], color="red", marker="braille",
                         label="overflow" if index == 0 else None)

    def render(self) -> RenderResult:
        # plotext fails on a canvas of no size (a hidden widget has one): draw nothing then
        if self.size.width < MIN_WIDTH or self.size.height < MIN_HEIGHT:
            return ""
        # plotext applies the log scale to its stored data on each build, so a second
        # build (resize, theme change) would take the log twice: draw afresh every time
        self._draw()
        return super().render()

    @property
    def series_names(self) -> Sequence[str]:
        return list(self.drawn)


def _overflow_steps(series: Sequence[Series]) -> list[int]:
    return sorted({s.overflow_step for s in series if s.overflow_step is not None})
