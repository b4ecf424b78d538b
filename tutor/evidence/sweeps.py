"""Which simulation sweeps another's parameter, and with which settings: the lab's one-key
"sweep" turns a single run into the threshold view around 1/γ.

The sweep keeps every setting the run had that the sweep also takes (activation, length,
sizes, input scale, the initialisation where the sweep offers it); the swept parameter is
replaced by the range.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tutor.evidence import registry

SWEEPS = {"rnn": "threshold-sweep"}
"""A simulation's name → the simulation that sweeps its scale."""


def sweep_for(name: str, params: Mapping[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """(the sweep's name, its parameters) for a run of `name` with `params`, or None when
    nothing sweeps that simulation."""
    sweep = SWEEPS.get(name)
    if sweep is None:
        return None
    spec = registry.get(sweep)
    carried = {}
    for param in spec.params:
        if param.name in params and (not param.choices or params[param.name] in param.choices):
            carried[param.name] = params[param.name]
    return sweep, spec.resolve(carried)
