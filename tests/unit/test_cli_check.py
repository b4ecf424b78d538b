"""`tutor new` -> `tutor validate` -> `tutor check`, and check's exact failure lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.cli import main


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def scaffold(capsys) -> Path:
    assert main(["new", "mine", "--title", "Mine"]) == 0
    capsys.readouterr()
    return Path("mine")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_scaffold_validates_and_checks_green(capsys):
    folder = scaffold(capsys)
    assert main(["validate", str(folder)]) == 0
    assert capsys.readouterr().out == (
        "mine: mine 0.1.0: 6 questions; levels: basic 1, intermediate 3, advanced 2; "
        "checks: self 1, choice 1, numeric 1, symbolic 1, concepts 1, matrix 1\n"
    )
    assert main(["check", str(folder)]) == 0
    captured = capsys.readouterr()
    assert captured.out == (
        "mine: 6 questions, 41 checks\n"
        "  check         run  failed\n"
        "  answer          5       0\n"
        "  sample         20       0\n"
        "  evidence       10       0\n"
        "  caption         1       0\n"
        "  rubric          5       0\n"
        "all checks hold\n"
    )
    assert captured.err.splitlines()[0] == "checking vanishing-definition (1/41)"


def test_scaffold_refuses_a_non_empty_folder(capsys):
    scaffold(capsys)
    assert main(["new", "mine"]) == 2
    assert capsys.readouterr().err == "tutor new: mine: already exists and is not an empty folder\n"


def test_false_claim_wrong_answer_and_failing_sample_exit_1_with_exact_lines(capsys):
    folder = scaffold(capsys)
    questions = folder / "questions.yaml"
    edit(questions, '{scalar: max_tanh_prime, op: "==", value: 1}', '{scalar: max_tanh_prime, op: "==", value: 2}')
    edit(questions, "Its cell state is updated additively", "Its gradients never vanish: its cell state is updated additively")
    edit(questions, '{response: "b", correct: false}', '{response: "b", correct: true}')
    assert main(["check", str(folder), "--seeds", "1"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[-4:] == [
        "mine/questions.yaml:54:9: clipping-cures-what: tests[1] 'b': correct: false, expected true; "
        "the grader said: Not correct. / b) No: clipping never makes a small gradient larger. / The answer is a.",
        "mine/questions.yaml:73:13: tanh-bound-20-steps: evidence[0] activation-bounds seed 0: "
        "scalar 'max_tanh_prime' is 1, claimed == 2: fails",
        "mine/questions.yaml:104:13: why-lstm-helps: the model answer is not graded correct by its own check: "
        "correct: false, score 0.25, notes hit:additive-update, hit:forget-gate, misconception:no-vanishing-at-all",
        "3 failures",
    ]


def test_invalid_pack_exits_2(capsys):
    folder = scaffold(capsys)
    edit(folder / "questions.yaml", "level: basic", "level: easy")
    assert main(["check", str(folder)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "mine/questions.yaml:6:12: questions[0].level: invalid level 'easy' (expected one of basic, intermediate, advanced)",
        "mine: invalid pack, not checked",
    ]


def test_a_missing_pack_is_one_line_and_a_pack_id_is_a_pack(capsys, tmp_path, monkeypatch):
    """A path that does not exist says so in one line (exit 2); a bare word that is no path
    is looked up as a pack id, so `tutor check mine` checks the pack `tutor packs` lists."""
    assert main(["check", str(tmp_path / "nowhere" / "pack")]) == 2
    assert capsys.readouterr().err.splitlines() == ["nowhere/pack: no such file or folder"]  # shown from the cwd
    folder = scaffold(capsys)
    monkeypatch.setenv("TUTOR_PACKS", str(folder))
    assert main(["check", "mine"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "all checks hold"
    assert main(["check", "no-such-pack"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "tutor check: no pack 'no-such-pack': not a file or folder, nor the id of a pack found (see `tutor packs`)"]


def test_a_pack_is_checked_in_one_process_per_cpu_only_when_it_is_large(capsys, monkeypatch):
    """Without --jobs a small pack runs in this process (workers would start after it is
    done); from PARALLEL_FROM tasks one worker per CPU; --jobs J sets J either way."""
    from tutor.authoring import proof

    used: list[int] = []
    real_execute = proof._execute

    def recording(pack, tasks, jobs):
        used.append(jobs)
        return real_execute(pack, tasks, 1)

    monkeypatch.setattr(proof, "_execute", recording)
    monkeypatch.setattr(proof.os, "cpu_count", lambda: 6)
    folder = scaffold(capsys)
    assert main(["check", str(folder)]) == 0  # 31 tasks
    monkeypatch.setattr(proof, "PARALLEL_FROM", 31)
    assert main(["check", str(folder)]) == 0
    assert main(["check", str(folder), "--jobs", "1"]) == 0
    assert used == [1, 6, 1]
