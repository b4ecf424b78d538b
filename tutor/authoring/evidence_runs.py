"""One run per distinct evidence item in a `tutor check` process.

Several checks read the same run: the evidence task proves its claims and its `shows`, and a
variant's draw whose parameters and seed are the same proves the draw's claims on it. The
slowest simulations (the adding-problem training runs, about 1.5 s each) were run twice.
Results are keyed by the evidence name, its parameters with defaults filled in, and the
seed; the cache is bounded, so a pack of any size keeps memory flat. A run that took long
(COSTLY_SECONDS or more) is kept apart from the quick ones, so the two questions that cite the
adding problem far apart in the pack share its runs. Checks only read a result, never change it.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from tutor.evidence.simulation_cache import COSTLY_SECONDS

if TYPE_CHECKING:
    from tutor.evidence.result import Result

MAX_RESULTS = 32
MAX_COSTLY = 16

Key = tuple[str, str, int]
_results: OrderedDict[Key, Result] = OrderedDict()
_costly: OrderedDict[Key, Result] = OrderedDict()


def run_evidence(name: str, params: Mapping[str, Any] | None, seed: int) -> Result:
    """The result of evidence `name` with `params` and `seed` (a derivation is seed-free)."""
    from tutor.evidence import registry

    spec = registry.get(name)
    if spec.kind == "derivation":
        from tutor.evidence.derivations.cache import run_cached

        return run_cached(name, params)
    key = (name, json.dumps(spec.resolve(params), sort_keys=True, default=repr), seed)
    for cache in (_costly, _results):
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
    started = time.perf_counter()
    result = registry.run(name, params, seed=seed)
    costly = time.perf_counter() - started >= COSTLY_SECONDS
    _remember(_costly if costly else _results, key, result, MAX_COSTLY if costly else MAX_RESULTS)
    return result


def _remember(cache: OrderedDict[Key, Result], key: Key, result: Result, limit: int) -> None:
    cache[key] = result
    if len(cache) > limit:
        cache.popitem(last=False)
