"""`self`: a flashcard. The learner reveals the model answer and rates their own recall."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from tutor.checks.kind import CheckKind
from tutor.fields import Model

if TYPE_CHECKING:
    from tutor.grading.result import Grade


class SelfCheck(Model):
    """A flashcard: the learner reveals the answer and rates their own recall."""

    kind: Literal["self"]


def _grade(check: SelfCheck, response: Any, timeout: float, seed: int) -> Grade:
    from tutor.grading.selfcheck import grade_self

    return grade_self()


KIND = CheckKind(
    name="self",
    order=0,
    model=SelfCheck,
    grade=_grade,
    expected=lambda check: "",
    placeholder=lambda check: "Type your answer if you like, then enter to see the model answer",
    describe=lambda check: ["  the learner rates their own recall"],
    model_responses=lambda check, answer: [],
    accepts_lists=True,
    self_rated=True,
)
