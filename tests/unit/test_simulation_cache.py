"""The disk cache of costly simulations: identical numbers after a round trip, kept only
when costly, damaged or foreign files ignored, the folder bounded."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from tutor.evidence import simulation_cache
from tutor.evidence.registry import get, run
from tutor.evidence.simulation_cache import cache_path, run_kept


def _same(a: object, b: object) -> bool:
    return np.array_equal(np.asarray(a), np.asarray(b), equal_nan=True)


def _ticking(seconds: float):
    """A clock that advances `seconds` between its readings: a run that 'took' that long."""
    now = [0.0]

    def clock() -> float:
        now[0] += seconds
        return now[0]

    return clock


@pytest.mark.parametrize("name, params", [("adding-problem", {"steps": 10, "iterations": 3, "batch": 4}),
                                          ("rnn", {"scale": 10, "steps": 1000, "activation": "linear"})])
def test_a_kept_run_reads_back_with_identical_numbers(name, params):
    """A training run, and a linear RNN that overflows (inf and NaN in its series and scalars)."""
    resolved = get(name).resolve(params)
    computed = run(name, resolved, seed=7, should_cancel=lambda: False)
    calls = []

    def compute():
        calls.append(1)
        return computed

    first = run_kept(name, resolved, 7, compute, clock=_ticking(1.0))
    again = run_kept(name, resolved, 7, compute, clock=_ticking(1.0))
    assert calls == [1] and first is computed and again is not computed
    assert again.reading == computed.reading and again.seed == 7 and again.kind == "simulation"
    assert again.scalars.keys() == computed.scalars.keys()
    assert all(math.isnan(v) if math.isnan(computed.scalars[k]) else v == computed.scalars[k]
               for k, v in again.scalars.items())
    for kept, original in zip(again.all_series().values(), computed.all_series().values(), strict=True):
        assert kept.name == original.name and kept.display_label == original.display_label
        assert _same(kept.x, original.x) and _same(kept.y, original.y)
        assert np.asarray(kept.y).dtype == np.asarray(original.y).dtype
    assert [p.title for p in again.plots] == [p.title for p in computed.plots]


def _fake(name="adding-problem"):
    resolved = get(name).resolve({"steps": 10, "iterations": 3, "batch": 4})
    return resolved, run(name, resolved, seed=1, should_cancel=lambda: False)


def test_a_quick_run_is_not_kept():
    resolved, result = _fake()
    run_kept("adding-problem", resolved, 1, lambda: result, clock=_ticking(0.01))
    assert not cache_path("adding-problem", resolved, 1).exists()


def test_a_damaged_or_foreign_file_is_ignored_and_rewritten():
    resolved, result = _fake()
    path = cache_path("adding-problem", resolved, 1)
    path.parent.mkdir(parents=True)
    calls = []

    def compute():
        calls.append(1)
        return result

    for damage in ("{not json", json.dumps({"key": {"name": "other"}, "result": {}})):
        path.write_text(damage)
        assert run_kept("adding-problem", resolved, 1, compute, clock=_ticking(1.0)) is result
        assert json.loads(path.read_text())["key"]["name"] == "adding-problem"
    assert calls == [1, 1]


def test_another_seed_or_parameter_is_another_run():
    resolved, result = _fake()
    assert cache_path("adding-problem", resolved, 1) != cache_path("adding-problem", resolved, 2)
    assert cache_path("adding-problem", resolved, 1) != cache_path("adding-problem", {**resolved, "steps": 11}, 1)


def test_the_folder_keeps_at_most_max_files(monkeypatch):
    monkeypatch.setattr(simulation_cache, "MAX_FILES", 3)
    resolved, result = _fake()
    for seed in range(5):
        run_kept("adding-problem", resolved, seed, lambda: result, clock=_ticking(1.0))
    assert len(list(simulation_cache.versions_dir().glob("*.json"))) == 3


def test_a_new_session_draws_a_costly_run_from_disk_without_computing(monkeypatch):
    from tutor.evidence import registry
    from tutor.service.backend import CoreBackend

    monkeypatch.setattr(simulation_cache, "COSTLY_SECONDS", 0.0)
    params = {"steps": 10, "iterations": 3, "batch": 4}
    first = CoreBackend([]).run_evidence("adding-problem", params, seed=3, should_cancel=lambda: False)

    def must_not_run(*args, **kwargs):
        raise AssertionError("computed again")

    monkeypatch.setattr(registry, "run", must_not_run)
    again = CoreBackend([]).run_evidence("adding-problem", params, seed=3, should_cancel=lambda: False)
    assert again.reading == first.reading
    assert _same(again.all_series()["lstm_loss"].y, first.all_series()["lstm_loss"].y)
