"""Grading a `self` check (a flashcard): there is nothing to check, the learner rates.

The Grade says so rather than pretending to a verdict: `correct` False, `score` 0 and the
note `self`. `Grade.counts_as_attempt` is False for it and `tutor.study.rating.rating_for`
returns None, so the caller asks the learner for Again / Hard / Good / Easy after showing the
model answer.
"""

from __future__ import annotations

from tutor.grading.result import Grade

SELF_FEEDBACK = "Compare your answer with the model answer and rate how well you recalled it."


def grade_self() -> Grade:
    return Grade(False, 0.0, SELF_FEEDBACK, ("self",))
