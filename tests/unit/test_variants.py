"""Variant questions: deterministic draws, exact rendering, values, formats, proofs."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tutor import paths
from tutor.authoring.proof import plan, prove, run_task
from tutor.packs.loader import load_pack
from tutor.packs.schema import ParamSpec
from tutor.packs.variants import (
    Variant,
    VariantError,
    draw,
    draw_fresh,
    format_value,
    next_seed,
    render,
    values_of,
)

VARIANT_IDS = (
    "unrolled-depth", "scalar-tanh-step-jacobian", "scalar-sigmoid-step-jacobian", "two-step-tanh-chain",
    "bound-tanh-20-steps", "bound-sigmoid-10-steps", "steps-below-threshold", "orthogonal-gain-growth",
    "non-normal-transient-growth", "clipping-worked-example", "lstm-forget-product", "forget-bias-half-life",
    "gru-carry-product",
)


@pytest.fixture(scope="module")
def pack():
    return load_pack(paths.builtin_content_dir() / "rnn-gradients")


def test_the_builtin_pack_has_at_least_twelve_variant_questions(pack) -> None:
    assert tuple(q.id for q in pack.questions if q.params) == VARIANT_IDS


def test_the_same_seed_gives_the_same_variant_and_seeds_differ(pack) -> None:
    question = pack.question("bound-tanh-20-steps")
    assert draw(question, 7) == draw(question, 7)
    drawn = {tuple(draw(question, seed).params.items()) for seed in range(50)}
    assert len(drawn) > 10  # 4 × 7 combinations: 50 seeds see most of them


def test_exact_rendering_of_a_numeric_variant(pack) -> None:
    variant = draw(pack.question("bound-tanh-20-steps"), 7)
    assert variant.params == {"sigma": 0.9, "k": 15}
    assert variant.record() == {"seed": 7, "params": {"sigma": 0.9, "k": 15}}
    drawn = variant.question
    assert drawn.prompt == (
        "A tanh RNN has σₘₐₓ(Wₕₕ) = 0.9. What is the upper bound on ‖∂h_T/∂hₜ‖ for T − t = 15? "
        "(A number or an expression such as 0.5^3.)"
    )
    assert drawn.answer == "(γ·σₘₐₓ)¹⁵ = (1 · 0.9)¹⁵ = 0.9¹⁵ ≈ 0.2059."
    assert drawn.check.answer == "0.205891132095"
    assert drawn.evidence[0].params == {"activation": "tanh", "init": "singular", "scale": 0.9, "steps": 15}
    assert drawn.evidence[0].caption == "The simulated Jacobian product stays below 0.9¹⁵ at 15 steps."
    assert [claim.value for claim in drawn.evidence[0].claims] == ["1", "0.9", "0.9^15"]
    assert [test.response for test in drawn.tests] == ["0.2059", "0.9^15", "0.9", "15*0.9"]


def test_exact_rendering_of_a_symbolic_variant(pack) -> None:
    drawn = draw(pack.question("scalar-tanh-step-jacobian"), 3).question
    assert drawn.prompt.startswith("A scalar RNN computes  hₖ = tanh(w·hₖ₋₁ + 1.5·xₖ + 0.2). Give ∂hₖ/∂hₖ₋₁.")
    assert drawn.check.variables == ["w", "h", "x"]
    assert drawn.check.answers == ["w*(1 - tanh(w*h + 1.5*x + 0.2)^2)"]


def test_a_whole_number_answer_and_its_powers_of_ten(pack) -> None:
    variant = draw(pack.question("steps-below-threshold"), 3)
    assert variant.params == {"r": 0.85, "m": 6}
    assert variant.question.check.answer == "86"
    assert variant.question.answer == (
        "86 steps: k > ln(10⁻⁶)/ln(0.85) ≈ 85.01, and 0.85⁸⁶ ≈ 8.51·10⁻⁷ < 10⁻⁶ while 0.85⁸⁵ ≈ 1.001·10⁻⁶."
    )


def test_a_question_without_params_is_its_own_variant_and_takes_no_randomness(pack) -> None:
    question = pack.question("sigmoid-derivative-max")
    rng = random.Random(1)
    state = rng.getstate()
    assert draw_fresh(question, rng) == Variant(question)
    assert rng.getstate() == state
    assert Variant(question).record() is None


def test_fresh_draws_follow_the_session_generator(pack) -> None:
    question = pack.question("lstm-forget-product")
    first = [draw_fresh(question, random.Random(5)).seed for _ in range(2)]
    assert first[0] == first[1] == random.Random(5).randrange(2**31)
    rng = random.Random(5)
    assert draw_fresh(question, rng).seed != draw_fresh(question, rng).seed


def test_seeds_from_a_numpy_generator_too() -> None:
    numpy = pytest.importorskip("numpy")
    assert next_seed(numpy.random.default_rng(0)) == next_seed(numpy.random.default_rng(0))
    assert 0 <= next_seed(numpy.random.default_rng(0)) < 2**31


def test_range_values_are_stepped_in_decimal_and_whole_numbers_stay_whole() -> None:
    assert values_of(ParamSpec(range=(0.8, 0.95), step=0.05)) == (0.8, 0.85, 0.9, 0.95)
    assert values_of(ParamSpec(range=(10, 50), step=15)) == (10, 25, 40)
    assert values_of(ParamSpec(choices=(0.5, 2, 3))) == (0.5, 2.0, 3.0)
    assert values_of(ParamSpec(choices=(2, 3))) == (2, 3)


def test_formats() -> None:
    values = {"k": 20, "x": 1.0718e-06, "big": 117.39085, "r": 0.9}
    assert render("{r}{k:sup} h{k:sub} ≈ {x:.3p} or {x:.2g}, {big:.1f}, {big}", values) == (
        "0.9²⁰ h₂₀ ≈ 1.07·10⁻⁶ or 1.1e-06, 117.4, 117.391"
    )
    assert render("{x:.1p} {y:.1p}", {"x": 1e-5, "y": 1e-3}) == "10⁻⁵ 0.001"
    assert render("keeps {unknown:.2f} and {0,1}", values) == "keeps {unknown:.2f} and {0,1}"
    with pytest.raises(VariantError, match=r"^\{r:sup\} needs a whole number, not 0.9$"):
        format_value(0.9, "sup", "r")
    with pytest.raises(VariantError, match=r"'q' is not a number format"):
        format_value(0.9, "q", "r")


def test_check_proves_a_builtin_variant_over_fifty_seeds(pack) -> None:
    tasks = [task for task in plan(pack, 3) if task.question_id == "bound-sigmoid-10-steps"]
    assert [task.kind for task in tasks[:1]] == ["caption"]  # once, on the caption as written
    tasks = tasks[1:]
    assert [task.seed for task in tasks] == list(range(50)) and {task.kind for task in tasks} == {"variant"}
    assert [failure for task in tasks for failure in run_task(pack, task)] == []


PACK_YAML = """\
id: demo
title: Demo
version: "1"
description: Variants for tests.
authors: [Tests]
license: MIT
"""

VARIANT = """\
questions:
  - id: power
    level: basic
    topics: [rnn]
    params:
      r: {choices: [0.5, 0.8]}
      k: {range: [2, 4], step: 1}
    prompt: What is {r}^{k}?
    answer: "{value:.4g}"
    explanation: Multiply {r} by itself {k} times.
    formulas:
      value: r^k
    check:
      kind: numeric
      answer: r^k
      atol: 0
    tests:
      - response: "{value:.4g}"
        correct: true
      - response: "{r}"
        correct: false
