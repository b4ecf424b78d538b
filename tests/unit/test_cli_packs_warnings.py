"""Two packs with one id, and TUTOR_PACKS entries that lead nowhere: said once, on stderr.

The most specific place wins a duplicate id (--pack, TUTOR_PACKS, the user's folder, an
installed package, the built-in content); `tutor packs` still lists every pack found.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.unit.packfiles import PACK_YAML, write_pack
from tutor.cli import main
from tutor.packs.discovery import discover, find_packs

ORDER = "(the most specific wins: --pack, TUTOR_PACKS, user, entry point, built-in)"


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def _titled(title: str) -> str:
    return PACK_YAML.replace("title: Demo pack", f"title: {title}")


def test_a_duplicate_id_is_listed_twice_and_the_command_line_pack_wins(capsys, monkeypatch):
    write_pack(Path("env") / "first", pack=_titled("From the environment"))
    write_pack(Path("mine"), pack=_titled("From the command line"))
    monkeypatch.setenv("TUTOR_PACKS", "env")
    assert main(["packs", "--pack", "mine"]) == 0
    captured = capsys.readouterr()
    assert [line for line in captured.out.splitlines()
            if "[built-in]" not in line and not line.startswith("Your packs: ")] == [
        "demo 1.0  From the environment: 2 questions  env/first [TUTOR_PACKS]",
        "demo 1.0  From the command line: 2 questions  mine [--pack]",
    ]
    assert captured.err == (
        "tutor packs: warning: pack id 'demo' is found 2 times: using mine [--pack], "
        f"ignoring env/first [TUTOR_PACKS] {ORDER}\n"
    )
    used = [entry for entry in discover([Path("mine")]) if entry.pack is not None and entry.pack.id == "demo"]
    assert [entry.pack.meta.title for entry in used] == ["From the command line"]


def test_the_user_folder_beats_the_builtin_pack_and_the_first_of_two_in_one_place_wins(isolated_home):
    builtin_id = find_packs().used[0].pack.id
    write_pack(isolated_home / "packs" / "a-copy", pack=PACK_YAML.replace("id: demo", f"id: {builtin_id}"))
    write_pack(Path("one"), pack=_titled("One"))
    write_pack(Path("two"), pack=_titled("Two"))
    found = find_packs([Path("one"), Path("two")])
    assert found.find(builtin_id).source == "user"
    assert found.find("demo").pack.meta.title == "One"
    assert [w.split(":")[0] for w in found.warnings] == sorted([f"pack id '{builtin_id}' is found 2 times", "pack id 'demo' is found 2 times"])
    assert found.find("nothing-like-it") is None


def test_tutor_packs_entries_that_lead_nowhere_are_named(capsys, monkeypatch, tmp_path):
    Path("empty").mkdir()
    write_pack(Path("real"))
    monkeypatch.setenv("TUTOR_PACKS", os.pathsep.join(["missing", "empty", "real"]))
    assert main(["packs"]) == 0
    captured = capsys.readouterr()
    assert "demo 1.0  Demo pack: 2 questions  real [TUTOR_PACKS]\n" in captured.out
    assert captured.err == (
        "tutor packs: warning: TUTOR_PACKS entry missing does not exist: ignored\n"
        "tutor packs: warning: TUTOR_PACKS entry empty holds no pack (no pack.yaml or .yaml file): ignored\n"
    )


def test_nothing_to_say_when_every_pack_is_found_once(capsys):
    write_pack(Path("mine"))
    assert main(["packs", "--pack", "mine"]) == 0
    assert capsys.readouterr().err == ""
