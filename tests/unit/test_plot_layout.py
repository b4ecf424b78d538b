"""What a plot shows and where: the distance back from the loss, each line's end value written
once (on the canvas where its row is free, otherwise in its legend entry), overflow markers."""

from __future__ import annotations

from tutor.evidence.plot_layout import layout_plot, legend_text, overflow_caption
from tutor.evidence.plot_text import render_plot
from tutor.evidence.result import Plot, Series

STEPS = list(range(11))  # t = 0..10, the loss at t = 10
GROWS = [2.0 ** (10 - t) for t in STEPS]  # computed backwards: largest far from the loss
SHRINKS = [0.5 ** (10 - t) for t in STEPS]


def gradient_plot(*series: Series) -> Plot:
    return Plot("g", "time step t", "norm", series, distance_label="steps back from the loss, T − t")


def test_a_gradient_is_drawn_against_the_steps_back_from_the_loss_so_growth_rises() -> None:
    layout = layout_plot(gradient_plot(Series("grows", STEPS, GROWS)), rows=10)
    line = layout.lines[0]
    assert layout.x_label == "steps back from the loss, T − t"
    assert line.xs == [10.0 - t for t in STEPS] and line.ys == GROWS
    assert line.end == (10.0, 1024.0)  # the rightmost point is t = 0, the far end
    assert layout.x_ticks == [0, 2, 4, 6, 8, 10]


def test_a_plot_without_a_distance_label_keeps_its_x() -> None:
    layout = layout_plot(Plot("loss", "iteration", "loss", (Series("loss", STEPS, SHRINKS),)), rows=10)
    assert layout.lines[0].xs == [float(t) for t in STEPS] and layout.x_label == "iteration"
    assert layout.lines[0].end_label == "1"


def test_each_end_value_is_written_at_its_end_and_a_shared_row_moves_it_to_the_legend() -> None:
    close = [value * 1.01 for value in GROWS]
    layout = layout_plot(gradient_plot(Series("a", STEPS, GROWS, "a"), Series("b", STEPS, SHRINKS, "b"),
                                       Series("c", STEPS, close, "c")), rows=10)
    assert [line.end_label for line in layout.lines] == ["1024", "9.8e-4", ""]
    assert [line.legend for line in layout.lines] == ["a", "b", "c: ends at 1034"]
    assert legend_text(layout, 80) == "⠤⠤ a   •• b   ++ c: ends at 1034"


def test_the_end_label_is_on_the_canvas_at_the_right_of_its_line() -> None:
    rows = render_plot(gradient_plot(Series("grows", STEPS, GROWS)), width=50, height=14).splitlines()
    top = next(row for row in rows if "1024" in row)
    assert top.rstrip().endswith("1024│")
    assert "steps back from the loss, T − t" in "\n".join(rows)


def test_a_series_with_nothing_to_draw_says_so_in_the_legend() -> None:
    layout = layout_plot(gradient_plot(Series("a", STEPS, GROWS, "a"), Series("z", STEPS, [0.0] * 11, "zero")),
                         rows=10)
    assert layout.lines[1].xs == [] and layout.lines[1].legend == "zero: 0 throughout, below any log axis"
    assert "•• zero: 0 throughout" in legend_text(layout, 80)


def test_an_overflow_is_marked_where_it_is_drawn_and_said_in_both_terms() -> None:
    exploding = Series("tanh", STEPS, [float("inf")] * 3 + GROWS[3:], "tanh", overflow_step=2)
    assert layout_plot(gradient_plot(exploding), rows=10).overflow_x == (8.0,)
    assert overflow_caption(gradient_plot(exploding)) == "tanh overflowed at t = 2, 8 back from the loss"
    plain = Plot("p", "step", "norm", (exploding,))
    assert layout_plot(plain, rows=10).overflow_x == (2.0,)
    assert overflow_caption(plain) == "tanh overflowed at step 2"


def test_the_end_label_sits_a_row_off_the_line_on_the_side_it_does_not_come_from() -> None:
    """Written on the end's own row the label covered the line's last points: a falling line
    has its label a row below its end, a rising one a row above, and at the axis' edge the
    label moves to the side that stays on the canvas."""
    steps = list(range(41))
    falling = Series("falling", steps, [1 - 0.02 * t for t in steps], "falling")
    rising = Series("rising", steps, [0.2 + 0.02 * t for t in steps], "rising")
    plot = Plot("p", "step", "norm", (falling, rising))
    layout = layout_plot(plot, rows=10)
    fall_y, rise_y = layout.lines[0].end[1], layout.lines[1].end[1]
    assert layout.lines[0].label_at[1] < fall_y and layout.lines[1].label_at[1] > rise_y
    rows = render_plot(plot, width=60, height=16).splitlines()
    canvas = rows[2: next(i for i, row in enumerate(rows) if "└" in row)]
    label_row = next(i for i, row in enumerate(canvas) if "0.2│" in row)
    assert canvas[label_row - 1].rstrip()[-2] in "⠈⠒⠉⠑⠊⠔⠤⢄⣀⠢⡀"  # the falling line ends on the row above, intact
    assert canvas[0].rstrip().endswith("1│")  # the rising line's label, above its end on the top row
    top = layout_plot(Plot("t", "step", "norm", (rising,), log_y=False), rows=10).lines[0]
    assert top.label_at[1] < top.end[1]  # the end is the axis' top: no row above it, so below
