"""A pack as the app lists it: loaded, or broken with its first error line.

Kept apart from `tutor.service.backend` (which builds the entries) so the app can name the
type at start-up without loading the study core.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
    requested: bool = False
    """Given on the command line (`tutor --pack PATH`): the app opens on it."""

    @property
    def usable(self) -> bool:
        return self.pack is not None
