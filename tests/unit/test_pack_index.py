"""The pack index: the home screen's list kept from the last start, used only while every
file under the places packs come from is as it was, and never in place of a loaded pack."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from tutor.packs.index import INDEX_NAME, IndexedEntry, ListedPack, fingerprint, read_index, write_index
from tutor.paths import cache_dir
from tutor.service.backend import CoreBackend
from tutor.store import open_store
from tutor.study.counts import pack_counts

META = {"id": "mini", "title": "Mini pack", "version": "1.2", "description": "Two questions\n about RNNs.",
        "authors": ["tests"], "license": "MIT"}
QUESTIONS = [
    {"id": "q1", "topics": ["rnn"], "level": "basic", "prompt": "Why?", "answer": "Because.", "explanation": "So.",
     "check": {"kind": "self"}},
    {"id": "q2", "topics": ["rnn"], "level": "basic", "prompt": "How?", "answer": "Like so.", "explanation": "So.",
     "check": {"kind": "self"}},
]


def write_pack(folder: Path, meta: dict = META, questions: list[dict] = QUESTIONS) -> Path:
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(yaml.safe_dump(meta), encoding="utf-8")
    (folder / "questions.yaml").write_text(yaml.safe_dump({"questions": questions}), encoding="utf-8")
    return folder


ENTRY = IndexedEntry("mini", "Mini pack", "", False, True, ListedPack("mini", "Mini pack", "1.2", "Two", ("q1", "q2")),
                     None)
BROKEN = IndexedEntry("bad.yaml", "bad.yaml", "", False, False, None, "bad.yaml:1:1: oops")


@pytest.fixture
def place(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "packs" / "mini")


def index_at(tmp_path: Path, place: Path) -> Path:
    index = tmp_path / "cache" / INDEX_NAME
    write_index(index, [place], [ENTRY, BROKEN])
    return index


def test_the_index_reads_back_what_was_written_while_no_file_changed(tmp_path: Path, place: Path) -> None:
    index = index_at(tmp_path, place)
    assert read_index(index, [place]) == [ENTRY, BROKEN]
    assert [row[0] for row in fingerprint([place])] == [str(place / "pack.yaml"), str(place / "questions.yaml")]


@pytest.mark.parametrize("change", ["edited", "touched", "added", "removed", "pack removed"])
def test_a_pack_file_changed_since_makes_the_index_stale(tmp_path: Path, place: Path, change: str) -> None:
    index = index_at(tmp_path, place)
    questions = place / "questions.yaml"
    if change == "edited":  # same modification time, another size
        stat = questions.stat()
        questions.write_text(questions.read_text(encoding="utf-8") + "# more\n", encoding="utf-8")
        os.utime(questions, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    elif change == "touched":  # same size, another modification time
        stat = questions.stat()
        os.utime(questions, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    elif change == "added":
        (place / "more.yaml").write_text("questions: []\n", encoding="utf-8")
    elif change == "removed":
        questions.unlink()
    else:
        shutil.rmtree(place)
    assert read_index(index, [place]) is None


def test_other_places_or_a_damaged_or_foreign_index_are_ignored(tmp_path: Path, place: Path) -> None:
    index = index_at(tmp_path, place)
    assert read_index(index, [place, tmp_path / "elsewhere"]) is None  # another --pack or TUTOR_PACKS
    assert read_index(tmp_path / "missing.json", [place]) is None
    for text in ["{", "[]", '{"version": 1}', '{"version": 99, "roots": [], "files": [], "entries": []}',
                 index.read_text(encoding="utf-8").replace('"question_ids": ["q1", "q2"]', '"question_ids": 3')]:
        index.write_text(text, encoding="utf-8")
        assert read_index(index, [place]) is None


def test_a_pack_outside_the_places_looked_in_is_watched_too(tmp_path: Path, place: Path) -> None:
    installed = write_pack(tmp_path / "site-packages" / "other")  # as an installed package's pack
    index = tmp_path / INDEX_NAME
    write_index(index, [place], [ENTRY, IndexedEntry("other", "Other", str(installed), False, False, None, "x")])
    assert read_index(index, [place]) is not None
    (installed / "pack.yaml").write_text("id: other\n", encoding="utf-8")
    assert read_index(index, [place]) is None


def test_the_backend_lists_from_the_index_what_loading_the_packs_finds(tmp_path: Path) -> None:
    mini = write_pack(tmp_path / "mini")
    first = CoreBackend([mini], store_path=tmp_path / "progress.sqlite3")
    assert first.listed_packs() is None  # no index before the first start
    loaded = first.packs()  # writes the index
    first.close()
    assert (cache_dir() / INDEX_NAME).is_file()

    second = CoreBackend([mini], store_path=tmp_path / "progress.sqlite3")
    listed = second.listed_packs()
    assert listed is not None
    entries, counts = listed
    assert [(e.id, e.title, e.source, e.builtin, e.requested, e.error, e.pack) for e in entries] == [
        (e.id, e.title, e.source, e.builtin, e.requested, e.error, None) for e in loaded]
    mine = next(e for e in entries if e.id == "mini")
    assert mine.listed == ListedPack("mini", "Mini pack", "1.2", "Two questions\n about RNNs.", ("q1", "q2"))
    real = next(e.pack for e in second.packs() if e.id == "mini")
    assert counts["mini"] == second.counts(real) == pack_counts(real, second.store, second.clock(), new_per_day=20)
    second.close()

    shutil.rmtree(mini)  # the pack is gone: the index lists nothing, loading says what is there
    third = CoreBackend([mini], store_path=tmp_path / "progress.sqlite3")
    assert third.listed_packs() is None
    assert [e.usable for e in third.packs() if e.id != "mini" and e.requested] == [False]
    third.close()


def test_counts_of_a_listed_pack_are_the_counts_of_the_pack(tmp_path: Path) -> None:
    """The index stands for the pack in `pack_counts`: its id and question ids are all it reads."""
    store = open_store(tmp_path / "progress.sqlite3")
    mini = CoreBackend([write_pack(tmp_path / "mini")], store_path=tmp_path / "progress.sqlite3")
    real = next(e.pack for e in mini.packs() if e.id == "mini")
    listed = ListedPack("mini", "Mini pack", "1.2", "", ("q1", "q2"))
    now = mini.clock()
    assert pack_counts(listed, store, now, new_per_day=1) == pack_counts(real, store, now, new_per_day=1)
    assert pack_counts(listed, store, now, new_per_day=1).new == 1
    mini.close()
    store.close()
