"""The core's `MockInterview` as the mock interview screen drives it: an `InterviewRun`.

The interview grades through an injected `grader`. In the app, grading happens in a
thread worker first (it may load SymPy and take seconds); the grade is then handed to
a `PregradedGrader`, so the interview records exactly that grade without grading
again on the event loop. Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from tutor.grading.result import Grade
    from tutor.study.mock import MockInterview, MockStep

_NOTHING = object()


class PregradedGrader:
    """A `grader` that returns the grade handed over for a response, else grades it itself.

    Grading itself is the fallback for the rare auto-submit the screen did not grade
    first (say, the whole interview ran out while the app was closed).
    """

    def __init__(self, grader: Callable[[Any, str], Any]) -> None:
        self.grader = grader
        self._handed: tuple[str, Any] | object = _NOTHING

    @contextmanager
    def handing(self, response: str, grade: Any) -> Iterator[None]:
        """Within the block, `grade` (None: ungraded, e.g. the grader failed) is the verdict
        on `response`; after it nothing is left over for a later call to pick up."""
        self._handed = (response, grade)
        try:
            yield
        finally:
            self._handed = _NOTHING

    def __call__(self, check: Any, response: str) -> Any:
        handed = self._handed
        if isinstance(handed, tuple) and handed[0] == response:
            self._handed = _NOTHING
            return handed[1]
        return self.grader(check, response)


class InterviewRun:
    """A mock interview in progress, over `tutor.study.mock.MockInterview`.

    Grading may take seconds, so the screen grades in a worker with `grade` and hands
    the grade to `submit`, `time_out` or `end_early`, which record it at once.
    """

    def __init__(self, interview: MockInterview, grader: PregradedGrader) -> None:
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

    def remaining_total(self) -> float:
        return self.interview.remaining_total()

    def remaining_question(self) -> float:
        return self.interview.remaining_question()

    def time_up(self) -> bool:
        """The current step (or the whole interview) has no time left: call `time_out`."""
        return not self.finished and self.interview.remaining_question() <= 0

    def update_draft(self, text: str) -> None:
        """What the learner has typed so far (saved by `tick`, handed in on time-out)."""
        self.interview.update_draft(text)

    def grade(self, response: str) -> Grade | None:
        """The grade of `response` on the current step, recording nothing (worker; None: not graded)."""
        # the interview hands back what its grader gave: the backend's `grade`, a Grade
        return cast("Grade | None", self.interview.grade_response(response))

    def submit(self, response: str, grade: Grade | None) -> Grade | None:
        """Answer the step and move on; returns an invalid grade (format error) instead of moving on."""
        with self.grader.handing(response, grade):
            return cast("Grade | None", self.interview.submit(response))

    def skip(self) -> None:
        self.interview.skip()

    def time_out(self, grade: Grade | None) -> None:
        """Hand in the draft (graded as `grade`) because time ran out, and move on."""
        with self.grader.handing(self.interview.draft, grade):
            self.interview.tick()

    def end_early(self, grade: Grade | None) -> None:
        """Hand in the draft (graded as `grade`) and end the interview here."""
        with self.grader.handing(self.interview.draft, grade):
            self.interview.end_early()

    def tick(self) -> bool:
        """About once a second: saves the draft and elapsed time; True if the step changed."""
        return self.interview.tick()

    def save(self) -> None:
        self.interview.save()
