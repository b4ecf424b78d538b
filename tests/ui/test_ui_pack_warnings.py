"""The app says once what `tutor packs` warns about: a pack id found twice (and which pack
it uses), a TUTOR_PACKS entry that does not exist."""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from fakes import META, QUESTIONS, FakeClock, running

from tutor.service.backend import CoreBackend
from tutor.ui.app import TutorApp

ORDER = "(the most specific wins: --pack, TUTOR_PACKS, user, entry point, built-in)"


def write_pack(folder: Path, title: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(yaml.safe_dump({**META, "title": title}, allow_unicode=True), encoding="utf-8")
    (folder / "questions.yaml").write_text(yaml.safe_dump({"questions": QUESTIONS}, allow_unicode=True),
                                           encoding="utf-8")
    return folder


async def test_duplicate_ids_and_missing_tutor_packs_entries_are_notified_once(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_pack(Path("env") / "copy", "The environment's copy")
    mine = write_pack(Path("mine"), "My own copy")
    monkeypatch.setenv("TUTOR_PACKS", os.pathsep.join(["env", "gone"]))
    backend = CoreBackend([mine], store_path=tmp_path / "progress.sqlite3", clock=FakeClock())
    app = TutorApp(backend)
    try:
        async with running(app):
            warnings = [(n.message, n.severity) for n in app._notifications]
            assert warnings == [
                ("TUTOR_PACKS entry gone does not exist: ignored", "warning"),
                (f"pack id '{META['id']}' is found 2 times: using mine [--pack], ignoring env/copy [TUTOR_PACKS] {ORDER}",
                 "warning"),
            ]
            same_id = [entry for entry in app.entries if entry.id.startswith(META["id"])]
            assert [(entry.id, entry.title) for entry in same_id] == [(META["id"], "My own copy")]
            assert app.pack_id == META["id"] and app.pack.meta.title == "My own copy"
    finally:
        backend.close()


async def test_no_notification_when_every_pack_is_found_once(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    backend = CoreBackend([write_pack(Path("mine"), "Mine")], store_path=tmp_path / "progress.sqlite3",
                          clock=FakeClock())
    app = TutorApp(backend)
    try:
        async with running(app):
            assert list(app._notifications) == []
    finally:
        backend.close()
