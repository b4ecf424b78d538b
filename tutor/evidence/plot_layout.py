"""What a plot shows and where, before anything draws it: the points of each line, the x
they are drawn at, the value written at each line's end, the overflow markers and the
legend. The app's plot widget and the text export both draw from this one layout.

A plot with a `distance_label` is drawn against the distance back from the loss (T − t),
so a gradient that grows on its way back rises. Each line's end value is written at its
end where it has a row of its own; where two ends would share a row, the later line's
value moves into its legend entry (ends less than two rows apart count as sharing one:
plotext's rounding may put a point a row off this layout's estimate), so every line's final value is shown once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from tutor.evidence.plot_axes import integer_ticks, y_axis
from tutor.evidence.result import Plot, Series
from tutor.evidence.text import format_number

SERIES_MARKERS: tuple[tuple[str, str], ...] = (("braille", "⠤⠤"), ("•", "••"), ("+", "++"), ("×", "××"), ("*", "**"))
"""(plotext marker, legend sample) of each series in turn: each line has a marker of its own as
well as a colour, since colour alone fails on many terminals and for colour-blind readers."""
DOTTED: tuple[str, str] = ("·", "··")
"""The marker of a dashed series (a bound, a reference level): dots, where data have their own marks."""
LEGEND_GAP = "   "
GUIDE_SAMPLE = "┆"
OVERFLOW_SAMPLE = "┃"
FRAME_ROWS = 6
"""Rows of a plotext figure that hold no data: title, the frame's two edges, x ticks, x label
and the row plotext keeps between them (counted on its output)."""


@dataclass(frozen=True)
class Line:
    """One series as drawn: `index` is its place in the plot (its marker and colour)."""

    index: int
    name: str
    legend: str
    xs: list[float]
    ys: list[float]
    end_label: str = ""
    """The final value written at the line's end on the canvas ('' when it is in the legend)."""
    dashed: bool = False
    label_y: float | None = None
    """Where the end label's row is: a row off the line's end, on the side the line does not
    come from (below a falling end, above a rising one), so it covers none of the line."""

    @property
    def marker(self) -> tuple[str, str]:
        """(plotext marker, legend sample) of this line."""
        return DOTTED if self.dashed else series_marker(self.index)

    @property
    def end(self) -> tuple[float, float]:
        """The line's last point as drawn: its rightmost one."""
        index = _end(self.xs)
        return self.xs[index], self.ys[index]

    @property
    def label_at(self) -> tuple[float, float]:
        """Where the end label is written, right-aligned: at the end's x, on `label_y`."""
        x, y = self.end
        return x, y if self.label_y is None else self.label_y


@dataclass(frozen=True)
class Layout:
    x_label: str
    lines: tuple[Line, ...]
    """Every series, in the plot's order; one with no drawable point has empty xs."""
    overflow_x: tuple[float, ...]
    guides: tuple[tuple[float, str], ...]
    """Vertical lines (x, what they mark) inside the x range drawn."""
    y_axis: tuple[float, float, list[float], list[str]] | None
    x_ticks: list[int] | None

    @property
    def drawn(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.xs)

    def legend_entries(self) -> list[tuple[str, str, int | str]]:
        """(sample, text, what it marks) of each legend entry: every series in order (marking
        its index), the overflow line when there is one ("overflow"), then the vertical guides
        ("guide"). The app's widget and the text export both list exactly these."""
        entries: list[tuple[str, str, int | str]] = [(line.marker[1], line.legend, line.index) for line in self.lines]
        if self.overflow_x and self.drawn:
            entries.append((OVERFLOW_SAMPLE, "overflow", "overflow"))
        return entries + [(GUIDE_SAMPLE, label, "guide") for _, label in self.guides]


def series_marker(index: int) -> tuple[str, str]:
    return SERIES_MARKERS[index % len(SERIES_MARKERS)]


def layout_plot(plot: Plot, rows: int) -> Layout:
    """The layout of `plot` on a canvas with `rows` rows for data (rows decide which end
    labels would overlap)."""
    drawn = [_drawn_points(series, plot) for series in plot.series]
    all_x = [x for xs, _ in drawn for x in xs]
    all_y = [y for _, ys in drawn for y in ys]
    axis = y_axis(all_y, plot.log_y) if all_y else None
    ends = _end_labels(drawn, axis, plot.log_y, rows)
    lines = []
    for index, (series, (xs, ys)) in enumerate(zip(plot.series, drawn)):
        legend = series.display_label
        end, label_y = ends[index]
        if not xs:
            legend += f": {_undrawable(series, plot.log_y)}"
        elif len(xs) == 1:
            legend += f": {_single_point(series, ys[0], plot.log_y)}"
            end = ""  # the value is in the legend, which says why there is no line to end
        elif not end:
            legend += f": ends at {format_number(ys[_end(xs)], 2)}"
        lines.append(Line(index, series.name, legend, xs, ys, end, series.dashed, label_y))
    whole = bool(all_x) and all(x.is_integer() for x in all_x)
    return Layout(
        x_label=plot.distance_label or plot.x_label,
        lines=tuple(lines),
        overflow_x=tuple(sorted({x for series in plot.series if (x := _overflow_x(series, plot)) is not None})),
        guides=tuple((x, label) for x, label in plot.guides if all_x and min(all_x) <= x <= max(all_x)),
        y_axis=axis,
        x_ticks=integer_ticks(min(all_x), max(all_x)) if whole else None,
    )


