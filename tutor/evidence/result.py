"""What running a piece of evidence returns: plot series, named scalars, derivation
steps, and everything needed to reproduce the numbers elsewhere.

Plain dataclasses; arrays are whatever the producer used (NumPy for simulations) and
are turned into lists only by `to_json_dict`, so this module imports nothing heavy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Series:
    """One line of a plot.

    `name` is the stable id claims refer to (ASCII, e.g. `scale=0.9`); `label` is what
    a person reads (may use Unicode). `overflow_step` is the first x where y became
    inf or NaN, if it did: overflow is data, not a crash.
    """

    name: str
    x: Any
    y: Any
    label: str = ""
    overflow_step: int | None = None
    dashed: bool = False
    """A reference drawn as a dotted line (a bound, a threshold level): a guide to read the
    data against, not data."""

    @property
    def display_label(self) -> str:
        return self.label or self.name


@dataclass(frozen=True)
class Plot:
    """A set of series meant to be drawn together (usually on a log y axis).

    `distance_label`, when set, says the series run forward over time steps with the loss at
    each series' last x, and are drawn against the distance back from the loss under that
    label: a gradient that grows on its way back then rises on the plot, where against t it
    looked like a falling line. The data keep t, so claims and exports read it unchanged.
    """

    title: str
    x_label: str
    y_label: str
    series: tuple[Series, ...]
    log_y: bool = True
    distance_label: str = ""
    guides: tuple[tuple[float, str], ...] = ()
    """Vertical lines at an x worth seeing, with what they mark (`(1.0, "1/γ = 1")`)."""


@dataclass(frozen=True)
class Step:
    """One step of a derivation: what is claimed, the SymPy object, and why it holds."""

    statement: str
    expression: Any
    justification: str
    unicode: str = ""
    latex: str = ""


@dataclass(frozen=True)
class Result:
    """The outcome of one run of a simulation or derivation."""

    name: str
    kind: str
    params: dict[str, Any]
    seed: int | None
    reading: str
    scalars: dict[str, float] = field(default_factory=dict)
    plots: tuple[Plot, ...] = ()
    steps: tuple[Step, ...] = ()
    inputs: dict[str, Any] = field(default_factory=dict)
    outputs: dict[str, Any] = field(default_factory=dict)

    def all_series(self) -> dict[str, Series]:
        """Every series of every plot, by name (claims look series up here)."""
        return {s.name: s for plot in self.plots for s in plot.series}

    def to_json_dict(self) -> dict[str, Any]:
        """The whole result as JSON-ready data (lists, floats, strings; inf/NaN as strings)."""
        return {
            "name": self.name,
            "kind": self.kind,
            "params": _jsonable(self.params),
            "seed": self.seed,
            "reading": self.reading,
            "scalars": _jsonable(self.scalars),
            "plots": [
                {
                    "title": plot.title,
                    "x_label": plot.x_label,
                    "y_label": plot.y_label,
                    "log_y": plot.log_y,
                    "distance_label": plot.distance_label,
                    "guides": [{"x": x, "label": label} for x, label in plot.guides],
                    "series": [
                        {
                            "name": s.name,
                            "label": s.display_label,
                            "overflow_step": s.overflow_step,
                            "dashed": s.dashed,
                            "x": _jsonable(s.x),
                            "y": _jsonable(s.y),
                        }
                        for s in plot.series
                    ],
                }
                for plot in self.plots
            ],
            "steps": [
                {
                    "statement": step.statement,
                    "justification": step.justification,
                    "unicode": step.unicode,
                    "latex": step.latex,
                }
                for step in self.steps
            ],
            "inputs": _jsonable(self.inputs),
            "outputs": _jsonable(self.outputs),
        }


def _jsonable(value: Any) -> Any:
    """Convert NumPy arrays/scalars and tuples to JSON types; non-finite floats to strings."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    return value
