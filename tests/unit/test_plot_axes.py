"""A y axis a learner can read: rounding noise is drawn flat, with two tick labels or more."""

from __future__ import annotations

import pytest

from tutor.evidence.plot_axes import y_axis
from tutor.evidence.plot_text import render_plot
from tutor.evidence.result import Plot, Series

NOISE = [1.0000000000000002 + index * 1e-16 for index in range(40)]  # an orthogonal run's norms


def test_a_flat_log_series_gets_half_a_decade_each_side_and_three_labels() -> None:
    low, high, ticks, labels = y_axis(NOISE, True)
    assert (low, high) == pytest.approx((10**-0.5, 10**0.5))
    assert (ticks, labels) == ([0.5, 1.0, 2.0], ["0.5", "1", "2"])


def test_a_series_within_a_decade_fills_a_decade_around_it_not_whole_decades() -> None:
    """0.28 to 1 was drawn from 0.1 to 10: the data in a quarter of the plot's height."""
    low, high, ticks, labels = y_axis([0.28, 0.5, 1.0], True)
    assert (low, high) == pytest.approx((0.1673, 1.6733), rel=1e-3)
    assert labels == ["0.2", "0.5", "1"]
    assert y_axis([3e-5, 5e-5], True)[3] == ["2e-5", "5e-5", "1e-4"]


def test_a_series_spanning_decades_keeps_its_decades() -> None:
    assert y_axis([1e-3, 2.0], True)[:2] == (0.001, 10.0)


@pytest.mark.parametrize(("values", "expected"), [([1.0] * 5, (0.9, 1.1)), ([0.0] * 3, (-1.0, 1.0)),
                                                  ([0.5, 1.5], (0.5, 1.5))])
def test_a_flat_linear_series_gets_a_visible_span(values, expected) -> None:
    low, high, ticks, labels = y_axis(values, False)
    assert (low, high) == pytest.approx(expected) and len(labels) == 5


def test_the_flat_line_is_drawn_flat_in_the_middle() -> None:
    text = render_plot(Plot("orthogonal", "step", "norm", (Series("orth", list(range(40)), NOISE),), True),
                       width=60, height=14)
    rows = text.splitlines()
    canvas = [index for index, row in enumerate(rows) if "┤" in row or row.strip().startswith("│")]
    drawn = [index for index in canvas if any("⠀" < char <= "⣿" for char in rows[index])]
    assert len(drawn) == 1 and rows[drawn[0]].startswith("  1┤")
    assert rows[drawn[0] - 1].rstrip().endswith("1│")  # its end value, a row above, covering none of it
    assert [row.split("┤")[0].strip() for row in rows if "┤" in row[:5]] == ["2", "1", "0.5"]


def test_an_exploding_run_up_to_the_float_limit_keeps_its_axis() -> None:
    """1.7e308 rounds up to the decade 1e309, which no float holds: the axis stops at 1e308."""
    low, high, ticks, labels = y_axis([1.0, 1.7e308], True)
    assert (low, high, labels[0], len(labels)) == (1.0, 1e308, "1e0", 7)  # every 45 decades
