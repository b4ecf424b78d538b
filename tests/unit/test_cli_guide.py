"""`tutor guide`, and every command the guide shows: it must run as written.

Commands on their own line in a code block are run in order, in a fresh folder with its
own TUTOR_HOME (a `cd` moves into the folder made before it); those that open the app
are parsed by the real parser instead. Commands quoted inline in the prose are parsed,
unless they are a synopsis (`[--seeds N]`, `PATH...`).
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from tutor import paths
from tutor.cli import build_parser, main

GUIDE = Path(__file__).resolve().parents[2] / "content" / "README.md"
OPENS_THE_APP = {None, "serve"}


def test_guide_prints_the_authoring_guide_and_its_path(capsys):
    assert main(["guide"]) == 0
    assert capsys.readouterr().out == GUIDE.read_text(encoding="utf-8")
    assert main(["guide", "--path"]) == 0
    assert capsys.readouterr().out == f"{paths.builtin_content_dir() / 'README.md'}\n"
    assert paths.builtin_content_dir() / "README.md" == GUIDE


def test_a_missing_guide_is_one_line_and_exit_2(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "builtin_content_dir", lambda: tmp_path)
    assert main(["guide"]) == 2
    assert capsys.readouterr().err == f"tutor guide: {tmp_path / 'README.md'}: No such file or directory\n"


def test_the_scaffold_points_to_the_guide(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "my-pack"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "created my-pack/pack.yaml",
        "created my-pack/questions.yaml",
        "next: edit the questions, then run `tutor validate my-pack` and `tutor check my-pack`",
        "the authoring guide explains every field: `tutor guide` (or `tutor guide --path` for the file)",
    ]
    questions = (tmp_path / "my-pack" / "questions.yaml").read_text(encoding="utf-8")
    assert "# The authoring guide explains each field: run `tutor guide`" in questions


def code_blocks(text: str) -> list[list[str]]:
    """The shell lines (`tutor …`, `cd …`) of each code block, fenced or indented."""
    blocks: list[list[str]] = []
    current: list[str] | None = None
    fenced = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            current = [] if fenced else None
            if fenced:
                blocks.append(current)
            continue
        in_block = fenced or line.startswith("    ")
        if not in_block:
            current = None if line.strip() else current
            continue
        if current is None:
            current = []
            blocks.append(current)
        words = line.split()
        if words and words[0] in ("tutor", "cd"):
            current.append(line.strip())
    return [block for block in blocks if block]


def inline_commands(text: str) -> list[str]:
    """`tutor …` quoted in the prose, without synopses (brackets, `...`, `|`)."""
    import re

    found = re.findall(r"`(tutor(?: [^`]*)?)`", text)
    return [c for c in found if not any(mark in c for mark in ("[", "...", "|"))]


def parse_problem(command: str) -> str | None:
    """None when the real parser accepts `command`, else what it said.

    `tutor check` alone in the prose names the command: it only has to exist.
    """
    import contextlib
    import io

    from tutor.cli import COMMANDS

    words = shlex.split(command)
    if len(words) == 2 and not words[1].startswith("-"):
        return None if words[1] in COMMANDS else f"no command '{words[1]}'"
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        try:
            build_parser().parse_args(shlex.split(command)[1:])
        except SystemExit as stop:
            if stop.code:
                return stderr.getvalue().strip().splitlines()[-1]
    return None


def test_every_command_in_the_guides_code_blocks_runs(tmp_path, monkeypatch, capsys):
    blocks = code_blocks(GUIDE.read_text(encoding="utf-8"))
    ran, parsed = [], []
    for block in blocks:
        folder = tmp_path
        for line in block:
            words = shlex.split(line, comments=True)
            if words[0] == "cd":
                folder = folder / words[1]
                continue
            monkeypatch.chdir(folder)
            args = build_parser().parse_args(words[1:])
            if args.command in OPENS_THE_APP:
                parsed.append(line)
                continue
            code = main(words[1:])
            captured = capsys.readouterr()
            assert code == 0, f"{line!r} in {folder} exited {code}: {captured.err}"
            ran.append(shlex.join(words))
    assert ran[:4] == [
        "tutor new my-pack --title 'Attention, step by step'",
        "tutor validate .",
        "tutor check .",
        "tutor validate my-pack",
    ]
    assert [shlex.split(line, comments=True) for line in parsed] == [["tutor", "--pack", "."]]


def test_every_command_quoted_in_the_guide_parses():
    commands = inline_commands(GUIDE.read_text(encoding="utf-8"))
    assert "tutor export anki PACK -o deck.apkg" in commands and "tutor guide --path" in commands
    assert {command: parse_problem(command) for command in commands} == dict.fromkeys(commands)


@pytest.mark.parametrize(
    ("command", "problem"),
    [
        ("tutor --pack . study", "tutor: error: argument COMMAND: invalid choice: 'study' (choose from "),
        ("tutor validate --strict", "tutor validate: error: the following arguments are required: PATH"),
        ("tutor study", "no command 'study'"),
    ],
)
def test_a_command_that_is_not_real_is_caught(command, problem):
    assert parse_problem(command).startswith(problem)


def test_the_guides_table_of_evidence_names_every_series_and_scalar_a_claim_can_use() -> None:
    """An instructor's trial found `tutor sim lstm --json` reporting `hidden_first_over_last`,
    which the guide's table left out (it had fallen behind the catalog in a dozen rows)."""
    import re

    from tutor.evidence.registry import all_specs

    listed: dict[str, set[str]] = {}
    for line in GUIDE.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if line.startswith("| `") and len(cells) == 4 and cells[1] in ("simulation", "derivation"):
            for name in re.findall(r"`([^`]+)`", cells[0]):
                listed[name] = set(re.findall(r"`([^`]+)`", cells[2] + cells[3]))
    assert {name: listed.get(name) for name in sorted(listed)} == {
        spec.name: {*spec.series, *spec.scalars} for spec in sorted(all_specs(), key=lambda spec: spec.name)}
