"""A bounded cache of evidence results, keyed by name, parameters and seed.

A question's evidence is the same run every time it is shown (same name, parameters and
seed), and several questions share runs (the LSTM demo behind two questions, the RNN at
scale 0.9 behind five). Keeping the last results lets a screen draw its evidence the
moment it is shown, with no worker round trip, and makes a re-visit instant.

Bounded by entry count (least recently used goes first), so memory stays flat however
many questions a session goes through: a result is a few plots of a few thousand
points at most. Thread-safe: workers store, the event loop looks up. Imports nothing
heavy and nothing of Textual.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.evidence.result import Result

Key = tuple[str, str, int | None]

DEFAULT_ENTRIES = 96
"""Room for every distinct run of the built-in packs' questions and a lab session's runs."""


def result_key(name: str, params: Mapping[str, Any], seed: int | None) -> Key:
    """The cache key: the name, the parameters as canonical JSON (`{"steps": 20}` and
    `{"steps": "20"}` resolve to the same value first when the caller resolves them), and
    the seed (None for a derivation, whose steps do not depend on one)."""
    return name, canonical_params(params), seed


def canonical_params(params: Mapping[str, Any]) -> str:
    """Parameters as canonical JSON: sorted keys, no spaces, anything else as its str()."""
    return json.dumps(dict(params), sort_keys=True, separators=(",", ":"), default=str)


class ResultCache:
    """Least-recently-used results, at most `entries` of them."""

    def __init__(self, entries: int = DEFAULT_ENTRIES) -> None:
        if entries < 1:
            raise ValueError("a result cache holds at least one entry")
        self.entries = entries
        self._results: OrderedDict[Key, Result] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        with self._lock:
            return len(self._results)

    def get(self, key: Key) -> Result | None:
        """The result stored under `key` (now the most recently used), or None."""
        with self._lock:
            result = self._results.get(key)
            if result is None:
                self.misses += 1
                return None
            self._results.move_to_end(key)
            self.hits += 1
            return result

    def put(self, key: Key, result: Result) -> None:
        """Store `result`; the least recently used entry goes when the cache is full."""
        with self._lock:
            self._results[key] = result
            self._results.move_to_end(key)
            while len(self._results) > self.entries:
                self._results.popitem(last=False)

    def get_or_run(self, key: Key, run: Callable[[], Result]) -> Result:
        """The cached result, or `run()`'s, stored. What `run` raises (a cancellation, bad
        parameters) goes to the caller and nothing is stored."""
        cached = self.get(key)
        if cached is not None:
            return cached
        result = run()
        self.put(key, result)
        return result

    def clear(self) -> None:
        with self._lock:
            self._results.clear()
