"""The core never imports the UI toolkit, and cheap entry points never import heavy libraries.

Each check runs in a fresh interpreter so modules imported by other tests don't hide a
violation.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import tutor

ROOT = Path(tutor.__file__).resolve().parent.parent
UI_PACKAGES = ("tutor.ui",)


def modules_loaded_after(imports: list[str], then: str = "") -> set[str]:
    code = "import json, sys\n" + "".join(f"import {name}\n" for name in imports) + then + "\n"
    code += "print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(json.loads(out.stdout))


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages([str(ROOT / "tutor")], prefix="tutor."):
        if not info.name.startswith(UI_PACKAGES) and info.name != "tutor.__main__":
            names.append(info.name)
    return names


def test_core_modules_never_import_textual_or_rich():
    core = core_modules()
    assert "tutor.packs.loader" in core and "tutor.evidence.registry" in core
    loaded = modules_loaded_after(core)
    assert "textual" not in loaded
    assert "rich" not in loaded


def test_cheap_entry_points_do_not_import_numpy_sympy_or_pydantic():
    loaded = modules_loaded_after(
        ["tutor", "tutor.cli", "tutor.evidence.registry", "tutor.paths"],
        then="tutor.cli.build_parser(); tutor.evidence.registry.all_specs()",
    )
    assert {"numpy", "sympy", "pydantic", "textual", "yaml"}.isdisjoint(loaded)


def test_loading_a_pack_does_not_import_numpy_or_sympy():
    loaded = modules_loaded_after(["tutor.packs.loader", "tutor.packs.discovery"])
    assert "numpy" not in loaded
    assert "sympy" not in loaded
