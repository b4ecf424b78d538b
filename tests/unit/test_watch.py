"""The watcher reloads a changed pack and keeps the last good one when a save breaks it."""

from __future__ import annotations

import os

from tests.unit.packfiles import questions_yaml, write_pack
from tutor.packs.watch import PackWatcher


def touch_later(path, text):
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))


def test_reloads_on_change_and_reports_a_broken_save(tmp_path):
    folder = write_pack(tmp_path / "pack", questions_yaml("q1"))
    watcher = PackWatcher(folder)
    assert watcher.poll() is True
    assert [q.id for q in watcher.pack.questions] == ["q1"]
    assert watcher.poll() is False

    touch_later(folder / "questions.yaml", questions_yaml("q1", "q2"))
    assert watcher.poll() is True
    assert [q.id for q in watcher.pack.questions] == ["q1", "q2"]

    touch_later(folder / "questions.yaml", questions_yaml("q1").replace("level: basic", "level: nope"))
    assert watcher.poll() is True
    assert [q.id for q in watcher.pack.questions] == ["q1", "q2"]  # the last good pack stays
    assert len(watcher.errors) == 1
    assert watcher.errors[0].endswith(
        "questions.yaml:3:12: questions[0].level: invalid level 'nope' (expected one of basic, intermediate, advanced)"
    )

    touch_later(folder / "questions.yaml", questions_yaml("q3"))
    assert watcher.poll() is True
    assert watcher.errors == [] and [q.id for q in watcher.pack.questions] == ["q3"]
