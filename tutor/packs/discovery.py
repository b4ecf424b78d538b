"""Find packs: the built-in ones, the user's packs folder, `$TUTOR_PACKS` and `--pack`.

A broken pack found on a search path is listed with its first error rather than
stopping the search: one bad download must not hide every other pack.

Two packs with one id would share one history of progress (progress is kept by pack
id), so only one of them is used: the most specific place wins, in the order of
`PRECEDENCE` (a pack named with --pack over one in TUTOR_PACKS, over the user's
folder, over an installed package's, over the built-in one); within one place the
first found wins. The others are still listed by `tutor packs`, and a warning says
which one is used. A TUTOR_PACKS entry that is missing or holds no pack gets a
warning too, rather than being ignored in silence.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

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
    problems: tuple[str, ...] = ()
    """Every problem of a broken pack, the cause first (`PackError.lines`): its detail shows them."""

    @property
    def ok(self) -> bool:
        return self.pack is not None


# Most specific first: where a pack id is found twice, the earlier source here wins.
PRECEDENCE = (COMMAND_LINE, ENVIRONMENT, USER, ENTRY_POINT, BUILTIN)


@dataclass(frozen=True)
class Discovery:
    """Every pack found (built-in first), the ones used, and warnings for the learner."""

    entries: tuple[PackEntry, ...]
    used: tuple[PackEntry, ...]
    """`entries` without the packs whose id a more specific pack took (broken ones stay)."""
    warnings: tuple[str, ...]
    """One line each: an id found twice (and which pack is used), a TUTOR_PACKS entry ignored."""

    def find(self, pack_id: str) -> PackEntry | None:
        """The pack used for `pack_id`, if any pack has that id."""
        return next((e for e in self.used if e.pack is not None and e.pack.id == pack_id), None)


def discover(extra: Sequence[Path] = (), *, include_builtin: bool = True) -> list[PackEntry]:
    """The packs to use, built-in first: each path once, each pack id once (see `PRECEDENCE`)."""
    return list(find_packs(extra, include_builtin=include_builtin).used)


def find_packs(extra: Sequence[Path] = (), *, include_builtin: bool = True) -> Discovery:
    """Every pack found, which of them are used, and what the learner should be told."""
    entries = _all_entries(extra, include_builtin=include_builtin)
    winners = _winners(entries)
    used = tuple(e for e in entries if e.pack is None or winners[e.pack.id] is e)
    warnings = _missing_environment_paths() + _duplicate_warnings(entries, winners)
    return Discovery(tuple(entries), used, tuple(warnings))


def chosen_packs(extra: Sequence[Path]) -> list[PackEntry]:
    """The loaded packs a command works on: those given with --pack, else every pack found.
    Raises `LookupError` with one line when a pack given with --pack does not load: a command
    asked for it must say so rather than quietly work on nothing."""
    entries = discover(extra, include_builtin=not extra)
    broken = next((e for e in entries if e.source == COMMAND_LINE and e.pack is None), None)
    if broken is not None:
        raise LookupError(broken.error or f"{display_path(broken.path)}: could not be loaded")
    loaded = [e for e in entries if e.pack is not None]
    return [e for e in loaded if e.source == COMMAND_LINE] if extra else loaded


def pack_location(argument: str, extra: Sequence[Path] = ()) -> Path:
    """What a command's PACK argument names: a pack folder or file, or the id of a pack found.

    A path that exists is used as given; so is one that reads like a path (a separator, a
    .yaml suffix), so that loading it reports what is wrong with it. Anything else is
    looked up as a pack id among the packs used (see `PRECEDENCE`). Raises `LookupError`
    with one line when it is neither.
    """
    path = Path(argument)
    if path.exists() or "/" in argument or os.sep in argument or path.suffix in YAML_SUFFIXES:
        return path
    entry = find_packs(extra).find(argument)
    if entry is None:
        raise LookupError(f"no pack '{argument}': not a file or folder, nor the id of a pack found (see `tutor packs`)")
    return entry.path


def _winners(entries: Sequence[PackEntry]) -> dict[str, PackEntry]:
    """For each pack id, the entry from the most specific source (the first found on a tie)."""
    winners: dict[str, PackEntry] = {}
    for entry in sorted((e for e in entries if e.pack is not None), key=lambda e: PRECEDENCE.index(e.source)):
        assert entry.pack is not None  # filtered above
        winners.setdefault(entry.pack.id, entry)
    return winners


def _duplicate_warnings(entries: Sequence[PackEntry], winners: dict[str, PackEntry]) -> list[str]:
    warnings = []
    for pack_id, winner in sorted(winners.items()):
        losers = [e for e in entries if e.pack is not None and e.pack.id == pack_id and e is not winner]
        if losers:
            ignored = "; ".join(f"{display_path(e.path)} [{e.source}]" for e in losers)
            warnings.append(f"pack id '{pack_id}' is found {len(losers) + 1} times: using "
                            f"{display_path(winner.path)} [{winner.source}], ignoring {ignored} "
                            f"(the most specific wins: {', '.join(PRECEDENCE)})")
    return warnings


def _missing_environment_paths() -> list[str]:
    warnings = []
    for place in paths.extra_pack_paths():
        if not place.exists():
            warnings.append(f"TUTOR_PACKS entry {place} does not exist: ignored")
        elif not _candidates(place):
            warnings.append(f"TUTOR_PACKS entry {place} holds no pack (no pack.yaml or .yaml file): ignored")
    return warnings


def _all_entries(extra: Sequence[Path], *, include_builtin: bool) -> list[PackEntry]:
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
        found.append(PackEntry(entry.source, entry.path, entry.pack, entry.error, entry.error_count, provider,
                               entry.problems))
    return found


def load_entry(source: str, path: Path) -> PackEntry:
    """Load one pack, turning a `PackError` into an entry that carries the first error."""
    try:
        return PackEntry(source, path, pack=load_pack(path))
    except PackError as error:
        return PackEntry(source, path, error=str(error.problems[0]) if error.problems else str(error),
                         error_count=len(error.problems), problems=tuple(error.lines()))


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
    questions = plural(len(entry.pack.questions), "question")
    return f"{meta.id} {meta.version}  {meta.title}: {questions}  {where} [{entry.source}]"
