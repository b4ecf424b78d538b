"""Cached derivations: computed once per tutor and SymPy version, then instant.

`run_cached(name, params)` is what the CLI and the UI call. It looks in memory, then on
disk under `cache_dir()/derivations/tutor-<version>_sympy-<version>/`, and only then runs
the derivation (importing SymPy). A disk hit rebuilds the `Result` without importing
SymPy, so each `Step.expression` is None there: the rendered `unicode` and `latex`, the
statement, justification, reading and scalars are all a reader needs. Run
`registry.run` directly when the SymPy objects themselves are wanted.

The cache is an optimisation, never a source of errors: a missing, unreadable, corrupt
or foreign file is ignored and rewritten, and a cache dir that cannot be written just
means the next run computes again.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sys
import threading
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from tutor import __version__ as tutor_version
from tutor.evidence import registry
from tutor.evidence.kept_json import read_kept, write_kept
from tutor.evidence.result import Result, Step
from tutor.paths import cache_dir

FORMAT_VERSION = 3  # 2: steps carry a decimal beside hard-to-read exact numbers; 3: labelled tables
_STEP_FIELDS = ("statement", "justification", "unicode", "latex")
_RELEASE_VERSION = re.compile(r"""__version__\s*=\s*["']([^"']+)["']""")

_memory: dict[tuple[str, str], Result] = {}
_memory_lock = threading.Lock()


@cache
def sympy_version() -> str:
    """SymPy's version, read without importing SymPy (its release file, or the metadata)."""
    loaded = sys.modules.get("sympy")
    if loaded is not None:
        return str(loaded.__version__)
    found = importlib.util.find_spec("sympy")
    if found is not None and found.origin:
        release = Path(found.origin).parent / "release.py"
        try:
            match = _RELEASE_VERSION.search(release.read_text(encoding="utf-8"))
        except OSError:
            match = None
        if match:
            return match.group(1)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sympy")
    except PackageNotFoundError:
        return "missing"


def versions_dir() -> Path:
    """The folder for this tutor and SymPy version; other versions' folders are never read."""
    return cache_dir() / "derivations" / f"tutor-{tutor_version}_sympy-{sympy_version()}"


def _canonical_params(params: Mapping[str, Any]) -> str:
    return json.dumps(params, sort_keys=True, separators=(",", ":"), default=list)


def _disk_key(name: str, canonical: str) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "tutor": tutor_version,
        "sympy": sympy_version(),
        "name": name,
        "params": json.loads(canonical),
    }


def cache_path(name: str, params: Mapping[str, Any] | None = None) -> Path:
    """Where the derivation `name` with `params` (defaults filled in) is cached on disk."""
    resolved = registry.get(name).resolve(params)
    return _path_for(name, _canonical_params(resolved))


def _path_for(name: str, canonical: str) -> Path:
    digest = hashlib.sha256(f"{name}\0{canonical}".encode()).hexdigest()[:16]
    return versions_dir() / f"{name}-{digest}.json"


def run_cached(
    name: str,
    params: Mapping[str, Any] | None = None,
    *,
    should_cancel: Callable[[], bool] | None = None,
) -> Result:
    """The derivation `name` with `params`, from memory, from disk, or computed and stored.

    Raises what `registry.run` raises (`UnknownEvidence`, `ParamError`, `Cancelled`),
    and `ValueError` when `name` is a simulation rather than a derivation.
    """
    spec = registry.get(name)
    if spec.kind != "derivation":
        raise ValueError(f"'{name}' is a {spec.kind}, not a derivation")
    canonical = _canonical_params(spec.resolve(params))
    memory_key = (name, canonical)
    with _memory_lock:
        remembered = _memory.get(memory_key)
    if remembered is not None:
        return remembered
    path, key = _path_for(name, canonical), _disk_key(name, canonical)
    result = _load(path, key)
    if result is None:
        result = registry.run(name, json.loads(canonical), should_cancel=should_cancel)
        _store(path, key, result)
    with _memory_lock:
        _memory[memory_key] = result
    return result


def clear_memory() -> None:
    """Forget the in-memory results (the disk cache stays); for tests and benchmarks."""
    with _memory_lock:
        _memory.clear()


def _store(path: Path, key: dict[str, Any], result: Result) -> None:
    """Write atomically; give up quietly if the dir is read-only (see `kept_json`)."""
    write_kept(path, key, {
        "name": result.name,
        "kind": result.kind,
        "params": result.params,
        "reading": result.reading,
        "scalars": result.scalars,
        "steps": [{name: getattr(step, name) for name in _STEP_FIELDS} for step in result.steps],
    })


def _load(path: Path, key: dict[str, Any]) -> Result | None:
    """The cached result at `path` if it is intact and made for `key`, else None."""
    stored = read_kept(path, key)
    if stored is None:
        return None
    try:
        steps = tuple(
            Step(
                statement=_text(step["statement"]),
                expression=None,
                justification=_text(step["justification"]),
                unicode=_text(step["unicode"]),
                latex=_text(step["latex"]),
            )
            for step in stored["steps"]
        )
        scalars = {_text(k): float(v) for k, v in stored["scalars"].items()}
        return Result(
            name=_text(stored["name"]),
            kind=_text(stored["kind"]),
            params=dict(stored["params"]),
            seed=None,
            reading=_text(stored["reading"]),
            scalars=scalars,
            steps=steps,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text in a cached derivation")
    return value
