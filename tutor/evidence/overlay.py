"""Runs of one simulation drawn together: the current run with up to three pinned ones,
and the lab's reference lines.

Comparing runs is how a learner sees what a parameter does ("scale 0.9 against 1.1"),
so each pinned series keeps its data and gets a label saying how its run differs from
the current one. A reference line is what the theory allows beside what the run did: on
a vanilla RNN's gradient plot, the norm bound ‖∂L/∂h_T‖·(γ·σ_max)^(T−t), dotted. The lab
draws these (a question's panel keeps to its point). Pure data in, plots out: the lab draws
them and exports them as text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from tutor.evidence.result import Plot, Result, Series
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


def with_references(current: Result, plots: Sequence[Plot]) -> tuple[Plot, ...]:
    """`plots` (the current run's, pins overlaid) with the reference lines the run has."""
    series = current.all_series()
    if current.name != "rnn" or not plots or "grad_norm" not in series or "gamma_sigma_max" not in current.scalars:
        return tuple(plots)
    return (replace(plots[0], series=(*plots[0].series, norm_bound(current))), *plots[1:])


def norm_bound(run: Result) -> Series:
    """‖∂L/∂h_T‖·(γ·σ_max)^(T−t) over the run's steps: the most the gradient can be at each
    step (values past the float range are left out when drawn)."""
    gradient = run.all_series()["grad_norm"]
    steps = [int(step) for step in gradient.x]
    last, factor = float(gradient.y[-1]), run.scalars["gamma_sigma_max"]
    values = [_power(last, factor, steps[-1] - step) for step in steps]
    return Series("bound", steps, values, "bound ‖∂L/∂h_T‖·(γ·σ_max)^(T−t)", dashed=True)


def _power(last: float, factor: float, exponent: int) -> float:
    try:
        return last * factor**exponent
    except OverflowError:
        return math.inf


def _value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ",".join(_value(item) for item in value)
    if isinstance(value, float):
        return format_number(value, 3)
    return str(value)
