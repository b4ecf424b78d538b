"""The pack index: what the home screen lists, kept from the last start, so the list with
its counts can be shown before any pack is parsed.

Loading the packs (YAML, the schema, every check) takes most of a start. The index keeps,
per pack found, only what the list shows (title, version, description, question ids, or
the first error of a broken pack), with the path, modification time and size of every
file under each place packs are looked for. It is used only while every one of those
files is as it was when the index was written (a file edited, added or removed, another
`--pack` or `TUTOR_PACKS`: no index), and never for anything but the list: the packs are
loaded and checked right after it is shown, and what they say replaces it. A missing,
unreadable or foreign index file is ignored; it lives in the cache dir and may be deleted
at any time. Standard library only: the home screen reads it before the pack schema loads.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

INDEX_VERSION = 1
INDEX_NAME = "pack-index.json"


@dataclass(frozen=True)
class QuestionOutline:
    id: str


@dataclass(frozen=True)
class ListedPack:
    """A pack as the index lists it. It has the `id` and the `questions` (ids only) of the
    pack it stands for, which is all the home screen's counts read (`tutor.study.counts`)."""

    id: str
    """The pack's own id (the key it is listed under may differ for a broken pack)."""
    title: str
    version: str
    description: str
    question_ids: tuple[str, ...]

    @property
    def questions(self) -> tuple[QuestionOutline, ...]:
        return tuple(QuestionOutline(question_id) for question_id in self.question_ids)


@dataclass(frozen=True)
class IndexedEntry:
    """One line of the list: a pack that loaded (`pack`) or a broken one (`error`)."""

    key: str
    title: str
    path: str
    builtin: bool
    requested: bool
    pack: ListedPack | None
    error: str | None


def fingerprint(places: Iterable[Path]) -> list[list[object]]:
    """[path, mtime in ns, size] of every file under each place (a file, or a folder walked
    whole), sorted; places that do not exist contribute nothing."""
    files: set[tuple[str, int, int]] = set()
    for place in places:
        if place.is_file():
            stat = place.stat()
            files.add((str(place), stat.st_mtime_ns, stat.st_size))
            continue
        for folder, _dirs, names in os.walk(place):
            for name in names:
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                except OSError:  # gone while we looked: the next start sees it
                    continue
                files.add((path, stat.st_mtime_ns, stat.st_size))
    return [list(item) for item in sorted(files)]


def _entry_places(roots: Sequence[Path], entries: Sequence[IndexedEntry]) -> list[Path]:
    """The packs found outside the roots (installed packages' packs) are watched too."""
    outside = [Path(entry.path) for entry in entries
               if not any(Path(entry.path).is_relative_to(root) for root in roots)]
    return [*roots, *outside]


def write_index(path: Path, roots: Sequence[Path], entries: Sequence[IndexedEntry]) -> None:
    """Keep `entries` as found under `roots` (written whole, then renamed into place, so a
    reader never sees half a file). A failure to write is ignored: the index is a shortcut."""
    document = {
        "version": INDEX_VERSION,
        "roots": [str(root) for root in roots],
        "files": fingerprint(_entry_places(roots, entries)),
        "entries": [_entry_to_dict(entry) for entry in entries],
    }
    text = json.dumps(document)
    try:
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            return  # the usual start: nothing changed
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        return


def read_index(path: Path, roots: Sequence[Path]) -> list[IndexedEntry] | None:
    """The entries kept at `path` if they were found under the same `roots` and no file
    there changed since; None otherwise (no index, another version, damaged, stale)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("version") != INDEX_VERSION or document.get("roots") != [str(root) for root in roots]:
            return None
        entries = [_entry_from_dict(item) for item in document["entries"]]
        if document["files"] != fingerprint(_entry_places(roots, entries)):
            return None
        return entries
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _entry_to_dict(entry: IndexedEntry) -> dict[str, object]:
    pack = entry.pack
    return {
        "key": entry.key, "title": entry.title, "path": entry.path, "builtin": entry.builtin,
        "requested": entry.requested, "error": entry.error,
        "pack": None if pack is None else {
            "id": pack.id, "title": pack.title, "version": pack.version,
            "description": pack.description, "question_ids": list(pack.question_ids),
        },
    }


def _entry_from_dict(item: dict[str, object]) -> IndexedEntry:
    pack = item["pack"]
    listed = None
    if pack is not None:
        if not isinstance(pack, dict):
            raise TypeError("pack")
        listed = ListedPack(str(pack["id"]), str(pack["title"]), str(pack["version"]), str(pack["description"]),
                            tuple(str(question_id) for question_id in pack["question_ids"]))
    error = item["error"]
    return IndexedEntry(str(item["key"]), str(item["title"]), str(item["path"]), bool(item["builtin"]),
                        bool(item["requested"]), listed, None if error is None else str(error))
