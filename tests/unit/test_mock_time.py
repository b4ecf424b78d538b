"""The time a mock interview step gets: reading + typing its model answer, by level,
never under two sentences' typing (the rule in tutor/study/mock_time.py)."""

from __future__ import annotations

import pytest

from tutor.study.mock_time import FLOOR_WORDS, step_seconds, words


def text_of(count: int) -> str:
    return " ".join(["word"] * count)


def test_words_are_runs_of_non_space() -> None:
    assert words("a  b\nc\td") == 4
    assert words("") == 0
    assert words("σ′(a) = σ(a)(1 − σ(a))") == 5


@pytest.mark.parametrize(("level", "prompt_words", "answer_words", "seconds"), [
    # 10 words read (3 s) + the floor: 30 words at 40 wpm = 45 s -> 48 s -> 50
    ("basic", 10, 1, 50),
    ("basic", 10, FLOOR_WORDS, 50),
    # intermediate: 45 s x 1.25 = 56.25 + 3 -> 60; advanced: 67.5 + 3 -> 75
    ("intermediate", 10, 1, 60),
    ("advanced", 10, 1, 75),
    # a longer model answer: 60 words = 90 s typing (+ 6 s reading 20 words) -> 96 -> 100
    ("basic", 20, 60, 100),
    ("intermediate", 20, 60, 120),  # 112.5 + 6 = 118.5 -> 120
    ("advanced", 20, 60, 145),      # 135 + 6 = 141 -> 145
    # exactly on a multiple of 5 stays there: 40 words read = 12 s, 32 words typed = 48 s
    ("basic", 40, 32, 60),
])
def test_step_seconds(level: str, prompt_words: int, answer_words: int, seconds: int) -> None:
    assert step_seconds(level, text_of(prompt_words), text_of(answer_words)) == seconds


def test_the_floor_leaves_time_for_two_sentences() -> None:
    two_sentences = ("The product of Jacobians shrinks when their norms stay below one. "
                     "The earliest steps then get almost no learning signal at all.")
    assert words(two_sentences) == 22 <= FLOOR_WORDS
    assert step_seconds("basic", "Why?", "a") >= words(two_sentences) * 60 / 40
    assert step_seconds("basic", "Why?", "a") == 50  # 0.3 s + 45 s, rounded up to 5
