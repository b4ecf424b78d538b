"""One run per distinct evidence item in a `tutor check` process.

Several checks read the same run: the evidence task proves its claims and its `shows`, and a
variant's draw whose parameters and seed are the same proves the draw's claims on it. The
slowest simulations (the adding-problem training runs, about 1.5 s each) were run twice.
Results are keyed by the evidence name, its parameters with defaults filled in, and the
seed; the cache is bounded, so a pack of any size keeps memory flat. Checks only read a
result, never change it.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

MAX_RESULTS = 32

_results: OrderedDict[tuple[str, str, int], Any] = OrderedDict()


def run_evidence(name: str, params: Mapping[str, Any] | None, seed: int) -> Any:
    """The result of evidence `name` with `params` and `seed` (a derivation is seed-free)."""
    from tutor.evidence import registry

    spec = registry.get(name)
    if spec.kind == "derivation":
        from tutor.evidence.derivations.cache import run_cached

        return run_cached(name, params)
    key = (name, json.dumps(spec.resolve(params), sort_keys=True, default=repr), seed)
    if key in _results:
        _results.move_to_end(key)
        return _results[key]
    result = registry.run(name, params, seed=seed)
    _results[key] = result
    if len(_results) > MAX_RESULTS:
        _results.popitem(last=False)
    return result
