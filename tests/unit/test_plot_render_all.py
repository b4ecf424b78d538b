"""Every plot of every simulation the built-in packs cite, as they cite it, drawn at 80x24 and
120x40: it draws (an exploding run reaches 1e308 without breaking the axis), has two y tick
labels or more, its title, and its legend under the axis with a marker of its own per line."""

from __future__ import annotations

import json
import re

import pytest

from tutor import paths
from tutor.evidence import registry
from tutor.evidence.plot_layout import FRAME_ROWS, SERIES_MARKERS, layout_plot
from tutor.evidence.plot_text import render_plot
from tutor.packs.loader import load_pack
from tutor.packs.variants import draw

SIZES = ((80, 24), (120, 40))


def cited_runs() -> list[tuple[str, dict]]:
    """Each distinct simulation run the built-in packs cite (a variant at its first draw)."""
    seen: dict[tuple[str, str], dict] = {}
    for pack_id in ("rnn-gradients", "rnn-gradients-advanced"):
        for question in load_pack(paths.builtin_content_dir() / pack_id).questions:
            shown = draw(question, 0).question if question.params else question
            for item in shown.evidence:
                spec = registry.get(item.name)
                if spec.kind != "derivation":
                    key = (item.name, json.dumps(spec.resolve(item.params), sort_keys=True, default=repr))
                    seen.setdefault(key, dict(item.params))
    return [(name, params) for (name, _), params in seen.items()]


@pytest.mark.parametrize(("name", "params"), cited_runs())
def test_every_cited_plot_draws_with_labelled_axes(name: str, params: dict) -> None:
    for plot in registry.run(name, params).plots:
        for width, height in SIZES:
            rows = render_plot(plot, width=width, height=height).splitlines()
            labels = [row for row in rows if re.match(r"^\s*[-+0-9.e]+┤", row)]
            assert len(labels) >= 2, (name, plot.title, width)
            assert any(plot.title[:20] in row for row in rows), (name, plot.title, width)
            # the legend sits under the x axis, not over the lines, a marker of its own per series
            under = "\n".join(rows[next(i for i, row in enumerate(rows) if "└" in row) + 1:])
            layout = layout_plot(plot, height - FRAME_ROWS)
            samples = [line.marker[1] for line in layout.lines]
            assert all(sample in under for sample in samples), (name, plot.title, width)
            assert len(set(samples[: len(SERIES_MARKERS)])) == min(len(samples), len(SERIES_MARKERS))
            canvas = "\n".join(rows[: rows.index(next(row for row in rows if "└" in row))])
            for line in layout.drawn:
                in_legend = ": ends at " in line.legend or (len(line.xs) == 1 and ": one point only, " in line.legend)
                assert (line.end_label and line.end_label in canvas) or in_legend, (name, line.name)
                assert len(line.xs) > 1 or not line.end_label, (name, line.name)  # a dot has no end
        if plot.x_label.startswith("time step t"):
            assert plot.distance_label, (name, plot.title)
