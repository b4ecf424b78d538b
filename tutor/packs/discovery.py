"""Find packs: the built-in ones, the user's packs folder, `$TUTOR_PACKS` and `--pack`.

A broken pack found on a search path is listed with its first error rather than
stopping the search: one bad download must not hide every other pack.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from tutor import paths
from tutor.packs.loader import YAML_SUFFIXES, is_pack_folder, load_pack
from tutor.packs.model import Pack
from tutor.packs.problems import PackError, display_path
from tutor.words import plural

BUILTIN = "built-in"
USER = "user"
ENVIRONMENT = "TUTOR_PACKS"
COMMAND_LINE = "--pack"
ENTRY_POINT = "entry point"
ENTRY_POINT_GROUP = "tutor.packs"


@dataclass(frozen=True)
class PackEntry:
    """A pack found somewhere, loaded or with the reason it could not be."""

    source: str
    path: Path
    pack: Pack | None = None
    error: str | None = None
    error_count: int = 0
    provider: str = ""

    @property
    def ok(self) -> bool:
        return self.pack is not None


def discover(extra: Sequence[Path] = (), *, include_builtin: bool = True) -> list[PackEntry]:
    """Every pack found, built-in first; each path appears once."""
    places: list[tuple[str, Path, bool]] = []
    if include_builtin:
        places.append((BUILTIN, paths.builtin_content_dir(), True))
    places.append((USER, paths.user_packs_dir(), True))
    places.extend((ENVIRONMENT, p, True) for p in paths.extra_pack_paths())
    places.extend((COMMAND_LINE, Path(p), False) for p in extra)
    entries: list[PackEntry] = []
    seen: set[Path] = set()
    for source, place, is_search_path in places:
        candidates = _candidates(place) if is_search_path else [place]
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                entries.append(load_entry(source, candidate))
    for entry in _entry_point_packs():
        if entry.path.resolve() not in seen:
            seen.add(entry.path.resolve())
            entries.append(entry)
    return entries


def _entry_point_packs() -> list[PackEntry]:
    """Packs shipped as Python packages: an entry point in the `tutor.packs` group.

    The entry point names a path (str or Path) to the pack, or a callable returning one.
    Its distribution's name and version are shown with the pack.
    """
    from importlib.metadata import entry_points

    found = []
    for point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda p: p.name):
        provider = f"{point.dist.name} {point.dist.version}" if point.dist else point.name
        try:
            target = point.load()
            location = Path(target() if callable(target) else target)
        except Exception as error:  # third-party code: any failure is that package's problem
            found.append(PackEntry(ENTRY_POINT, Path(point.value), error=f"entry point '{point.name}' failed: {error}",
                                   error_count=1, provider=provider))
            continue
        entry = load_entry(ENTRY_POINT, location)
        found.append(PackEntry(entry.source, entry.path, entry.pack, entry.error, entry.error_count, provider))
    return found


def load_entry(source: str, path: Path) -> PackEntry:
    """Load one pack, turning a `PackError` into an entry that carries the first error."""
    try:
        return PackEntry(source, path, pack=load_pack(path))
    except PackError as error:
        return PackEntry(source, path, error=str(error.problems[0]) if error.problems else str(error),
                         error_count=len(error.problems))


def _candidates(place: Path) -> Iterable[Path]:
    """A search path is a pack itself, or a folder whose children are packs."""
    if place.is_file():
        return [place]
    if not place.is_dir():
        return []
    if is_pack_folder(place):
        return [place]
    children = []
    for child in sorted(place.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir() and is_pack_folder(child):
            children.append(child)
        elif child.is_file() and child.suffix in YAML_SUFFIXES:
            children.append(child)
    return children


def describe(entry: PackEntry) -> str:
    """One line for `tutor packs`."""
    where = display_path(entry.path)
    if entry.provider:
        where = f"{where} ({entry.provider})"
    if entry.pack is None:
        more = f" (+{entry.error_count - 1} more)" if entry.error_count > 1 else ""
        return f"BROKEN  {where} [{entry.source}]: {entry.error}{more}"
    meta = entry.pack.meta
    return f"{meta.id} {meta.version}  {meta.title}: {plural(len(entry.pack.questions), 'question')}  {where} [{entry.source}]"
