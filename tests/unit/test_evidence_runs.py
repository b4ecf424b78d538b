"""`tutor check` runs each distinct evidence item once per process, in a bounded cache."""

from __future__ import annotations

import pytest

from tutor.authoring import evidence_runs
from tutor.evidence import registry


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    calls: list[tuple] = []
    real = registry.run

    def run(name, params=None, *, seed=0, should_cancel=None):
        calls.append((name, dict(params or {}), seed))
        return real(name, params, seed=seed, should_cancel=should_cancel)

    monkeypatch.setattr(registry, "run", run)
    monkeypatch.setattr(evidence_runs, "_results", type(evidence_runs._results)())
    return calls


def test_the_same_item_is_run_once_and_defaults_written_out_are_the_same_item(counted) -> None:
    first = evidence_runs.run_evidence("activation-bounds", {}, 0)
    defaults = registry.get("activation-bounds").resolve({})
    assert evidence_runs.run_evidence("activation-bounds", defaults, 0) is first
    assert len(counted) == 1


def test_another_seed_or_parameter_is_another_run(counted) -> None:
    evidence_runs.run_evidence("rnn", {"steps": 10}, 0)
    evidence_runs.run_evidence("rnn", {"steps": 10}, 1)
    evidence_runs.run_evidence("rnn", {"steps": 12}, 0)
    assert [(params["steps"], seed) for _, params, seed in counted] == [(10, 0), (10, 1), (12, 0)]


def test_the_cache_is_bounded(counted, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evidence_runs, "MAX_RESULTS", 2)
    for steps in (10, 11, 12):
        evidence_runs.run_evidence("rnn", {"steps": steps}, 0)
    assert len(evidence_runs._results) == 2
    evidence_runs.run_evidence("rnn", {"steps": 10}, 0)  # dropped first, so run again
    assert len(counted) == 4
