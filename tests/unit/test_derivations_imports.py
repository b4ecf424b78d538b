"""Start-up stays cheap: importing tutor, the registry, the catalogs and the derivation
cache (and listing the derivations) never imports SymPy or NumPy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import sys
import tutor
import tutor.evidence.registry as registry
import tutor.evidence.derivations.catalog
import tutor.evidence.derivations.cache
names = [spec.name for spec in registry.all_specs("derivation")]
assert len(names) == 9, names
print(sorted(m for m in ("sympy", "numpy", "textual", "rich") if m in sys.modules))
"""


def test_importing_tutor_and_the_catalogs_does_not_import_sympy() -> None:
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=environment, check=True
    )
    assert done.stdout.strip() == "[]"
