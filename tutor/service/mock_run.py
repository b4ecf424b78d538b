"""The core's `MockInterview` as the mock interview screen drives it: an `InterviewRun`.

Grading is a step of its own before recording: the screen reads the step's check on the
event loop (`current_check`), grades in a thread worker with `grade` (it may call SymPy
and take seconds), and hands the grade to `submit`, `time_out` or `end_early`, which
record it at once. Nothing here grades on the caller's behalf, and nothing imports Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.grading.result import Grade
    from tutor.study.grades import Grader
    from tutor.study.mock import MockInterview, MockStep


class InterviewRun:
    """A mock interview in progress, over `tutor.study.mock.MockInterview`, with the
    backend's `grader` for `grade`."""

    def __init__(self, interview: MockInterview, grader: Grader) -> None:
        self.interview = interview
        self.grader = grader
        self.id = interview.id
        self.seed = interview.plan.seed

    @property
    def finished(self) -> bool:
        return self.interview.finished

    @property
    def draft(self) -> str:
        return self.interview.draft

    @property
    def total_seconds(self) -> float:
        return float(self.interview.plan.total_seconds)

    def current_step(self) -> MockStep | None:
        """The step asked now (prompt, question, number, follow-up index, time limit), or None."""
        return self.interview.current_step()

    def current_check(self) -> Any:
        """The check the current step is graded by (None: not graded); read it before grading."""
        return self.interview.current_check()

    def remaining_total(self) -> float:
        return self.interview.remaining_total()

    def remaining_question(self) -> float:
        return self.interview.remaining_question()

    def time_up(self) -> bool:
        """The current step (or the whole interview) has no time left: call `time_out`."""
        return self.interview.time_up()

    def update_draft(self, text: str) -> None:
        """What the learner has typed so far (saved by `tick`, handed in on time-out)."""
        self.interview.update_draft(text)

    def grade(self, check: Any, response: str) -> Grade | None:
        """The grade of `response` against `check` (from `current_check`), recording nothing.
        Pure and possibly slow (SymPy): call it in a worker. None: not graded."""
        from tutor.study.grades import grade_answer

        return grade_answer(check, response, self.grader)

    def submit(self, response: str, grade: Grade | None) -> Grade | None:
        """Answer the step and move on; returns an invalid grade (format error) instead of moving on."""
        return self.interview.submit(response, grade)

    def skip(self) -> None:
        self.interview.skip()

    def time_out(self, grade: Grade | None) -> None:
        """Hand in the draft (graded as `grade`) because time ran out, and move on."""
        self.interview.time_out(grade)

    def end_early(self, grade: Grade | None) -> None:
        """Hand in the draft (graded as `grade`) and end the interview here."""
        self.interview.end_early(grade)

    def tick(self) -> None:
        """About once a second: saves the draft and elapsed time (hands nothing in)."""
        self.interview.tick()

    def save(self) -> None:
        self.interview.save()
