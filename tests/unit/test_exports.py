"""Both exports: the Markdown study sheet and the Anki deck."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

from tests.unit.packfiles import write_pack
from tutor.cli import main


def test_markdown_study_sheet(tmp_path, capsys):
    pack = write_pack(tmp_path / "pack")
    assert main(["export", "markdown", str(pack)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Demo pack\n\nA pack for tests.\n\nVersion 1.0 · Test Author · CC-BY-4.0\n\n## Basic\n")
    assert "### 2. What is a vanishing gradient?\n\n*q2 · rnn*\n\n- **a.** It shrinks\n- **b.** It grows\n" in text
    assert "> **Follow-up:** And exploding?\n>\n> The opposite.\n" in text


def test_anki_deck_has_one_note_per_question_with_stable_ids(tmp_path, capsys):
    pack = write_pack(tmp_path / "pack")
    deck = tmp_path / "deck.apkg"
    assert main(["export", "anki", str(pack), "-o", str(deck)]) == 0
    assert capsys.readouterr().out == f"wrote {deck} (2 notes)\n"
    notes_first = _notes(deck, tmp_path / "first")
    assert [fields.split("\x1f")[0] for _, fields in notes_first] == ["What is a vanishing gradient?"] * 2
    main(["export", "anki", str(pack), "-o", str(deck)])
    assert [guid for guid, _ in _notes(deck, tmp_path / "second")] == [guid for guid, _ in notes_first]


def _notes(deck: Path, folder: Path) -> list[tuple[str, str]]:
    with zipfile.ZipFile(deck) as archive:
        archive.extract("collection.anki2", folder)
    connection = sqlite3.connect(folder / "collection.anki2")
    try:
        return connection.execute("select guid, flds from notes order by id").fetchall()
    finally:
        connection.close()


def test_export_of_an_invalid_pack_exits_2(tmp_path, capsys):
    write_pack(tmp_path / "bad", "questions: []\n")
    assert main(["export", "markdown", str(tmp_path / "bad")]) == 2
    assert "questions: must be a non-empty list of questions" in capsys.readouterr().err
