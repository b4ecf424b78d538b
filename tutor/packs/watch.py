"""Notice when a pack's files change, so the app can reload it while an author edits.

Polling a snapshot of (path, mtime, size) is enough for a pack of a few files, needs no
extra dependency or OS-specific API, and is trivial to test with a fake clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tutor.packs.loader import YAML_SUFFIXES, load_pack
from tutor.packs.model import Pack
from tutor.packs.problems import PackError

Snapshot = dict[str, tuple[int, int]]


def snapshot(path: Path) -> Snapshot:
    """Modification time and size of every YAML file of the pack at `path`."""
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES]
    state: Snapshot = {}
    for file in files:
        try:
            info = file.stat()
        except OSError:
            continue  # removed between listing and stat: the next poll sees it gone
        state[str(file)] = (info.st_mtime_ns, info.st_size)
    return state


@dataclass
class PackWatcher:
    """Reloads a pack when its files change; keeps the last good pack when a save breaks it."""

    path: Path
    pack: Pack | None = None
    errors: list[str] = field(default_factory=list)
    _seen: Snapshot = field(default_factory=dict)

    def poll(self) -> bool:
        """Reload if anything changed since the last poll; True when something changed."""
        current = snapshot(self.path)
        if current == self._seen and (self.pack is not None or self.errors):
            return False
        self.reload()
        return True

    def reload(self) -> None:
        """Load the pack now, changed or not (the app's "reload pack" key)."""
        self._seen = snapshot(self.path)
        try:
            self.pack = load_pack(self.path)
            self.errors = []
        except PackError as error:
            self.errors = error.lines()
