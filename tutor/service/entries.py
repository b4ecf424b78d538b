"""A pack as the app lists it: loaded, or broken with its first error line.

Kept apart from `tutor.service.backend` (which builds the entries) so the app can name the
type at start-up without loading the study core.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.packs.index import ListedPack
    from tutor.packs.model import Pack


@dataclass(frozen=True)
class PackEntry:
    """A pack found at start-up: loaded, or broken with its first error line."""

    id: str
    title: str
    source: Path | None
    builtin: bool = False
    pack: Pack | None = None
    error: str | None = None
    problems: tuple[str, ...] = ()
    """A broken pack's problems, one line each, the cause first (`error` is the first); may be
    empty when only `error` is known (the pack index keeps one line)."""
    requested: bool = False
    """Given on the command line (`tutor --pack PATH`): the app opens on it."""
    listed: ListedPack | None = None
    """What the pack index says of a pack not loaded yet (shown until the pack is loaded)."""

    @property
    def usable(self) -> bool:
        return self.pack is not None


def pack_to_open(entries: Sequence[PackEntry], wanted_id: str | None = None, *,
                 listed: bool = False) -> PackEntry | None:
    """The one pack a session opens on, the same way for the app and every command: the pack
    asked for by id, else the first given on the command line (`--pack`), else the first that
    loads (built-in first); None when no pack loads. Discovery already kept one pack per id.
    `listed`: among entries from the pack index (not loaded yet), the one that will be."""
    usable = [entry for entry in entries if (entry.listed is not None if listed else entry.usable)]
    wanted = [entry for entry in usable if entry.id == wanted_id]
    requested = [entry for entry in usable if entry.requested]
    return next(iter(wanted or requested or usable), None)


def broken_request(entries: Sequence[PackEntry]) -> PackEntry | None:
    """The first pack given on the command line that did not load: a command that was asked
    for it must say so rather than quietly open another."""
    return next((entry for entry in entries if entry.requested and not entry.usable), None)
