"""Runs of one simulation drawn together: the current run with up to three pinned ones.

Comparing runs is how a learner sees what a parameter does ("scale 0.9 against 1.1"),
so each pinned series keeps its data and gets a label saying how its run differs from
the current one. Pure data in, plots out: the lab draws them and exports them as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from tutor.evidence.result import Plot, Result
from tutor.evidence.text import format_number

MAX_PINNED = 3
"""With the current run, four runs on one plot: more lines than that cannot be told apart."""


def difference(run: Result, current: Result) -> str:
    """How `run` differs from `current`: 'scale=0.9, seed 2' ('same parameters' if it does not)."""
    changed = [f"{name}={_value(value)}" for name, value in run.params.items()
               if current.params.get(name) != value]
    if run.seed != current.seed:
        changed.append(f"seed {run.seed}")
    return ", ".join(changed) or "same parameters"


def overlay(current: Result, pinned: Sequence[Result]) -> tuple[Plot, ...]:
    """The current run's plots, each with the matching plot of every pinned run of the same
    simulation added; pinned series are named `pin1:NAME` and labelled `#1 LABEL`."""
    plots = []
    for index, plot in enumerate(current.plots):
        series = list(plot.series)
        for number, run in enumerate(pinned, start=1):
            if run.name != current.name or index >= len(run.plots):
                continue
            series.extend(
                replace(line, name=f"pin{number}:{line.name}", label=f"#{number} {line.display_label}")
                for line in run.plots[index].series
            )
        plots.append(replace(plot, series=tuple(series)))
    return tuple(plots)


def _value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ",".join(_value(item) for item in value)
    if isinstance(value, float):
        return format_number(value, 3)
    return str(value)
