"""Make `tutor/evidence/shipped/`: the costly runs the built-in packs show with their default seed.

Run it when a simulation, a built-in pack's evidence or tutor's version changes (the test of
the shipped runs says so when a file no longer matches):

    python -m tutor.authoring.ship_runs

Every simulation of the built-in packs' evidence runs once with seed 0 (`registry.run`, as the
app's runs do); those that take SHIP_SECONDS or more are written where
`simulation_cache.run_kept` looks for shipped runs, in the disk cache's format.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

SHIP_SECONDS = 0.5
"""Worth shipping: well above the disk cache's own threshold, so the choice does not hang on
how busy the machine is."""


def ship() -> list[Path]:
    """Run the built-in packs' simulations; write the costly ones to SHIPPED_DIR (emptied first)."""
    from tutor import paths
    from tutor.evidence.registry import get, run
    from tutor.evidence.simulation_cache import SHIPPED_DIR, cache_path, run_key, store
    from tutor.packs.loader import load_pack

    shutil.rmtree(SHIPPED_DIR, ignore_errors=True)
    shipped = []
    for folder in sorted(paths.builtin_content_dir().iterdir()):
        if not (folder / "pack.yaml").is_file():
            continue
        for question in load_pack(folder).questions:
            for evidence in question.evidence:
                spec, params = get(evidence.name), dict(evidence.params)
                if spec.kind == "derivation" or any("{" in str(value) for value in params.values()):
                    continue  # a derivation has its own cache; a variant's parameters are drawn per learner
                resolved = spec.resolve(params)
                target = SHIPPED_DIR / cache_path(evidence.name, resolved, 0).name
                if target.exists():
                    continue
                started = time.perf_counter()
                result = run(evidence.name, params, seed=0)
                if time.perf_counter() - started >= SHIP_SECONDS:
                    store(target, run_key(evidence.name, resolved, 0), result)
                    shipped.append(target)
    return shipped


if __name__ == "__main__":
    for path in ship():
        print(path)
