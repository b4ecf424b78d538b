"""Derivations print a decimal a learner can use beside an exact number that is hard to read."""

from __future__ import annotations

import pytest
from sympy import E, Eq, Integer, Rational, Symbol, pi, sqrt

from tutor.evidence import registry
from tutor.evidence.derivations.steps import approximation


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        (Eq(Symbol("σ"), sqrt(sqrt(276289) / 200 + Rational(109, 40))), "2.3137"),
        (Rational(3, 200), "0.015"),
        (E**-2, "0.13534"),
        (pi / 4, "0.7854"),
        (Integer(4), None),  # an integer reads as it is
        (Rational(1, 4), None),  # so does a plain fraction
        (Symbol("s") + 1, None),  # a formula is not a number
        (sqrt(-2), None),  # nor is an imaginary one
    ],
)
def test_which_numbers_get_a_decimal(expression, expected) -> None:
    assert approximation(expression) == expected


def test_the_norm_bound_shows_sigma_max_as_a_number_on_its_baseline() -> None:
    [step] = [step for step in registry.run("norm-bound", {}).steps if "≈" in step.unicode]
    lines = step.unicode.split("\n")
    assert [line for line in lines if "≈" in line] == [line for line in lines if "=" in line]
    assert lines[2].endswith(" ≈ 2.3137") and step.latex.endswith(r" \approx 2.3137")


def test_a_table_of_numbers_has_labelled_rows_in_unicode_and_latex() -> None:
    [step] = [step for step in registry.run("norm-bound", {}).steps if "first grows" in step.statement]
    top, _, bottom = step.unicode.splitlines()
    assert top.split()[1:] == ["k", "1", "6", "20", "60", "⎤"]
    assert bottom.split()[:2] == ["⎣‖Wᵏ‖₂", "2.3137"]
    assert step.latex.startswith(r"\left[\begin{matrix}k & 1 & 6 & 20 & 60\\\|W^{k}\|_{2} & 2.3137")
