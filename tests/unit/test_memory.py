"""The app freezes long-lived objects only when new modules were imported."""

from __future__ import annotations

import gc
import sys
import types

from tutor import memory


def test_freezes_once_per_batch_of_imports(monkeypatch) -> None:
    monkeypatch.setattr(memory, "_modules_at_last_freeze", 0)
    try:
        assert memory.freeze_new_imports() is True
        frozen = gc.get_freeze_count()
        assert frozen > 0
        assert memory.freeze_new_imports() is False  # nothing imported since
        monkeypatch.setitem(sys.modules, "tutor_test_fresh_module", types.ModuleType("tutor_test_fresh_module"))
        assert memory.freeze_new_imports() is True
    finally:
        gc.unfreeze()  # give the rest of the test session its collector back
