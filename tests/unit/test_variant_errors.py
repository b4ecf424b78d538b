"""A broken variant question gives exact one-line errors at file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.test_variants import VARIANT, write
from tutor.packs.loader import load_pack
from tutor.packs.problems import PackError


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def errors_after(old: str, new: str) -> list[str]:
    assert old in VARIANT
    with pytest.raises(PackError) as caught:
        load_pack(write(Path.cwd(), VARIANT.replace(old, new)))
    return caught.value.lines()


def test_unknown_parameter_in_a_template() -> None:
    assert errors_after("Multiply {r} by itself {k} times.", "Multiply {r} by itself {n} times.") == [
        "pack/questions.yaml:10:18: questions[0].explanation: unknown parameter 'n' in template "
        "(known: r, k, value)"
    ]


def test_unknown_parameter_in_a_sample_and_in_a_symbolic_answer() -> None:
    assert errors_after('- response: "{r}"', '- response: "{rr}"') == [
        "pack/questions.yaml:20:19: questions[0].tests[1].response: unknown parameter 'rr' in template "
        "(known: r, k, value)"
    ]


def test_a_range_whose_ends_are_swapped() -> None:
    assert errors_after("k: {range: [2, 4], step: 1}", "k: {range: [4, 2], step: 1}") == [
        "pack/questions.yaml:7:10: questions[0].params.k: range [4, 2] is empty: the first end must be below "
        "the second"
    ]


def test_a_range_without_a_step_and_a_step_too_large() -> None:
    assert errors_after("k: {range: [2, 4], step: 1}", "k: {range: [2, 4]}") == [
        "pack/questions.yaml:7:10: questions[0].params.k: a range needs a step (for example step: 5)"
    ]
    assert errors_after("k: {range: [2, 4], step: 1}", "k: {range: [2, 4], step: 5}") == [
        "pack/questions.yaml:7:10: questions[0].params.k: step 5 is larger than the range [2, 4]: only one value"
    ]


def test_choices_listed_twice_and_both_ways_at_once() -> None:
    assert errors_after("r: {choices: [0.5, 0.8]}", "r: {choices: [0.5, 0.5]}") == [
        "pack/questions.yaml:6:10: questions[0].params.r: choice 0.5 is listed twice"
    ]
    assert errors_after("r: {choices: [0.5, 0.8]}", "r: {choices: [0.5, 0.8], range: [0, 1], step: 1}") == [
        "pack/questions.yaml:6:10: questions[0].params.r: a parameter needs exactly one of range (with step) "
        "or choices"
    ]


def test_a_formula_without_a_finite_value_on_some_draw() -> None:
    assert errors_after("value: r^k", "value: 1/(k - 3)") == [
        "pack/questions.yaml:12:14: questions[0].formulas.value: formula 'value' has no finite value when k = 3"
    ]


def test_an_answer_without_a_finite_value_on_some_draw() -> None:
    assert errors_after("      answer: r^k\n", "      answer: log(k - 2)\n") == [
        "pack/questions.yaml:15:15: questions[0].check.answer: the answer has no finite value when k = 2"
    ]


def test_a_formula_that_does_not_parse_or_names_a_later_value() -> None:
    assert errors_after("value: r^k", "value: r^^k") == [
        "pack/questions.yaml:12:14: questions[0].formulas.value: character 3: '^' needs something on its left"
    ]
    assert errors_after("      answer: r^k\n", "      answer: r^q\n") == [
        "pack/questions.yaml:15:15: questions[0].check.answer: character 3: unknown name 'q' "
        "(variables: r, k, value; constants: pi, e; functions: the standard ones (tanh, sigmoid, exp, log, ...))"
    ]


def test_a_format_that_does_not_fit_a_draw() -> None:
    assert errors_after("What is {r}^{k}?", "What is {r:sup}^{k}?") == [
        "pack/questions.yaml:8:13: questions[0].prompt: when r = 0.5, k = 2: {r:sup} needs a whole number, not 0.5"
    ]


def test_params_on_a_check_that_cannot_use_them() -> None:
    choice = ("    check:\n      kind: choice\n      options:\n"
              "        - {text: yes, correct: true}\n        - {text: no}\n")
    old = "    check:\n      kind: numeric\n      answer: r^k\n      atol: 0\n"
    text = VARIANT.replace(old, choice).split("    tests:")[0]
    with pytest.raises(PackError) as caught:
        load_pack(write(Path.cwd(), text))
    assert caught.value.lines() == [
        "pack/questions.yaml:6:7: questions[0].params: params are for numeric and symbolic checks, not choice"
    ]


def test_agrees_with_must_name_the_questions_evidence() -> None:
    assert errors_after("    tests:\n", "    agrees_with: {evidence: rnn, value: gamma^k}\n    tests:\n") == [
        "pack/questions.yaml:17:29: questions[0].agrees_with.evidence: 'rnn' is not evidence of this question "
        "(it has: none)"
    ]
