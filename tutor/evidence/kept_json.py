"""JSON files that caches keep: written atomically, read back only when made for the same key.

Both evidence caches on disk (derivations, costly simulations) store `{"key": ..., "result": ...}`
and must never be a source of errors: a file that is missing, unreadable, corrupt or made for
another key reads as nothing, and a folder that cannot be written is not an error either.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def write_kept(path: Path, key: dict[str, Any], result: dict[str, Any]) -> bool:
    """Write `{"key", "result"}` to `path` atomically (a temporary file, then a rename);
    False when the folder cannot be written or the result is not JSON."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump({"key": key, "result": result}, stream, ensure_ascii=False, default=list)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except (OSError, TypeError, ValueError):
        return False
    return True


def read_kept(path: Path, key: dict[str, Any]) -> dict[str, Any] | None:
    """The stored result at `path` if the file is intact and made for `key`, else None."""
    try:
        with open(path, encoding="utf-8") as stream:
            payload = json.load(stream)
        if not isinstance(payload, dict) or payload.get("key") != key or not isinstance(payload.get("result"), dict):
            return None
        result: dict[str, Any] = payload["result"]
        return result
    except (OSError, ValueError):
        return None
