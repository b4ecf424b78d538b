"""Question files read in a forked child give exactly what reading them here gives."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tests.unit.packfiles import questions_yaml, write_pack
from tutor.packs import file_reading
from tutor.packs.file_reading import read_question_files
from tutor.packs.loader import load_pack
from tutor.packs.problems import PackError
from tutor.packs.yaml_reader import Document

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def mixed_pack() -> Path:
    """Five question files: good ones in both halves, a syntax error, a duplicate key, an empty file."""
    folder = write_pack(Path("pack"), questions_yaml("q1"))
    (folder / "b.yaml").write_text(questions_yaml("q2", "q3"), encoding="utf-8")
    (folder / "c.yaml").write_text("questions: [unclosed\n", encoding="utf-8")
    (folder / "d.yaml").write_text(questions_yaml("q4") + "questions: []\n", encoding="utf-8")
    (folder / "e.yaml").write_text("", encoding="utf-8")
    (folder / "f.yaml").write_text(questions_yaml("q5"), encoding="utf-8")
    return folder


def comparable(outcomes) -> list:
    return [(o.file, o.data, o.text) if isinstance(o, Document) else [str(p) for p in o] for o in outcomes]


def question_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob("*.yaml") if path.name != "pack.yaml")


def test_forked_and_single_process_reading_agree_file_by_file() -> None:
    files = question_files(mixed_pack())
    here = read_question_files(files, fork=False)
    forked = read_question_files(files, fork=True)
    assert comparable(forked) == comparable(here)
    kinds = ["ok" if isinstance(o, Document) else "problems" for o in forked]
    assert kinds == ["ok", "problems", "problems", "problems", "ok", "ok"]  # b c d e f questions
    assert [str(p) for p in forked[2]] == ["pack/d.yaml:19:1: duplicate key 'questions' (first defined on line 1)"]


def test_a_pack_read_forked_reports_the_same_lines(monkeypatch) -> None:
    folder = mixed_pack()
    with pytest.raises(PackError) as single:
        load_pack(folder)
    monkeypatch.setattr(file_reading, "_fork_pays", lambda sizes: True)
    with pytest.raises(PackError) as forked:
        load_pack(folder)
    assert forked.value.lines() == single.value.lines()
    assert "pack/c.yaml:2:1: YAML syntax error: did not find expected ',' or ']'" in forked.value.lines()


def test_a_child_that_dies_is_made_up_for_here(monkeypatch) -> None:
    files = question_files(mixed_pack())
    monkeypatch.setattr(file_reading, "_child_reads", lambda files, read_end, write_end: os._exit(3))
    assert comparable(read_question_files(files, fork=True)) == comparable(read_question_files(files, fork=False))


def test_forking_only_pays_for_big_packs_in_a_single_threaded_process(monkeypatch) -> None:
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    big = [file_reading.PARALLEL_MIN_BYTES // 2] * 2
    assert file_reading._fork_pays(big)
    assert not file_reading._fork_pays([file_reading.PARALLEL_MIN_BYTES])  # one file: nothing to share
    assert not file_reading._fork_pays([10, 10])  # small: a process costs more than it saves
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert not file_reading._fork_pays(big)  # another thread may hold a lock the child would inherit


def test_the_split_balances_bytes_and_leaves_no_side_empty() -> None:
    assert file_reading._balanced_split([10, 10, 10, 10]) == 2
    assert file_reading._balanced_split([100, 1, 1]) == 1
    assert file_reading._balanced_split([1, 1, 100]) == 2
    assert file_reading._balanced_split([5, 5]) == 1


def test_loading_leaves_the_pack_in_the_oldest_generation_and_nothing_frozen() -> None:
    """Left in the youngest generation, a big pack made the next young collection scan it
    all (0.13 s of `tutor validate` for 5,000 questions); frozen for good, a reloaded
    pack could never be collected."""
    import gc

    gc.unfreeze()  # the app's Pilot tests freeze their imports in this process (tutor.memory)
    folder = write_pack(Path("pack"), questions_yaml(*(f"q{n}" for n in range(200))))
    load_pack(folder)
    young, middle, _ = gc.get_count()
    assert young < 50 and middle == 0
    assert gc.get_freeze_count() == 0


def test_loading_keeps_what_someone_else_froze_frozen() -> None:
    import gc

    folder = write_pack(Path("pack"), questions_yaml("q1"))
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        load_pack(folder)
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()
