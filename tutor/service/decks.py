"""The core's study and practice sessions seen as the app's decks (`StudyDeck`, `PracticeDeck`).

A session records a grade it is given and never grades: the app grades first, in a thread
worker (grading may call SymPy and take seconds), and the deck hands that grade to the
session's `record` together with the response, so the answer is graded once, off the
event loop, and stored as it was graded.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.grading.result import Grade
    from tutor.packs.schema import Question
    from tutor.study.practice import PracticeSession
    from tutor.study.queue import Remaining, StudySession
    from tutor.study.rating import Rating


class SessionStudyDeck:
    """A `StudyDeck` over `tutor.study.queue.StudySession`."""

    def __init__(self, session: StudySession) -> None:
        self.session = session

    def next_card(self) -> Question | None:
        item = self.session.current()
        return None if item is None else item.question

    def waiting_until(self) -> datetime | None:
        return self.session.waiting_until

    def remaining(self) -> Remaining:
        return self.session.remaining()

    def record(
        self, question: Question, *, response: str | None, grade: Grade | None, rating: Rating, seconds: float
    ) -> None:
        if grade is not None and response is not None:
            self.session.record(question.id, response, grade, rating, seconds)
        elif response and _self_rated(question):
            self.session.record(question.id, response, None, rating, seconds)  # kept, no verdict
        else:  # revealed without an answer (what was typed, if anything, was not graded)
            self.session.record(question.id, None, None, rating, seconds)


class SessionPracticeDeck:
    """A `PracticeDeck` over `tutor.study.practice.PracticeSession`."""

    def __init__(self, session: PracticeSession) -> None:
        self.session = session
        self._started = False

    def next_question(self) -> Question | None:
        if not self._started:
            self._started = True
            return self.session.current()
        return self.session.next()

    def remaining(self) -> int:
        current = 1 if self.session.current() is not None else 0
        return max(0, self.session.remaining() - current)

    def hint(self, question: Question) -> str | None:
        _same_question(self.session.current(), question)
        return self.session.hint()

    def record(self, question: Question, *, response: str, grade: Grade | None, seconds: float) -> None:
        self.session.record(question.id, response, grade, seconds)

    def override(self, question: Question) -> None:
        _same_question(self.session.current(), question)
        self.session.override_correct()

    def undo_override(self, question: Question, grade: Grade) -> None:
        _same_question(self.session.current(), question)
        self.session.undo_override(grade)

    def record_correction(self, question: Question, grade: Grade) -> None:
        _same_question(self.session.current(), question)
        self.session.record_correction(grade)

    def rate_self(self, question: Question, correct: bool) -> None:
        _same_question(self.session.current(), question)
        self.session.rate_self(correct)


def _same_question(current: Any, question: Question) -> None:
    if current is None or current.id != question.id:
        shown = "none" if current is None else current.id
        raise RuntimeError(f"the screen answered '{question.id}' but the session is on '{shown}'")


def _self_rated(question: Question) -> bool:
    """Whether the question's check is rated by the learner (the check registry loads here,
    on the first answer, not when the backend is built for the home screen)."""
    from tutor import checks

    return checks.kind_of(question.check).self_rated
