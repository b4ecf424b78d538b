"""The derivation cache: memory first, then disk under $TUTOR_HOME, keyed by versions,
name and parameters; damaged files are ignored and rewritten, never a crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.evidence import registry
from tutor.evidence.derivations import cache
from tutor.evidence.result import Result
from tutor.evidence.spec import ParamError

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path))
    cache.clear_memory()
    yield tmp_path
    cache.clear_memory()


def _text(result: Result) -> list[tuple[str, str, str, str]]:
    return [(s.statement, s.justification, s.unicode, s.latex) for s in result.steps]


def test_first_run_computes_and_writes_the_disk_cache(home: Path) -> None:
    result = cache.run_cached("tbptt-paths", {"window": 3})
    path = cache.cache_path("tbptt-paths", {"window": 3})
    assert path.is_file() and path.is_relative_to(home / "cache" / "derivations")
    assert all(step.expression is not None for step in result.steps)  # computed here
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["key"]["name"] == "tbptt-paths" and stored["key"]["params"] == {"window": 3}
    assert stored["key"]["sympy"] == cache.sympy_version() and stored["key"]["tutor"]


def test_memory_hit_returns_the_same_object() -> None:
    first = cache.run_cached("clipping-rule")
    assert cache.run_cached("clipping-rule") is first
    assert cache.run_cached("clipping-rule", {}) is first


def test_disk_hit_round_trips_everything_but_the_sympy_objects() -> None:
    computed = cache.run_cached("activation-bounds", {"activation": "tanh"})
    cache.clear_memory()
    loaded = cache.run_cached("activation-bounds", {"activation": "tanh"})
    assert loaded is not computed
    assert all(step.expression is None for step in loaded.steps)
    assert _text(loaded) == _text(computed)
    assert (loaded.name, loaded.kind, loaded.params) == (computed.name, computed.kind, computed.params)
    assert (loaded.reading, loaded.scalars) == (computed.reading, computed.scalars)
    assert loaded.to_json_dict() == computed.to_json_dict()


def test_parameters_and_defaults_share_or_split_entries() -> None:
    assert cache.cache_path("tbptt-paths") == cache.cache_path("tbptt-paths", {"window": 2})
    assert cache.cache_path("tbptt-paths", {"window": "2"}) == cache.cache_path("tbptt-paths")
    assert cache.cache_path("tbptt-paths", {"window": 1}) != cache.cache_path("tbptt-paths")
    two, one = cache.run_cached("tbptt-paths"), cache.run_cached("tbptt-paths", {"window": 1})
    assert two.scalars["paths_kept"] == 2.0 and one.scalars["paths_kept"] == 1.0


def test_versions_choose_the_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    here = cache.versions_dir()
    assert here.name == f"tutor-{cache.tutor_version}_sympy-{cache.sympy_version()}"
    monkeypatch.setattr(cache, "tutor_version", "9.9.9")
    assert cache.versions_dir() != here


@pytest.mark.parametrize(
    "damage",
    [
        "not json at all {",
        "",
        "[1, 2, 3]",
        '{"key": {}, "result": {}}',
        "FOREIGN_KEY",
        "BAD_STEPS",
    ],
)
def test_a_damaged_file_is_ignored_and_rewritten(damage: str) -> None:
    computed = cache.run_cached("clipping-rule")
    path = cache.cache_path("clipping-rule")
    stored = json.loads(path.read_text(encoding="utf-8"))
    if damage == "FOREIGN_KEY":
        stored["key"]["sympy"] = "0.0.1"
        damage = json.dumps(stored)
    elif damage == "BAD_STEPS":
        stored["result"]["steps"] = [{"statement": 1}]
        damage = json.dumps(stored)
    path.write_text(damage, encoding="utf-8")
    cache.clear_memory()
    recovered = cache.run_cached("clipping-rule")
    assert all(step.expression is not None for step in recovered.steps)  # recomputed
    assert _text(recovered) == _text(computed)
    rewritten = json.loads(path.read_text(encoding="utf-8"))
    assert rewritten["key"]["sympy"] == cache.sympy_version()
    assert len(rewritten["result"]["steps"]) == len(computed.steps)


def test_an_unwritable_cache_dir_is_not_an_error(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = home / "file-not-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("TUTOR_HOME", str(blocker))
    result = cache.run_cached("residual-jacobian")
    assert result.scalars["residual_product_small_blocks"] == 1.0
    assert not cache.cache_path("residual-jacobian").exists()


def test_bad_requests_fail_like_the_registry() -> None:
    with pytest.raises(registry.UnknownEvidence):
        cache.run_cached("no-such-derivation")
    with pytest.raises(ParamError):
        cache.run_cached("tbptt-paths", {"window": 9})
    simulation = registry.all_specs("simulation")[0].name
    with pytest.raises(ValueError, match="not a derivation"):
        cache.run_cached(simulation)


def test_a_cancelled_run_leaves_no_cache_entry() -> None:
    with pytest.raises(registry.Cancelled):
        cache.run_cached("norm-bound", should_cancel=lambda: True)
    assert not cache.cache_path("norm-bound").exists()


def test_a_disk_hit_in_a_fresh_process_does_not_import_sympy(home: Path) -> None:
    cache.run_cached("bptt-chain", {"span": 2})
    probe = (
        "import sys\n"
        "from tutor.evidence.derivations.cache import run_cached\n"
        "result = run_cached('bptt-chain', {'span': 2})\n"
        "assert result.steps and result.steps[0].expression is None, 'not a disk hit'\n"
        "print('sympy' in sys.modules)\n"
    )
    environment = {**os.environ, "TUTOR_HOME": str(home), "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=environment, check=True
    )
    assert done.stdout.strip() == "False"