def plottable(series: Series, log_y: bool) -> tuple[list[float], list[float]]:
    """The (x, y) points of `series` that can be drawn on the axis (finite, and positive on
    a log axis), at the series' own x."""
    xs: list[float] = []
    ys: list[float] = []
    for x, y in zip(_floats(series.x), _floats(series.y)):
        if math.isfinite(x) and math.isfinite(y) and (y > 0 or not log_y):
            xs.append(x)
            ys.append(y)
    return xs, ys


def overflow_caption(plot: Plot) -> str:
    """'tanh overflowed at step 37' for each series that overflowed, or ''; on a distance
    axis also where the marker stands ('at t = 37, 163 back from the loss')."""
    parts = []
    for series in plot.series:
        if series.overflow_step is None:
            continue
        where = f"step {series.overflow_step}"
        if plot.distance_label:
            where = f"t = {series.overflow_step}, {_loss_x(series) - series.overflow_step:g} back from the loss"
        parts.append(f"{series.display_label} overflowed at {where}")
    return "; ".join(parts)


def legend_text(layout: Layout, width: int) -> str:
    """`⠤⠤ tanh   •• sigmoid`: the legend under the plot, outside the area the lines use,
    wrapped to `width` (an entry longer than a line is cut with an ellipsis)."""
    lines: list[str] = []
    line = ""
    for sample, label, _ in layout.legend_entries():
        entry = f"{sample} {label}"
        if len(entry) > width:
            entry = entry[: width - 1] + "…"
        if line and len(line) + len(LEGEND_GAP) + len(entry) > width:
            lines.append(line)
            line = ""
        line = f"{line}{LEGEND_GAP}{entry}" if line else entry
    return "\n".join([*lines, line] if line else lines)


def _drawn_points(series: Series, plot: Plot) -> tuple[list[float], list[float]]:
    xs, ys = plottable(series, plot.log_y)
    if plot.distance_label:
        loss = _loss_x(series)
        xs = [loss - x for x in xs]
    return xs, ys


def _undrawable(series: Series, log_y: bool) -> str:
    """Why a series has no point on the plot, so its legend entry does not leave the reader
    looking for a line."""
    values = _floats(series.y)
    if log_y and values and all(value == 0 for value in values):
        return "0 throughout, below any log axis"
    return "no point to draw (zero, negative, inf or NaN)"


def _single_point(series: Series, value: float, log_y: bool) -> str:
    """The legend of a line drawn as one dot: a dot has no end to read a value at, so it says
    'one point' with its value, and why the series' other values are not drawn."""
    text = f"one point only, {format_number(value, 2)}"
    values = _floats(series.y)
    if len(values) <= 1:
        return text
    if series.overflow_step is not None:
        return text + "; the rest overflowed"
    others = [v for v in values if not (math.isfinite(v) and (v > 0 or not log_y))]
    if log_y and others and all(v == 0 for v in others):
        return text + "; the rest is 0, below any log axis"
    return text + "; the rest cannot be drawn (zero, negative, inf or NaN)"


def _loss_x(series: Series) -> float:
    """Where the loss sits on a series over time steps: its last step."""
    steps = [x for x in _floats(series.x) if math.isfinite(x)]
    return max(steps, default=0.0)


def _overflow_x(series: Series, plot: Plot) -> float | None:
    if series.overflow_step is None:
        return None
    return _loss_x(series) - series.overflow_step if plot.distance_label else float(series.overflow_step)


def _end(xs: list[float]) -> int:
    """The index of a line's end: its rightmost point as drawn."""
    return max(range(len(xs)), key=xs.__getitem__)


def _end_labels(drawn: list[tuple[list[float], list[float]]], axis: Any, log_y: bool,
                rows: int) -> list[tuple[str, float | None]]:
    """The end value of each line and the y of its label's row (`_label_row`) where that row
    is free; ('', None) where an earlier line's label holds the row (that value goes into
    the legend) or the line is empty."""
    labels: list[tuple[str, float | None]] = [("", None)] * len(drawn)
    if axis is None:
        return labels
    low, high = (math.log10(axis[0]), math.log10(axis[1])) if log_y else axis[:2]
    per_row = ((high - low) or 1.0) / max(rows - 1, 1)
    placed: list[float] = []
    for index, (xs, ys) in enumerate(drawn):
        if not xs:
            continue
        value = ys[_end(xs)]
        label_y = _label_row(xs, ys, (low, high, per_row), log_y)
        at = value if label_y is None else label_y
        row = (math.log10(at) if log_y else at) / per_row
        # two rows apart at least: where plotext puts a point can differ by a row from this estimate
        if all(abs(row - other) >= 2 for other in placed):
            placed.append(row)
            labels[index] = (format_number(value, 2), label_y)
    return labels


def _label_row(xs: list[float], ys: list[float], rows: tuple[float, float, float], log_y: bool) -> float | None:
    """The y of the row next to a line's end on the side its last stretch does not cross: a
    line that falls into its end has its earlier points above, so the label goes a row
    below, and the other way round; at an edge of the axis, the side that stays on it.
    `rows` is the axis' low and high end and one row's height, in log10 on a log axis."""
    if len(xs) < 2:
        return None
    low, high, step = rows
    order = sorted(range(len(xs)), key=xs.__getitem__)
    end, before = ys[order[-1]], ys[order[max(0, len(order) - 1 - max(1, len(order) // 8))]]
    at = math.log10(end) if log_y else end
    shifted = at - step if before >= end else at + step
    if not low - step / 2 <= shifted <= high + step / 2:  # within the edge row, give or take rounding
        shifted = at + step if shifted < low else at - step
    shifted = min(max(shifted, low), high)
    return 10**shifted if log_y else shifted


def _floats(values: Any) -> list[float]:
    if hasattr(values, "tolist"):
        values = values.tolist()
    return [float(value) for value in values]
