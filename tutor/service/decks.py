"""The core's study and practice sessions seen as the app's decks (`StudyDeck`, `PracticeDeck`).

The sessions grade answers themselves through an injected `grader`. In the app the
grade is computed earlier, in a thread worker (grading may load SymPy and take
seconds), so the session's grader is a `GradeRelay` that hands over that grade: the
answer is graded once, off the event loop, and stored by the session as usual.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from tutor import checks

if TYPE_CHECKING:
    from tutor.grading.result import Grade
    from tutor.packs.schema import Question
    from tutor.study.practice import PracticeSession
    from tutor.study.queue import Remaining, StudySession
    from tutor.study.rating import Rating


class GradeRelay:
    """A `grader` for a session that returns the grade handed to it just before."""

    def __init__(self) -> None:
        self._pending: tuple[str, Any] | None = None

    def hand(self, response: str, grade: Any) -> None:
        self._pending = (response, grade)

    def __call__(self, check: Any, response: str) -> Any:
        if self._pending is None or self._pending[0] != response:
            raise RuntimeError("no grade was handed over for this response")
        grade, self._pending = self._pending[1], None
        return grade


class SessionStudyDeck:
    """A `StudyDeck` over `tutor.study.queue.StudySession`."""

    def __init__(self, session: StudySession, relay: GradeRelay) -> None:
        self.session = session
        self.relay = relay

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
        _same_question(self.next_card(), question)
        if grade is not None and response is not None:
            self.relay.hand(response, grade)
            self.session.submit(response, seconds)
        elif response and checks.kind_of(question.check).self_rated:
            self.session.submit(response, seconds)  # kept with the review, no verdict
        self.session.rate(rating, seconds)


class SessionPracticeDeck:
    """A `PracticeDeck` over `tutor.study.practice.PracticeSession`."""

    def __init__(self, session: PracticeSession, relay: GradeRelay) -> None:
        self.session = session
        self.relay = relay
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
        _same_question(self.session.current(), question)
        if grade is not None:
            self.relay.hand(response, grade)
        self.session.submit(response, seconds)

    def override(self, question: Question) -> None:
        _same_question(self.session.current(), question)
        self.session.override_correct()

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
