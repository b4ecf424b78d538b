"""Make `tutor/evidence/shipped/`: the costly runs the built-in packs show with their default seed.

Run it when a simulation, a built-in pack's evidence or tutor's version changes (the test of
the shipped runs says so when a file no longer matches):

    python -m tutor.evidence.ship_runs

Every evidence item of the built-in packs runs once with seed 0, in a fresh home, through
the same path the app uses (`CoreBackend.run_evidence`); the runs the disk cache kept (those
that took `simulation_cache.COSTLY_SECONDS` or more) replace the shipped folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def ship() -> list[Path]:
    """Run the built-in packs' evidence in a fresh home; copy the kept runs to SHIPPED_DIR."""
    with tempfile.TemporaryDirectory() as home:
        os.environ["TUTOR_HOME"] = home
        from tutor import paths
        from tutor.evidence.simulation_cache import SHIPPED_DIR, versions_dir
        from tutor.packs.loader import load_pack
        from tutor.service.backend import CoreBackend

        backend = CoreBackend([])
        for folder in sorted(paths.builtin_content_dir().iterdir()):
            if not (folder / "pack.yaml").is_file():
                continue
            for question in load_pack(folder).questions:
                for evidence in question.evidence:
                    if any("{" in str(value) for value in evidence.params.values()):
                        continue  # a variant's parameters: drawn per learner, not a default run
                    backend.run_evidence(evidence.name, dict(evidence.params), seed=0, should_cancel=lambda: False)
        shutil.rmtree(SHIPPED_DIR, ignore_errors=True)
        SHIPPED_DIR.mkdir(parents=True)
        shipped = []
        for kept in sorted(versions_dir().glob("*.json")):
            shipped.append(Path(shutil.copy2(kept, SHIPPED_DIR / kept.name)))
        return shipped


if __name__ == "__main__":
    for path in ship():
        print(path)
