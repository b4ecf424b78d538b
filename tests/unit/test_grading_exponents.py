"""An exponent written in superscript letters ("cᵀ⁻ᵗ", "γᵏ") is a power, as "c^(T−t)" is: a
learner's terse formula for exponential growth was read as a symbol "ct-t" and not credited."""

from __future__ import annotations

import pytest

from tutor.checks.answers import grade
from tutor.grading.text_match import tokenize

GROWTH = {
    "kind": "concepts",
    "concepts": [{"name": "grows-exponentially", "phrases": ["grows exponentially"]}],
}


@pytest.mark.parametrize(("written", "words"), [
    ("grows ~ cᵀ⁻ᵗ", ["grows", "about", "c", "power", "distance"]),  # T − t: the lag
    ("γᵏ", ["gamma", "power", "k"]),
    ("λⁿ", ["lambda", "power", "n"]),
    ("‖W‖ᵏ", ["norm", "w", "norm", "power", "k"]),
])
def test_a_superscript_exponent_with_a_letter_is_a_power(written: str, words: list[str]) -> None:
    assert [token.raw for token in tokenize(written) if token.kind == "word"] == words


@pytest.mark.parametrize(("written", "words"), [
    ("(ratio − 1)²", ["ratio", "one", "power", "2"]),
    ("(ratio - 1)^2", ["ratio", "one", "power", "2"]),
    ("‖g‖²", ["norm", "g", "norm", "power", "2"]),
])
def test_a_number_after_a_bracket_or_a_norm_is_a_power(written: str, words: list[str]) -> None:
    """ "(ratio − 1)²" read "(ratio − 1)2", and missed the rubric's "(ratio - 1)^2"."""
    assert [token.raw for token in tokenize(written) if token.kind == "word"] == words


@pytest.mark.parametrize(("written", "raw"), [("tanh²", ["tanh2"]), ("2⁻²⁴", ["2", "24"]), ("QᵀQ", ["qtq"]),
                                            ("Wᵀ", ["wt"]), ("(Wᵀ)ᵀ", ["wt", "t"])])
def test_a_number_or_a_transpose_is_no_power(written: str, raw: list[str]) -> None:
    assert [token.raw for token in tokenize(written)] == raw


def test_growth_written_as_a_superscript_power_is_credited_like_the_caret() -> None:
    for answer in ("The Jacobian product grows like cᵀ⁻ᵗ with c > 1.", "The Jacobian product grows like c^(T−t) with c > 1."):
        assert grade(GROWTH, answer).correct, answer
