"""Where the learner types an answer; grading runs in a thread worker.

Grading a symbolic answer may load SymPy and take seconds, so it never runs on the
event loop. A response with a format error does not count as an attempt: the box
points at the character, says what is wrong, and stays open for another try. Only a
real verdict leaves the box (as `AnswerBox.Graded`).

The answer is the text the box itself held when it handled enter (`AnswerArea`), so an
answer typed or pasted at full speed is graded whole, line breaks included.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import TextArea

from tutor import checks
from tutor.ui.widgets.answer_area import AnswerArea
from tutor.ui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from tutor.grading.result import Grade
    from tutor.packs.schema import Question

Grader = Callable[[Any, str], "Grade"]

def placeholder_for(check: Any) -> str:
    """What the empty box says, as the check's kind words it (a select-several question asks
    for letters, not one letter)."""
    return checks.kind_of(check).placeholder(check)


def format_error(response: str, offset: int | None, message: str) -> Content:
    """The response with a caret under the offending character, and the message."""
    if offset is None or not 0 <= offset <= len(response):
        return Content.from_markup("[$text-warning]$message[/]", message=message)
    return Content.from_markup(
        "[$text-warning]$response\n$caret\n$message[/]",
        response=response,
        caret=" " * offset + "^",
        message=message,
    )


class AnswerBox(Vertical):
    """An input for the answer to one question, graded by `grader` in a worker."""

    DEFAULT_CSS = """
    AnswerBox {
        height: auto;
        margin: 1 0 0 0;
        & > .answer--status { padding: 0 1; height: auto; }
    }
    """

    class Graded(Message):
        """A response got a verdict (right, wrong, partly right or undecided)."""

        def __init__(self, box: AnswerBox, response: str, grade: Grade, seconds: float) -> None:
            super().__init__()
            self.box = box
            self.response = response
            self.grade = grade
            self.seconds = seconds

        @property
        def control(self) -> AnswerBox:
            return self.box

    class SubmittedUngraded(Message):
        """Enter on an empty answer, or on a self-rated card: show the answer, no verdict."""

        def __init__(self, box: AnswerBox, response: str, seconds: float) -> None:
            super().__init__()
            self.box = box
            self.response = response
            self.seconds = seconds

    class CheckFailed(Message):
        """The grader itself failed (a bug, not the learner's fault); the box stays open."""

        def __init__(self, box: AnswerBox, error: str) -> None:
            super().__init__()
            self.box = box
            self.error = error

    def __init__(self, question: Question, grader: Grader, clock: Callable[[], datetime], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.question = question
        self.grader = grader
        self.clock = clock
        self.shown_at = clock()
        self.checking = False
        self.error_shown = False
        """A format error is on screen: it is about the text handed in, so editing clears it."""

    def compose(self) -> ComposeResult:
        yield AnswerArea(placeholder=placeholder_for(self.question.check), id="answer-input",
                         one_line=checks.kind_of(self.question.check).one_line)
        yield StatusLine(classes="answer--status")

    @property
    def input(self) -> AnswerArea:
        return self.query_one("#answer-input", AnswerArea)

    @property
    def response(self) -> str:
        """The text in the box now (reveal without grading reads it after a key binding,
        which comes after every key before it)."""
        return self.input.value.strip()

    def seconds(self) -> float:
        return max(0.0, (self.clock() - self.shown_at).total_seconds())

    def focus_input(self) -> None:
        self.input.focus()

    def close_input(self) -> None:
        """No more answers to this question (after a verdict or a reveal)."""
        self.input.disabled = True

    def show_status(self, content: Content | str, *, into_view: bool = False) -> None:
        """Say something under the box; `into_view` scrolls it on screen (what is wrong with
        the text handed in sat below the fold at 80x24 under a long question, and enter
        seemed to do nothing). The mock interview's screen says it the same way."""
        self.query_one(".answer--status", StatusLine).show(content, into_view=into_view)

    @on(AnswerArea.Submitted, "#answer-input")
    def _submitted(self, event: AnswerArea.Submitted) -> None:
        event.stop()
        if self.checking or self.input.disabled:
            return
        response = event.value.strip()
        if not response or checks.kind_of(self.question.check).self_rated:
            self.post_message(self.SubmittedUngraded(self, response, self.seconds()))
            return
        self.checking = True
        self.show_status(Content.from_markup("[dim]Checking…[/dim]"))
        self._grade(response, self.seconds())

    @work(thread=True, exclusive=True, group="grading")
    def _grade(self, response: str, seconds: float) -> None:
        try:
            grade = self.grader(self.question.check, response)
        except Exception as error:  # noqa: BLE001 - the app must survive a grader bug
            self.post_message(self.CheckFailed(self, f"{type(error).__name__}: {error}"))
            return
        self.post_message(self.Graded(self, response, grade, seconds))

    @on(Graded)
    def _graded(self, event: Graded) -> None:
        self.checking = False
        if event.grade.invalid:
            event.stop()  # a format error is not an attempt: stay here and say why
            self.show_status(format_error(event.response, event.grade.error_offset, event.grade.feedback),
                             into_view=True)
            self.error_shown = True
            self.input.focus()
            return
        self.show_status("")
        self.close_input()

    @on(TextArea.Changed, "#answer-input")
    def _edited(self, event: TextArea.Changed) -> None:
        """The text the error was about is gone (edited or cleared): so is the error, which
        otherwise stayed under an empty box."""
        if self.error_shown and not self.checking:
            self.error_shown = False
            self.show_status("")

    @on(CheckFailed)
    def _check_failed(self, event: CheckFailed) -> None:
        self.checking = False
        self.show_status(Content.from_markup("[$text-error]Could not check this answer ($error).[/]",
                                             error=event.error), into_view=True)
        self.input.focus()
