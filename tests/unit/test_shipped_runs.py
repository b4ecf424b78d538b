"""The costly runs shipped with tutor (tutor/evidence/shipped/) are the runs' own numbers.

Each file is run again here with its name, parameters and seed, and must give the same
numbers; a file made for another tutor version fails with the command that remakes it.
A first session reads them instead of training while the learner waits."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from tutor import __version__
from tutor.evidence.registry import run
from tutor.evidence.simulation_cache import SHIPPED_DIR, cache_path, run_kept, run_key

SHIPPED = sorted(SHIPPED_DIR.glob("*.json"))
REMAKE = "remake them: python -m tutor.authoring.ship_runs"


def same(stored: Any, fresh: Any, where: str = "") -> list[str]:
    """Where `fresh` differs from `stored` (floats to 1e-9 relative: another BLAS may round
    the last digits of a long training run differently)."""
    if isinstance(stored, dict) and isinstance(fresh, dict):
        if stored.keys() != fresh.keys():
            return [f"{where}: keys {sorted(stored)} != {sorted(fresh)}"]
        return [diff for key in stored for diff in same(stored[key], fresh[key], f"{where}.{key}")]
    if isinstance(stored, list) and isinstance(fresh, list):
        if len(stored) != len(fresh):
            return [f"{where}: {len(stored)} items != {len(fresh)}"]
        return [diff for index, (a, b) in enumerate(zip(stored, fresh)) for diff in same(a, b, f"{where}[{index}]")]
    if isinstance(stored, float) and isinstance(fresh, float):
        if math.isnan(stored) and math.isnan(fresh) or math.isclose(stored, fresh, rel_tol=1e-9, abs_tol=1e-300):
            return []
        return [f"{where}: {stored!r} != {fresh!r}"]
    return [] if stored == fresh else [f"{where}: {stored!r} != {fresh!r}"]


def test_the_adding_problem_ships() -> None:
    """The one costly default run of the built-in packs today (it trains two networks)."""
    assert [path.name.split("-")[:2] for path in SHIPPED] == [["adding", "problem"]]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_a_shipped_run_is_what_the_run_gives_now(path: Path) -> None:
    payload = json.loads(path.read_text(encoding="utf-8"))
    key = payload["key"]
    assert key["tutor"] == __version__, f"{path.name} was made for tutor {key['tutor']}: {REMAKE}"
    assert key == run_key(key["name"], key["params"], key["seed"]), REMAKE
    assert cache_path(key["name"], key["params"], key["seed"]).name == path.name, REMAKE
    fresh = run(key["name"], key["params"], seed=key["seed"]).to_json_dict()
    stored = payload["result"]
    assert same(stored, json.loads(json.dumps(fresh, default=list))) == [], REMAKE


def test_a_first_session_reads_the_shipped_run_without_computing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path))
    key = json.loads(SHIPPED[0].read_text(encoding="utf-8"))["key"]

    def compute():
        raise AssertionError("computed although the run ships with tutor")

    result = run_kept(key["name"], key["params"], key["seed"], compute)
    assert result.name == key["name"] and result.seed == key["seed"]
