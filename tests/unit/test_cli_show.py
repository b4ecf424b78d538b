"""`tutor show`: a question as the learner sees it for a seed; unknown ids exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from tests.unit.test_variants import VARIANT, write
from tutor.cli import main


def test_show_prints_the_draw_for_a_seed(capsys) -> None:
    assert main(["show", "bound-tanh-20-steps", "--seed", "7"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:14] == [
        "bound-tanh-20-steps (rnn-gradients)  seed 7: sigma = 0.9, k = 15",
        "",
        "Prompt",
        "  A tanh RNN has σₘₐₓ(Wₕₕ) = 0.9. What is the upper bound on ‖∂h_T/∂hₜ‖ for T − t = 15? "
        "(A number or an expression such as 0.5^3.)",
        "",
        "Model answer",
        "  (γ·σₘₐₓ)¹⁵ = (1 · 0.9)¹⁵ = 0.9¹⁵ ≈ 0.2059.",
        "",
        "Check (numeric)",
        "  formula:  sigma^k",
        "  expected: 0.205891132095 (rtol 0.01, atol 1e-08)",
        "  mistake:  1.91751059233e-10 → 1/4 is the sigmoid's bound; tanh′ is at most 1, so the bound is σᵏ.",
        "  mistake:  13.5 → The per-step factors multiply: σ to the power k, not σ times k.",
        "",
    ]
    assert "Evidence: rnn (activation=tanh, init=singular, scale=0.9, steps=15)" in out


def test_show_json_has_the_drawn_check_and_values(capsys) -> None:
    assert main(["show", "steps-below-threshold", "--seed", "3", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["seed"] == 3 and shown["params"] == {"r": 0.85, "m": 6}
    assert shown["values"]["steps"] == 86.0
    assert shown["check"] == {"kind": "numeric", "answer": "86", "rtol": 0.0, "atol": 0.0, "formula": "steps",
                              "mistakes": [{"answer": "85", "feedback": "At that many steps the bound is still at or "
                                            "above the threshold: the first k below it is one more."}]}
    assert shown["prompt"] == (
        "The per-step bound is γσₘₐₓ = 0.85. After how many steps k is the bound 0.85ᵏ first below 10⁻⁶? "
        "(A whole number.)"
    )
    assert shown["evidence"][0]["params"]["steps"] == 86


def test_the_same_seed_shows_the_same_question_and_the_default_seed_is_0(capsys) -> None:
    main(["show", "clipping-worked-example", "--seed", "0", "--json"])
    first = capsys.readouterr().out
    main(["show", "clipping-worked-example", "--json"])
    assert capsys.readouterr().out == first


def test_a_fixed_question_shows_without_a_seed(capsys) -> None:
    assert main(["show", "sigmoid-derivative-max", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["seed"] is None and shown["params"] == {} and shown["check"]["answer"] == "1/4"


def test_unknown_id_is_one_line_and_exit_2(capsys) -> None:
    assert main(["show", "bound-tanh-20-step"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = captured.err.splitlines()  # the packs found are listed: the built-in ones and the user's
    assert line.startswith("tutor show: unknown question id 'bound-tanh-20-step' (packs: rnn-gradients")
    assert line.endswith("); did you mean 'bound-tanh-20-steps'?")


def test_show_from_a_pack_given_with_pack(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = write(tmp_path, VARIANT)
    assert main(["show", "power", "--seed", "2", "--pack", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:4] == ["power (demo)  seed 2: r = 0.5, k = 2", "", "Prompt", "  What is 0.5^2?"]
    assert main(["show", "bound-tanh-20-steps", "--pack", str(folder)]) == 2
    assert capsys.readouterr().err == "tutor show: unknown question id 'bound-tanh-20-steps' (packs: demo)\n"


def test_pack_takes_the_id_of_a_pack_found(capsys) -> None:
    assert main(["show", "memory-horizon", "--seed", "3", "--pack", "rnn-gradients-advanced"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("memory-horizon (rnn-gradients-advanced)  seed 3: r = 0.95\n")


def test_pack_that_is_neither_a_path_nor_an_id_says_so_and_exits_2(capsys) -> None:
    import pytest

    with pytest.raises(SystemExit) as stopped:
        main(["show", "memory-horizon", "--pack", "nosuch"])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "tutor show: error: argument --pack: no pack 'nosuch': not a file or folder, nor the id of a pack found "
        "(see `tutor packs`)")
