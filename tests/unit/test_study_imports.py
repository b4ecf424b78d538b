"""The store and study core import neither the UI toolkits nor the heavy numeric libraries."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULES = [
    "tutor.store", "tutor.store.db", "tutor.store.cards", "tutor.store.reviews", "tutor.store.mocks",
    "tutor.study.queue", "tutor.study.practice", "tutor.study.mock", "tutor.study.stats", "tests.unit.core_fakes",
]


def test_core_modules_import_no_ui_and_no_numpy_or_sympy() -> None:
    script = (
        "import sys\n"
        f"for name in {MODULES!r}: __import__(name)\n"
        "from tutor.store import open_store\n"
        "import tempfile, pathlib\n"
        "open_store(pathlib.Path(tempfile.mkdtemp()) / 'p.sqlite3').close()\n"
        "print(sorted(m for m in ('textual', 'rich', 'numpy', 'sympy') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.stdout.strip() == "[]"
