"""Counts as vertical bars, drawn by plotext: reviews per day, cards due, mock scores.

The y axis starts at zero with whole-number ticks (counts are whole); the x axis labels
at most `MAX_LABELS` bars so thirty days stay readable at 80 columns. `labels` and
`values` stay on the widget, so tests read exactly what is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from textual.app import RenderResult

from tutor.ui.widgets.plotext_base import FreedPlotextPlot

MAX_LABELS = 8
MIN_WIDTH, MIN_HEIGHT = 10, 5


def label_positions(count: int, most: int = MAX_LABELS) -> list[int]:
    """Indexes of the bars to label: evenly spaced, always the first and the last."""
    if count <= most:
        return list(range(count))
    stride = math.ceil((count - 1) / (most - 1))
    positions = list(range(0, count - 1, stride))
    if count - 1 - positions[-1] < stride / 2:
        positions.pop()  # too close to the last bar: its label would run into the last one
    return [*positions, count - 1]


def count_ticks(top: float) -> list[float]:
    """Whole-number ticks from 0 to at least `top`, at most five of them."""
    stride = max(1, math.ceil(top / 4))
    return [float(value) for value in range(0, int(math.ceil(top)) + stride, stride)][:5]


class BarChart(FreedPlotextPlot):
    """One bar per label; `top` fixes the y axis (scores in %), else it fits the counts."""

    DEFAULT_CSS = """
    BarChart {
        height: 10;
        width: 1fr;
    }
    """

    def __init__(self, labels: Sequence[str] = (), values: Sequence[float] = (), *,
                 top: float | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.top = top
        self.labels: list[str] = list(labels)
        self.values: list[float] = list(values)

    def show(self, labels: Sequence[str], values: Sequence[float]) -> None:
        self.labels, self.values = list(labels), list(values)
        self.refresh()

    def _draw(self) -> None:
        plt = self.plt
        plt.clear_figure()
        if not self.values:
            return
        positions = list(range(len(self.values)))
        plt.bar(positions, self.values, width=0.5, marker="hd")
        top = self.top if self.top is not None else max(1.0, max(self.values))
        plt.ylim(0, top)
        plt.xlim(-0.6, len(self.values) - 0.4)
        # no tick at 0: plotext fills a bar's lowest row, so a 0 beside it would read as "this bar is 0"
        ticks = count_ticks(top)[1:] if self.top is None else [top / 2, top]
        plt.yticks(ticks, [f"{tick:g}" for tick in ticks])
        shown = label_positions(len(self.labels))
        # plotext annotates positions as list[float]; ints are accepted
        plt.xticks(shown, [self.labels[index] for index in shown])  # type: ignore[arg-type]

    def render(self) -> RenderResult:
        if self.size.width < MIN_WIDTH or self.size.height < MIN_HEIGHT:
            return ""  # plotext fails on a canvas of no size (a hidden widget has one)
        self._draw()
        return super().render()
