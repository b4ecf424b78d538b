"""The bounded cache of evidence results: hits, least-recently-used eviction, and the
backend's use of it (same run once, keys by name, parameters and seed)."""

from __future__ import annotations

import pytest

from tutor.evidence.registry import Cancelled
from tutor.evidence.result import Result
from tutor.evidence.result_cache import ResultCache, result_key
from tutor.service.backend import CoreBackend


def result(name: str, seed: int | None = 0) -> Result:
    return Result(name=name, kind="simulation", params={}, seed=seed, reading=name)


def test_a_stored_result_is_a_hit_and_a_missing_one_is_none() -> None:
    cache = ResultCache(entries=2)
    key = result_key("rnn", {"steps": 20}, 0)
    assert cache.get(key) is None
    stored = result("rnn")
    cache.put(key, stored)
    assert cache.get(result_key("rnn", {"steps": 20}, 0)) is stored
    assert cache.get(result_key("rnn", {"steps": 20}, 1)) is None  # another seed
    assert cache.get(result_key("rnn", {"steps": 21}, 0)) is None  # other parameters
    assert (cache.hits, cache.misses) == (1, 3)


def test_the_least_recently_used_result_is_evicted_first() -> None:
    cache = ResultCache(entries=2)
    a, b, c = (result_key(name, {}, 0) for name in "abc")
    cache.put(a, result("a"))
    cache.put(b, result("b"))
    assert cache.get(a) is not None  # a is now the most recently used
    cache.put(c, result("c"))
    assert len(cache) == 2
    assert cache.get(b) is None
    assert cache.get(a).name == "a" and cache.get(c).name == "c"


def test_a_failed_or_cancelled_run_stores_nothing() -> None:
    cache = ResultCache(entries=2)
    key = result_key("rnn", {}, 0)

    def cancelled() -> Result:
        raise Cancelled("rnn")

    with pytest.raises(Cancelled):
        cache.get_or_run(key, cancelled)
    assert len(cache) == 0
    assert cache.get_or_run(key, lambda: result("rnn")).name == "rnn"
    assert cache.get_or_run(key, lambda: result("other")).name == "rnn"  # the stored one, not run again


def test_the_backend_runs_identical_evidence_once(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path))
    backend = CoreBackend([])
    never = lambda: False  # noqa: E731
    assert backend.cached_evidence("rnn", {"steps": "20"}, seed=3) is None
    first = backend.run_evidence("rnn", {"steps": "20"}, seed=3, should_cancel=never)
    # the same run spelt differently (a string and a number resolve to one value) is a hit
    assert backend.cached_evidence("rnn", {"steps": 20}, seed=3) is first
    assert backend.run_evidence("rnn", {"steps": 20}, seed=3, should_cancel=never) is first
    assert backend.cached_evidence("rnn", {"steps": 20}, seed=4) is None
    # a derivation does not depend on the seed: any seed finds it
    steps = backend.run_evidence("scalar-step", {"activation": "tanh"}, seed=0, should_cancel=never)
    assert backend.cached_evidence("scalar-step", {"activation": "tanh"}, seed=7) is steps
    assert backend.cached_evidence("no-such-evidence", {}, seed=0) is None
    assert backend.cached_evidence("rnn", {"steps": "many"}, seed=0) is None
