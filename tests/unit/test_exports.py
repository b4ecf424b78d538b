"""Both exports: the Markdown study sheet and the Anki deck."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

from tests.unit.packfiles import questions_yaml, write_pack
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


def test_both_exports_take_a_pack_id_as_tutor_packs_lists_it(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_pack(tmp_path / "packs" / "by-id")
    monkeypatch.setenv("TUTOR_PACKS", str(tmp_path / "packs"))
    assert main(["export", "markdown", "demo"]) == 0
    assert capsys.readouterr().out.startswith("# Demo pack\n\nA pack for tests.\n")
    assert main(["export", "anki", "demo"]) == 0
    assert capsys.readouterr().out == "wrote demo.apkg (2 notes)\n"
    assert len(_notes(tmp_path / "demo.apkg", tmp_path / "unpacked")) == 2
    assert main(["export", "markdown", "rnn-gradients", "-o", "sheet.md"]) == 0
    assert capsys.readouterr().out.startswith("wrote sheet.md (")
    assert (tmp_path / "sheet.md").read_text(encoding="utf-8").startswith("# Vanishing and exploding gradients in RNNs\n")


def test_an_unknown_pack_id_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for export_format in ("markdown", "anki"):
        assert main(["export", export_format, "no-such-pack"]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err == ("tutor export: no pack 'no-such-pack': not a file or folder, "
                                "nor the id of a pack found (see `tutor packs`)\n")
    assert main(["export", "markdown", "missing/pack"]) == 2
    assert capsys.readouterr().err == "missing/pack: no such file or folder\n"


def test_a_multi_line_prompt_and_follow_up_stay_whole(tmp_path, capsys):
    questions = questions_yaml("q1").replace(
        "prompt: What is a vanishing gradient?",
        "prompt: |\n          Given h_t = tanh(w h_{t-1}),\n\n          what is a vanishing gradient?",
    ).replace(
        "answer: The opposite.",
        "answer: |\n              The opposite:\n              it grows.",
    )
    pack = write_pack(tmp_path / "pack", questions)
    assert main(["export", "markdown", str(pack)]) == 0
    text = capsys.readouterr().out
    assert ("## Basic\n\n### 1.\n\nGiven h_t = tanh(w h_{t-1}),\n\nwhat is a vanishing gradient?\n\n*q1 · rnn*\n"
            in text)
    assert "> **Follow-up:** And exploding?\n>\n> The opposite:\n> it grows.\n" in text
