"""Expected wrong answers of `numeric` and `symbolic` checks, each with its own feedback.

A pack lists the typical slips of a question (`(0.25*0.9)^20` on a tanh question: "1/4 is
the sigmoid's bound"), so a learner who makes one is told what went wrong, not only that
the number differs. A mistake never changes the verdict, only explains it: the response
is wrong first, then compared with each mistake (numbers within the check's tolerance;
expressions numerically at the grader's sample points, no extra SymPy call). The grade
carries the note `mistake:N` (1-based), which sample tests can ask for, and `tutor check`
proves that each mistake's own answer is graded wrong with that note.
"""

from __future__ import annotations

from typing import Any

from tutor.fields import Expression, Model, Text


class Mistake(Model):
    """A wrong answer learners typically give, and what to tell them."""

    answer: Expression
    feedback: Text


def note(index: int) -> str:
    return f"mistake:{index + 1}"


def describe(check: dict[str, Any]) -> list[str]:
    """`tutor show`'s lines for the mistakes of a check given as a mapping."""
    return [f"  mistake:  {item['answer']} → {item['feedback']}" for item in check.get("mistakes", ())]


def wrong_responses(mistakes: list[Mistake]) -> list[tuple[str, str, str]]:
    """(field, response, note) for `tutor check`: each must be graded wrong with its note."""
    return [(f"check.mistakes[{index}].answer", mistake.answer, note(index)) for index, mistake in enumerate(mistakes)]
