"""Read a pack's question files, on two cores when that pays.

Reading YAML is most of the time it takes to validate a large pack, and libyaml holds
the GIL, so threads cannot share the work. On systems with `fork`, a forked child reads
the second half of the files (by size) while this process reads the first half; the
child sends what it read back pickled through a pipe (bytes from our own fork, so safe
to unpickle). For a 6 MB pack this takes reading from about 0.6 s to 0.4 s.

A fork copies only the calling thread: a lock another thread held at that moment stays
held in the child for ever. So the files are read in one process whenever another
thread is running (the app reads packs in worker threads), on systems without `fork`,
and for small packs, where starting a process costs more than it saves. If the child
fails in any way, its files are read here instead: the outcome never depends on the
path taken.
"""

from __future__ import annotations

import os
import pickle
import threading
from pathlib import Path

from tutor.packs.problems import PackError, Problem, display_path
from tutor.packs.yaml_reader import Document, read_yaml

PARALLEL_MIN_BYTES = 1_000_000
"""Below this many bytes of question files, one process reads them all."""

Outcome = Document | list[Problem]
"""A file read (its Document) or refused (its problems)."""


def read_question_files(files: list[Path], *, fork: bool | None = None) -> list[Outcome]:
    """One outcome per file, in order. `fork`: None decides by the rules above; tests
    force either path."""
    sizes = [_size(file) for file in files]
    if fork is None:
        fork = _fork_pays(sizes)
    if not fork or len(files) < 2:
        return [read_one(file) for file in files]
    split = _balanced_split(sizes)
    return _read_forked(files[:split], files[split:])


def read_one(file: Path) -> Outcome:
    try:
        return read_yaml(file, display_path(file))
    except PackError as error:
        return error.problems


def _fork_pays(sizes: list[int]) -> bool:
    return (
        hasattr(os, "fork")
        and len(sizes) >= 2
        and sum(sizes) >= PARALLEL_MIN_BYTES
        and threading.active_count() == 1
    )


def _balanced_split(sizes: list[int]) -> int:
    """The index that splits the files into two runs of about equal bytes, each non-empty."""
    half, running = sum(sizes) / 2, 0
    for index, size in enumerate(sizes):
        running += size
        if running >= half:
            return min(max(index + 1, 1), len(sizes) - 1)
    return len(sizes) - 1


def _read_forked(ours: list[Path], theirs: list[Path]) -> list[Outcome]:
    read_end, write_end = os.pipe()
    try:
        child = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return [read_one(file) for file in ours + theirs]
    if child == 0:  # pragma: no cover - runs in the child, which leaves through os._exit
        _child_reads(theirs, read_end, write_end)
    os.close(write_end)
    try:
        mine = [read_one(file) for file in ours]
    finally:
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(child, 0)
    received = _unpickled(payload, len(theirs)) if status == 0 else None
    return mine + (received if received is not None else [read_one(file) for file in theirs])


def _child_reads(files: list[Path], read_end: int, write_end: int) -> None:  # pragma: no cover
    """Read `files`, send the outcomes, and leave at once (no cleanup of the parent's state)."""
    status = 1
    try:
        os.close(read_end)
        payload = pickle.dumps([read_one(file) for file in files], protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        status = 0
    finally:
        os._exit(status)


def _unpickled(payload: bytes, expected: int) -> list[Outcome] | None:
    try:
        outcomes = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - a child cut short: read its files here instead
        return None
    return outcomes if isinstance(outcomes, list) and len(outcomes) == expected else None


def _size(file: Path) -> int:
    try:
        return file.stat().st_size
    except OSError:
        return 0  # read_one reports the file's problem
