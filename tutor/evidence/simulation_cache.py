"""Costly simulations kept on disk: a training run computed once per tutor version, then instant.

A simulation is a pure function of its name, its resolved parameters and its seed, so
its result can be kept. Most runs take milliseconds and are cheaper to recompute than to
read back; the few that take a noticeable time (the adding problem trains two networks for
seconds) are written under `cache_dir()/simulations/tutor-<version>/` and read back the
next time any session asks for the same run. Numbers are identical after the round trip
(JSON keeps every float64 exactly; inf and NaN are written as strings and read back).

The costly runs the built-in packs show with their default seed also ship with tutor, in
`tutor/evidence/shipped/` (the same files, made by `tutor.authoring.ship_runs` and checked by a
test that runs each again and requires the same numbers): so even a first session on a new
machine draws them at once instead of training while the learner waits.

Like the derivation cache, this is an optimisation, never a source of errors: a missing,
unreadable, corrupt or foreign file is ignored and rewritten, a cache dir that cannot be
written means the next run computes again, and the folder holds at most MAX_FILES files
(the oldest go first).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from tutor import __version__ as tutor_version
from tutor.evidence.kept_json import read_kept, write_kept
from tutor.evidence.result import Plot, Result, Series
from tutor.evidence.result_cache import canonical_params
from tutor.paths import cache_dir

FORMAT_VERSION = 1
COSTLY_SECONDS = 0.25
"""A run that took at least this long is worth keeping; a quicker one recomputes faster than it reads."""
MAX_FILES = 64
"""Bound on the folder: every costly run of both built-in packs and a lab session's variants."""
_NON_FINITE = {"nan": float("nan"), "inf": float("inf"), "-inf": float("-inf")}


SHIPPED_DIR = Path(__file__).resolve().parent / "shipped"
"""The costly default runs of the built-in packs, kept with the package (see the module's docstring)."""


def versions_dir() -> Path:
    """This tutor version's folder; other versions' folders are never read."""
    return cache_dir() / "simulations" / f"tutor-{tutor_version}"


def cache_path(name: str, params: Mapping[str, Any], seed: int) -> Path:
    """Where the run of `name` with resolved `params` and `seed` is kept."""
    digest = hashlib.sha256(f"{name}\0{canonical_params(params)}\0{seed}".encode()).hexdigest()[:16]
    return versions_dir() / f"{name}-{digest}.json"


def run_kept(
    name: str,
    params: Mapping[str, Any],
    seed: int,
    compute: Callable[[], Result],
    *,
    clock: Callable[[], float] = time.perf_counter,
) -> Result:
    """The kept result of this run, or `compute()`'s, kept when it took COSTLY_SECONDS or more.

    `params` are the resolved parameters (defaults filled in) that `compute` runs with."""
    path, key = cache_path(name, params, seed), run_key(name, params, seed)
    kept = load(path, key)
    if kept is None:
        kept = load(SHIPPED_DIR / path.name, key)  # a file made for another version reads as nothing
    if kept is not None:
        return kept
    started = clock()
    result = compute()
    if clock() - started >= COSTLY_SECONDS:
        store(path, key, result)
    return result


def run_key(name: str, params: Mapping[str, Any], seed: int) -> dict[str, Any]:
    """What a kept file must be made for: the format, this tutor version, the run's name,
    resolved parameters and seed (shipped files are written with it too)."""
    return {"format": FORMAT_VERSION, "tutor": tutor_version, "name": name,
            "params": json.loads(canonical_params(params)), "seed": seed}


def store(path: Path, key: dict[str, Any], result: Result) -> None:
    """Write atomically, then trim the folder to MAX_FILES; give up quietly when the folder
    cannot be written (see `kept_json`)."""
    if write_kept(path, key, result.to_json_dict()):
        try:
            _trim(path.parent)
        except OSError:
            return


def _trim(folder: Path) -> None:
    files = sorted(folder.glob("*.json"), key=lambda file: file.stat().st_mtime)
    for old in files[: max(0, len(files) - MAX_FILES)]:
        old.unlink(missing_ok=True)


def load(path: Path, key: dict[str, Any]) -> Result | None:
    """The kept result at `path` if it is intact and made for `key`, else None."""
    stored = read_kept(path, key)
    if stored is None:
        return None
    try:
        return _result(stored)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _result(stored: dict[str, Any]) -> Result:
    import numpy as np

    def array(values: list[Any]) -> Any:
        return np.asarray(_finite_or_not(values))

    plots = tuple(
        Plot(
            title=_text(plot["title"]),
            x_label=_text(plot["x_label"]),
            y_label=_text(plot["y_label"]),
            log_y=bool(plot["log_y"]),
            distance_label=_text(plot["distance_label"]),
            guides=tuple((float(guide["x"]), _text(guide["label"])) for guide in plot["guides"]),
            series=tuple(
                Series(
                    name=_text(series["name"]),
                    x=array(series["x"]),
                    y=array(series["y"]),
                    label=_text(series["label"]),
                    overflow_step=None if series["overflow_step"] is None else int(series["overflow_step"]),
                    dashed=bool(series["dashed"]),
                )
                for series in plot["series"]
            ),
        )
        for plot in stored["plots"]
    )
    if stored["steps"]:
        raise ValueError("a simulation has no derivation steps")
    return Result(
        name=_text(stored["name"]),
        kind=_text(stored["kind"]),
        params=dict(stored["params"]),
        seed=int(stored["seed"]),
        reading=_text(stored["reading"]),
        scalars={_text(name): float(_NON_FINITE.get(value, value)) for name, value in stored["scalars"].items()},
        plots=plots,
        inputs=dict(stored["inputs"]),
        outputs=dict(stored["outputs"]),
    )


def _finite_or_not(value: Any) -> Any:
    """JSON data with the strings 'nan', 'inf', '-inf' turned back into floats."""
    if isinstance(value, list):
        return [_finite_or_not(item) for item in value]
    if isinstance(value, str):
        return _NON_FINITE[value]
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text in a kept simulation")
    return value
