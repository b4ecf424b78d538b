"""Every series of a multi-series simulation is drawn where the learner can see it.

The spectral sweep seemed to hold one line or two: plotext's legend sat in the top-left
corner of the data, over the start of the sweep's lines, and lines less than two
decades apart (ρ = 1 and 1.1 on a 30-decade axis) shared every cell, the last one drawn
taking them all. The legend is now under the canvas, each series has a colour of its
own, the flattest lines are drawn last, and the canvas keeps 14 rows.
"""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from tutor.evidence.plot_layout import SERIES_MARKERS, series_marker
from tutor.evidence.registry import run
from tutor.evidence.result import Plot, Series
from tutor.ui.widgets.simulation_plot import (
    CANVAS_ROWS,
    OVERFLOW_COLOR,
    SERIES_COLORS,
    SimulationPlot,
    legend_lines,
)

BRAILLE = range(0x2800, 0x2900)
SWEEP_IN_THE_PACK = {"activation": "linear", "init": "spectral", "scales": [0.5, 1.5], "steps": 60}
"""q5-eigenvalues-and-gradients' evidence, the pack's sweep with more than one line."""


class PlotApp(App[None]):
    def __init__(self, plot: Plot, width: int) -> None:
        super().__init__()
        self.plot, self.width = plot, width

    def compose(self) -> ComposeResult:
        yield SimulationPlot(self.plot)

    def on_mount(self) -> None:
        self.query_one(SimulationPlot).styles.width = self.width


MARKER_CHARS = {marker for marker, _ in SERIES_MARKERS if len(marker) == 1}


def cells_by_color(plot: SimulationPlot) -> dict[tuple[int, int, int], int]:
    """How many cells of the lines (braille, or a series' own marker) each colour holds."""
    counts: dict[tuple[int, int, int], int] = {}
    for y in range(CANVAS_ROWS):
        for segment in plot.render_line(y):
            color = segment.style.color if segment.style else None
            if color is not None and color.triplet is not None:
                cells = sum(ord(char) in BRAILLE or char in MARKER_CHARS for char in segment.text)
                if cells:
                    counts[tuple(color.triplet)] = counts.get(tuple(color.triplet), 0) + cells
    return counts


async def drawn(plot: Plot, width: int) -> tuple[SimulationPlot, dict[tuple[int, int, int], int], list[str]]:
    app = PlotApp(plot, width)
    async with app.run_test(size=(width + 4, 40)) as pilot:
        await pilot.pause()
        widget = app.query_one(SimulationPlot)
        assert widget.size.height == CANVAS_ROWS + len(legend_lines(widget.legend, width))
        legend = [widget.render_line(y).text.rstrip() for y in range(CANVAS_ROWS, widget.size.height)]
        return widget, cells_by_color(widget), legend


@pytest.mark.parametrize("width", [44, 72, 112])  # the lab at 80 columns, the panel at 80 and 120
@pytest.mark.parametrize("params", [SWEEP_IN_THE_PACK, {}], ids=["pack", "defaults"])
async def test_every_line_of_a_sweep_has_cells_of_its_own_colour(params: dict, width: int) -> None:
    plot = run("spectral-sweep", params, seed=0).plots[0]
    widget, cells, legend = await drawn(plot, width)
    count = len(plot.series)
    assert count == len(params.get("scales", [0.5, 0.9, 1.0, 1.1, 1.5]))
    assert {name: len(xs) for name, (xs, _) in widget.drawn.items()} == {s.name: 61 for s in plot.series}
    assert set(cells) == set(SERIES_COLORS[:count])
    assert min(cells.values()) >= 5
    labels = [f"{series_marker(index)[1]} ρ = {scale:g}"
              for index, scale in enumerate(params.get("scales", [0.5, 0.9, 1, 1.1, 1.5]))]
    entries = "   ".join(legend).split("   ")
    assert [entry.split(": ends at ")[0] for entry in entries] == labels  # under the canvas, in order
    # a line whose end has no row of its own on the canvas carries its end value in the legend
    assert all(entry == label or entry.startswith(f"{label}: ends at ") for entry, label in zip(entries, labels))


async def test_the_overflow_marker_is_red_and_named_in_the_legend() -> None:
    steps = list(range(40))
    plot = Plot("t", "steps", "norm", (
        Series("decay", steps, [0.9**k for k in steps], label="σ_max = 0.9"),
        Series("growth", steps, [1.3**k if k < 30 else float("inf") for k in steps], label="σ_max = 1.3",
               overflow_step=30),
    ))
    _, cells, legend = await drawn(plot, 72)
    assert set(cells) == {SERIES_COLORS[0], SERIES_COLORS[1], OVERFLOW_COLOR}
    assert legend == ["⠤⠤ σ_max = 0.9   •• σ_max = 1.3   ┃ overflow"]  # a marker of its own for each line


def test_the_legend_wraps_at_the_width_and_keeps_each_entry_whole() -> None:
    entries = [("━━", f"series {n}", SERIES_COLORS[n]) for n in range(4)]
    lines = legend_lines(entries, 30)
    assert [line.plain for line in lines] == ["━━ series 0   ━━ series 1", "━━ series 2   ━━ series 3"]
    assert lines[1].spans[0].style.color.triplet == SERIES_COLORS[2]
    assert legend_lines([], 30) == []
