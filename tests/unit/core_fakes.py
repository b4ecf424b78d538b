"""Test doubles for the study core: a fake clock, a tiny pack, and a simple grader.

Kept with the tests, not in the package: the app never uses them. The core's tests and the
crash-test child process import them as `tests.unit.core_fakes`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
"""A Monday morning, 09:00 UTC: the default start of a FakeClock."""


class FakeClock:
    """A clock that only moves when told: `clock()` is the time, `clock.advance(seconds=...)` moves it."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float = 0, *, minutes: float = 0, hours: float = 0, days: float = 0) -> datetime:
        self.now += timedelta(seconds=seconds, minutes=minutes, hours=hours, days=days)
        return self.now


@dataclass(frozen=True)
class FakeGrade:
    """Has the attributes of `tutor.grading.Grade` that the study core reads."""

    correct: bool
    score: float
    feedback: str = ""
    notes: tuple[str, ...] = ()
    invalid: bool = False
    error_offset: int | None = None
    undecided: bool = False


def keyword_grader(check: Any, response: str) -> FakeGrade:
    """A predictable grader: `?...` is a format error; choice compares keys; numeric parses a
    float (rel. 1e-2); symbolic compares text without spaces; concepts looks for phrases and
    reports `hit:NAME`, `missed:NAME` and `misconception:NAME` notes."""
    text = response.strip()
    if text.startswith("?"):
        return FakeGrade(False, 0.0, "could not read the answer", ("format",), invalid=True, error_offset=0)
    kind = check.kind
    if kind == "choice":
        chosen = frozenset(key for key in text.replace(",", " ").split())
        right = chosen == check.correct_keys
        return FakeGrade(right, 1.0 if right else 0.0, "right" if right else "wrong")
    if kind == "numeric":
        try:
            value = float(text)
        except ValueError:
            return FakeGrade(False, 0.0, "not a number", ("format",), invalid=True, error_offset=0)
        expected = float(check.answer)
        right = abs(value - expected) <= 1e-2 * abs(expected)
        return FakeGrade(right, 1.0 if right else 0.0, "right" if right else "wrong")
    if kind == "symbolic":
        right = text.replace(" ", "") in {answer.replace(" ", "") for answer in check.answers}
        return FakeGrade(right, 1.0 if right else 0.0, "right" if right else "wrong")
    lowered = text.lower()
    hits = [c.name for c in check.concepts if any(p.lower() in lowered for p in c.phrases)]
    wrong = [m.name for m in check.misconceptions if any(p.lower() in lowered for p in m.phrases)]
    notes = tuple(
        [f"hit:{name}" for name in hits]
        + [f"missed:{c.name}" for c in check.concepts if c.name not in hits]
        + [f"misconception:{name}" for name in wrong]
    )
    score = len(hits) / len(check.concepts)
    right = len(hits) >= check.pass_count and not wrong
    return FakeGrade(right, score, f"{len(hits)} of {len(check.concepts)} concepts", notes)


@dataclass(frozen=True)
class FakePack:
    """Pack-like: `id`, `meta`, `questions`, `path` (what `tutor.packs.model.Pack` offers)."""

    id: str
    questions: tuple[Any, ...]
    meta: Any = None
    path: Path = field(default_factory=lambda: Path("."))


def make_question(
    question_id: str,
    *,
    level: str = "basic",
    topics: Sequence[str] = ("rnn",),
    check: dict[str, Any] | None = None,
    hints: Sequence[str] = (),
    follow_ups: Sequence[tuple[str, str]] = (),
    evidence: Sequence[str] = (),
    interview: dict[str, Any] | None = None,
) -> Any:
    """A validated `Question` with short text; `check` defaults to a one-option-right choice
    (which a mock interview asks only through an `interview` form)."""
    from tutor.packs.schema import Question

    return Question.model_validate(
        {
            "id": question_id,
            "level": level,
            "topics": list(topics),
            "prompt": f"Prompt of {question_id}?",
            "answer": f"Answer of {question_id}.",
            "explanation": f"Explanation of {question_id}.",
            "hints": list(hints),
            "follow_ups": [{"prompt": prompt, "answer": answer} for prompt, answer in follow_ups],
            "check": check
            or {"kind": "choice", "options": [{"text": "right", "correct": True}, {"text": "wrong"}]},
            "evidence": [{"name": name} for name in evidence],
            **({"interview": interview} if interview else {}),
        }
    )


def make_pack(pack_id: str, questions: Sequence[Any]) -> FakePack:
    return FakePack(id=pack_id, questions=tuple(questions))


# ---- the caller's grading step, as the app takes it (grade first, then record) ----------------


def practise(session: Any, response: str, seconds: float | None = None, grader: Any = keyword_grader) -> Any:
    """Grade `response` to the practice session's current question, then record it; return the
    grade (None for a self-rated card; an invalid grade is returned and nothing is stored)."""
    from tutor.study.grades import grade_answer

    question = session.current()
    grade = grade_answer(question.check, response, grader)
    session.record(question.id, response, grade, seconds)
    return grade


def study_grade(session: Any, response: str, grader: Any = keyword_grader) -> Any:
    """The grade of `response` to the study session's current card (None for a self-rated card)."""
    from tutor.study.grades import grade_answer

    return grade_answer(session.current().question.check, response, grader)


def rate(session: Any, rating: Any, response: str | None = None, seconds: float | None = None,
         grader: Any = keyword_grader) -> Any:
    """Rate the study session's current card, answered `response` (graded first) or revealed
    without an answer; return the card's new state."""
    grade = None if response is None else study_grade(session, response, grader)
    return session.record(session.current().question.id, response, grade, rating, seconds)


def hand_in(interview: Any, response: str, grader: Any = keyword_grader) -> Any:
    """What the app does on enter: grade against the step's check, then submit (returns an
    invalid grade, or None)."""
    from tutor.study.grades import grade_answer

    return interview.submit(response, grade_answer(interview.current_check(), response, grader))


def tick(interview: Any, grader: Any = keyword_grader) -> bool:
    """What the app's timer does: when the time is up, grade the draft and hand it in (True);
    otherwise let the interview save (False)."""
    from tutor.study.grades import grade_answer

    if interview.time_up():
        interview.time_out(grade_answer(interview.current_check(), interview.draft, grader))
        return True
    interview.tick()
    return False


def end_early(interview: Any, grader: Any = keyword_grader) -> None:
    """End the interview, the draft graded first."""
    from tutor.study.grades import grade_answer

    interview.end_early(grade_answer(interview.current_check(), interview.draft, grader))
