"""Turning arrays into what a `Result` shows: series with their overflow step, the
first-over-last ratio every claim leans on, and numbers written for people.

One convention throughout: a gradient series runs over t = 0..T and was computed
backwards from t = T, so "first over last" is ‖∂L/∂h_0‖ / ‖∂L/∂h_T‖; a value below 1
means the gradient shrank on its way back. An overflowed series has ratio inf.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from tutor.evidence.result import Series
from tutor.evidence.sims.numerics import overflow_step
from tutor.evidence.text import format_number, size_change

#: The sims' short name for `format_number` (they import it from here).
fmt = format_number

NO_OVERFLOW = -1.0  # the `overflow_step` scalar when nothing overflowed
BACK_FROM_LOSS = "steps back from the loss, T − t"
"""The x axis a gradient over time steps is drawn against (`Plot.distance_label`): growth on
the way back then rises on the plot."""
BACK_FROM_OUTPUT = "layers or steps back from the output"
GRADIENT_AXIS = ("time step t", "‖∂L/∂h_t‖")
"""(x label, y label) of a gradient-norm plot over time steps (drawn against BACK_FROM_LOSS)."""


def series_of(
    name: str, values: np.ndarray, label: str = "", *, start: int = 0, backward: bool = True
) -> Series:
    """A series over steps start, start+1, ... with its overflow step in computation order
    (`backward` for values computed from the last step to the first)."""
    steps = np.arange(start, start + len(values))
    return Series(
        name=name,
        x=steps,
        y=np.asarray(values, dtype=float),
        label=label,
        overflow_step=overflow_step(values, steps, backward=backward),
    )


def safe_ratio(numerator: float, denominator: float) -> float:
    """numerator/denominator as a float; x/0 is inf for x > 0 and nan for 0/0."""
    numerator, denominator = float(numerator), float(denominator)
    if denominator == 0.0:
        return math.inf if numerator > 0 else math.nan
    return numerator / denominator


def first_over_last(norms: np.ndarray) -> float:
    """‖first‖/‖last‖ of a gradient series; inf when the series overflowed."""
    if not np.all(np.isfinite(norms)):
        return math.inf
    return safe_ratio(norms[0], norms[-1])


def ratio_text(ratio: float, series: Series) -> str:
    """A series' first-over-last ratio for a reading, or where it overflowed."""
    if series.overflow_step is not None:
        return f"overflow at step {series.overflow_step}"
    return fmt(ratio)


def overflow_scalar(series: Series) -> float:
    return NO_OVERFLOW if series.overflow_step is None else float(series.overflow_step)


def scale_label(value: float) -> str:
    """How a swept value appears in series and scalar names: `scale=0.9`, `scale=1`."""
    return f"scale={value:g}"


def unique(values: Sequence[float]) -> list[float]:
    """`values` without repeats, first occurrence kept (a repeat would clash by name)."""
    seen: list[float] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


CHANGE_WORDS = {"vanishing": "vanishing", "shrinking": "shrinking, not yet vanishing", "kept": "roughly preserved",
                "growing": "growing, not yet exploding", "exploding": "exploding"}


def change_phrase(ratio: float, steps: int, *, overflow: int | None = None) -> str:
    """'shrinks to 1.2e-3 of its size over 50 steps (vanishing)' and the like; the word in
    brackets follows `tutor.evidence.text.size_change`, so ×4.79 reads 'growing', not 'preserved'."""
    if overflow is not None:
        return f"overflowed to inf/NaN at step {overflow} on the way back from step {steps}"
    if math.isnan(ratio):
        return "is undefined (0/0)"
    if ratio == 0:
        return f"reaches 0 in float64 over {steps} steps (vanishing)"
    verdict = CHANGE_WORDS[size_change(ratio)]
    verb = "shrinks to" if ratio < 1 else "grows to"
    return f"{verb} {fmt(ratio)} × its size over {steps} steps ({verdict})"
