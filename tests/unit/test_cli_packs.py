"""`tutor validate`, `tutor packs` and the top-level options, run in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.packfiles import questions_yaml, write_pack
from tutor import __version__
from tutor.cli import main


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def test_version(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"evidence-tutor {__version__}\n"


@pytest.mark.parametrize("command", ["validate", "packs", "sim", "derive"])
def test_every_subcommand_has_help(command, capsys):
    with pytest.raises(SystemExit) as caught:
        main([command, "--help"])
    assert caught.value.code == 0
    assert f"usage: tutor {command}" in capsys.readouterr().out


def test_validate_prints_a_summary_per_pack(capsys):
    write_pack(Path("good"))
    assert main(["validate", "good"]) == 0
    assert capsys.readouterr().out == (
        "good: demo 1.0: 2 questions; levels: basic 2, intermediate 0, advanced 0; "
        "checks: self 0, choice 2, numeric 0, symbolic 0, concepts 0, matrix 0\n"
    )


def test_validate_reports_every_error_and_exits_2(capsys):
    write_pack(Path("good"))
    write_pack(Path("bad"), questions_yaml("q1").replace("level: basic", "level: expert"))
    assert main(["validate", "good", "bad"]) == 2
    captured = capsys.readouterr()
    assert captured.out.startswith("good: demo 1.0: 2 questions")
    assert captured.err == (
        "bad/questions.yaml:3:12: questions[0].level: invalid level 'expert' "
        "(expected one of basic, intermediate, advanced)\n"
        "bad: 1 problem\n"
    )


def test_validate_without_paths_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["validate"])
    assert caught.value.code == 2
    assert "the following arguments are required: PATH" in capsys.readouterr().err


def test_packs_lists_builtin_user_env_and_cli_packs_broken_ones_with_first_error(capsys, monkeypatch, isolated_home):
    write_pack(isolated_home / "packs" / "mine")
    env_pack = write_pack(Path("env-packs") / "other", pack=_pack_with_id("other"))
    write_pack(Path("broken"), "questions: []\n")
    monkeypatch.setenv("TUTOR_PACKS", str(env_pack.parent))
    assert main(["packs", "--pack", "broken"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if "[built-in]" not in line]
    assert lines == [
        f"demo 1.0  Demo pack: 2 questions  {isolated_home / 'packs' / 'mine'} [user]",
        "other 1.0  Demo pack: 2 questions  env-packs/other [TUTOR_PACKS]",
        "BROKEN  broken [--pack]: broken/questions.yaml:1:12: questions: must be a non-empty list of questions",
        f"Your packs: {isolated_home / 'packs'} (1 pack)",
    ]


@pytest.mark.parametrize("made", [False, True])
def test_packs_says_where_the_users_packs_folder_is_when_it_holds_none(capsys, isolated_home, made):
    """The authoring guide sends a learner to `tutor packs` to find the folder; it printed it
    only when no pack at all was found, which the built-in packs never let happen."""
    if made:
        (isolated_home / "packs").mkdir()
    assert main(["packs"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == f"Your packs: {isolated_home / 'packs'} (empty: put a pack folder or .yaml file there)"
    assert sum(line.startswith("Your packs: ") for line in lines) == 1


def _pack_with_id(pack_id: str) -> str:
    from tests.unit.packfiles import PACK_YAML

    return PACK_YAML.replace("id: demo", f"id: {pack_id}")


def test_sim_and_derive_refuse_unknown_names(capsys):
    assert main(["sim", "nope"]) == 2
    assert capsys.readouterr().err.startswith("tutor sim: unknown evidence 'nope' (known: rnn, ")
    assert main(["sim", "activation-bounds"]) == 2
    assert capsys.readouterr().err == "tutor sim: 'activation-bounds' is a derivation: run `tutor derive activation-bounds`\n"
    assert main(["derive", "rnn"]) == 2
    assert capsys.readouterr().err == "tutor derive: 'rnn' is a simulation: run `tutor sim rnn`\n"


def test_sim_refuses_out_of_range_parameters_in_one_line(capsys):
    assert main(["sim", "rnn", "--steps", "20000"]) == 2
    assert capsys.readouterr().err == "tutor sim: rnn: --steps: 20000 is above the maximum 10000\n"
    assert main(["sim", "rnn", "--activation", "softmax"]) == 2
    assert capsys.readouterr().err == "tutor sim: rnn: --activation: 'softmax' is not one of tanh, sigmoid, relu, linear\n"