"""


def write(tmp_path: Path, questions: str) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir(exist_ok=True)
    (folder / "pack.yaml").write_text(PACK_YAML, encoding="utf-8")
    (folder / "questions.yaml").write_text(questions, encoding="utf-8")
    return folder


def test_check_runs_fifty_draws_of_a_variant_and_all_hold(tmp_path: Path) -> None:
    report = prove(load_pack(write(tmp_path, VARIANT)))
    assert report.ok
    assert report.checked["variant"] == 50
    assert report.checked["answer"] == report.checked["sample"] == report.checked["evidence"] == 0


def test_check_reports_the_draw_where_a_sample_goes_wrong(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    broken = VARIANT.replace('      - response: "{r}"\n', '      - response: "{r}^2"\n')
    report = prove(load_pack(write(tmp_path, broken)), variant_seeds=6)
    messages = [str(failure) for failure in report.failures]
    # k = 2 makes r^2 the right answer: only that draw fails, with its seed and values
    assert messages == [
        "pack/questions.yaml:20:9: power: seed 2 (r = 0.5, k = 2): tests[1] '0.5^2': correct: true, "
        "expected false; the grader said: Correct.",
    ]
    assert report.checked["variant"] == 6 and report.failed["variant"] == 1


def test_a_tolerance_that_swallows_wrong_answers_is_caught(tmp_path: Path) -> None:
    loose = VARIANT.replace("      atol: 0\n", "      atol: 0.2\n")
    report = prove(load_pack(write(tmp_path, loose)), variant_seeds=3)
    assert report.failed["variant"] == 3
    assert all("is graded correct" in failure.message for failure in report.failures)


def test_the_study_sheet_prints_each_variant_as_drawn_for_seed_0(pack) -> None:
    from tutor.authoring.export_markdown import pack_to_markdown

    sheet = pack_to_markdown(pack)
    for question_id in VARIANT_IDS:
        drawn = draw(pack.question(question_id), 0).question
        assert drawn.prompt.strip() in sheet and f"**Answer.** {drawn.answer}" in sheet
    assert "{sigma}" not in sheet and "{k:sup}" not in sheet


def test_tutor_check_prints_the_variant_row(tmp_path: Path, capsys, monkeypatch) -> None:
    from tutor.cli import main

    monkeypatch.chdir(tmp_path)
    folder = write(tmp_path, VARIANT)
    assert main(["check", str(folder), "--variant-seeds", "60"]) == 0
    assert capsys.readouterr().out == (
        "demo: 1 question, 60 checks\n"
        "  check         run  failed\n"
        "  answer          0       0\n"
        "  sample          0       0\n"
        "  evidence        0       0\n"
        "  rubric          0       0\n"
        "  variant        60       0\n"
        "all checks hold\n"
    )


def test_a_preview_prompt_is_the_seed_0_draw_and_has_no_placeholder_left(pack) -> None:
    from tutor.packs.variants import PREVIEW_SEED, placeholders, preview_prompt

    for question in pack.questions:
        shown = preview_prompt(question)
        assert shown == draw(question, PREVIEW_SEED).question.prompt, question.id
        names = {*question.params, *question.formulas}
        assert not [name for name, _ in placeholders(shown) if name in names], question.id
    assert preview_prompt(pack.question("steps-below-threshold")) == (
        "The per-step bound is γσₘₐₓ = 0.95. After how many steps k is the bound 0.95ᵏ first below 10⁻⁵? "
        "(A whole number.)")
    broken = pack.question("bound-sigmoid-10-steps").model_copy(update={"prompt": "σ = {sigma:.q}"})
    assert preview_prompt(broken) == "σ = {sigma:.q}"  # a template that cannot be filled is shown as written
