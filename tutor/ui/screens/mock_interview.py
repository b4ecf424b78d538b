"""The mock interview itself: one question or follow-up at a time, against two clocks.

No feedback until the debrief. The interval timer reads the injected clock through
the `InterviewRun`: it redraws the countdown and lets the run save the draft and elapsed
time; when a question's time is up, what was typed is handed in and the next step
comes. Nothing is graded on the event loop: the step's check is read here, the response
is graded against it in a thread worker, and the grade is handed to the run, which
records it at once, so a crash loses at most the last few seconds of typing. An
interview resumed after its time ran out hands its draft in the same way as it opens.

Nothing typed may be lost, so the answer is never read from outside the box while
keys may still be queued for it: enter is handled by the box itself (`AnswerArea`),
and a time-out reads the box only after every key received so far has reached it
(`after_pending_keys`). Keys typed while an answer is being graded stay in the box
and become the start of the next answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static, TextArea

from tutor.ui.navigation import GoHome
from tutor.ui.pending_keys import after_pending_keys
from tutor.ui.widgets.answer_area import AnswerArea
from tutor.ui.widgets.answer_box import format_error, placeholder_for
from tutor.ui.widgets.countdown import Countdown
from tutor.ui.widgets.question_view import options_text
from tutor.ui.widgets.quiet_footer import QuietFooter
from tutor.ui.widgets.status_line import StatusLine
from tutor.words import topics_text

if TYPE_CHECKING:
    from tutor.grading.result import Grade
    from tutor.packs.model import Pack
    from tutor.service.mock_run import InterviewRun

TICK_SECONDS = 0.5
FOLLOW_UP_PLACEHOLDER = "Answer as you would out loud, then enter"

TIMED_OUT_NOTICE = Content.from_markup(
    "[$text-warning]Time ran out on the last question: what you had typed was handed in.[/]")
SUBMIT, TIME_OUT, END = "submit", "time_out", "end"
"""Why a response is being graded: answered, its time ran out, or the interview was ended."""


class HandInArea(AnswerArea):
    """The mock's answer box: the footer says what enter does here."""

    BINDINGS = [Binding("enter", "submit", "Hand in")]


class MockInterviewScreen(Screen[None]):
    """Answer each question before its clock runs out (enter hands the answer in)."""

    BINDING_GROUP_TITLE = "Mock interview"
    BINDINGS = [
        Binding("ctrl+n", "skip", "Skip"),
        Binding("ctrl+g", "end_early", "End early"),
        Binding("escape", "pause", "Pause"),
        Binding("pageup", "scroll_card('page_up')", "Page up", show=False),
        Binding("pagedown", "scroll_card('page_down')", "Page down", show=False),
    ]

    class Graded(Message):
        """A response was graded in the worker (`grade` None: not graded, or `error`)."""

        def __init__(self, reason: str, position: int, response: str, grade: Grade | None,
                     error: str | None) -> None:
            super().__init__()
            self.reason = reason
            self.position = position
            self.response = response
            self.grade = grade
            self.error = error

    def __init__(self, pack: Pack, run: InterviewRun, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pack = pack
        self.run = run
        self.position: int | None = None
        self.grading: str | None = None
        """Why a grade is being computed (SUBMIT, TIME_OUT, END), or None."""
        self.timing_out = False
        """The time is up and the box is being read once the keys in flight are in."""
        self.handed: str | None = None
        """The text last handed in: what the box holds beyond it was typed for the next step."""

    def compose(self) -> ComposeResult:
        yield Static(id="title", classes="title-bar")
        yield Countdown(id="countdown")
        with VerticalScroll(id="card"):
            yield Static(id="mock-asked")
            yield Static(id="mock-context")
            yield Static(id="mock-prompt")
            yield Static(id="mock-options")
            yield HandInArea(id="mock-answer")
            yield StatusLine(id="mock-status")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.show_step()
        self.set_interval(TICK_SECONDS, self.tick)
        if self.run.time_up():  # resumed with no time left: hand the draft in now
            self.tick()

    def on_unmount(self) -> None:
        """Leaving (pause, quit): keep the draft and the time used."""
        if not self.run.finished:
            self.run.save()

    # ---- the step ---------------------------------------------------------------

    def show_step(self) -> None:
        """Show the run's current step (or open the debrief when the interview is over)."""
        step = self.run.current_step()
        if step is None:
            self.open_debrief()
            return
        self.position = step.position
        question = step.question
        self.query_one("#title", Static).update(Content.from_markup(
            "[b]Mock interview[/b] · $pack", pack=str(self.pack.meta.title)))
        level, topics = question.level.value, topics_text(question.topics)
        if step.is_follow_up:
            asked = Content.from_markup("[b $text-accent]Follow-up[/] [dim]on question $number[/dim]",
                                        number=step.number)
            context = Content.from_markup("[dim]$prompt[/dim]", prompt=" ".join(question.prompt.split()))
            options = None
        else:
            asked = Content.from_markup("[b $text-accent]Question $number of $count[/] [dim]$level · $topics[/dim]",
                                        number=step.number, count=step.question_count, level=level, topics=topics)
            context, options = None, options_text(question)
        self._fill("#mock-asked", asked)
        self._fill("#mock-context", context)
        self._fill("#mock-prompt", Content(step.prompt.strip()))
        self._fill("#mock-options", options)
        answer = self.answer_area
        answer.placeholder = _placeholder(step)
        typed_ahead = self._typed_ahead()
        self.handed = None
        answer.value = self.run.draft or typed_ahead
        if answer.value != self.run.draft:
            self.run.update_draft(answer.value)
        answer.focus()
        self.show_status("")
        self.query_one("#card", VerticalScroll).scroll_home(animate=False)
        self.update_clocks()
        self.refresh_bindings()

    @property
    def answer_area(self) -> AnswerArea:
        return self.query_one("#mock-answer", AnswerArea)

    def _typed_ahead(self) -> str:
        """What was typed into the box after the last answer was handed in."""
        text, handed = self.answer_area.value, self.handed
        return text[len(handed):].lstrip() if handed is not None and text.startswith(handed) else ""

    def _fill(self, selector: str, content: Content | None) -> None:
        widget = self.query_one(selector, Static)
        widget.display = content is not None
        widget.update(content or "")

    def show_status(self, content: Content | str, *, into_view: bool = False) -> None:
        """Say something under the answer box; `into_view` scrolls it on screen (a format error
        under a long question was below the fold at 80x24)."""
        self.query_one("#mock-status", StatusLine).show(content, into_view=into_view)

    def update_clocks(self) -> None:
        step = self.run.current_step()
        if step is None:
            return
        self.query_one(Countdown).show(
            total_left=self.run.remaining_total(), total=self.run.total_seconds,
            question_left=self.run.remaining_question(), question_limit=step.time_limit,
        )

    # ---- time -------------------------------------------------------------------

    def tick(self) -> None:
        """Redraw the clocks; save the draft; hand it in when the time is up."""
        if self.grading is not None or self.timing_out or self.run.finished:
            return
        if self.run.time_up():
            self.update_clocks()
            self.timing_out = True  # read the box once the keys already sent have reached it
            after_pending_keys(self.answer_area, self.call_later, self._time_out)
            return
        self.run.tick()  # saves only: a time-out is handed in above, graded in a worker
        self.update_clocks()

    # ---- answering --------------------------------------------------------------

    def _time_out(self) -> None:
        """The question's time is up: hand in everything typed (unless enter came first)."""
        self.timing_out = False
        if self.grading is None and not self.run.finished:
            self.hand_in(TIME_OUT, self.answer_area.value)

    @on(TextArea.Changed, "#mock-answer")
    def _typed(self, event: TextArea.Changed) -> None:
        if self.grading is None:
            self.run.update_draft(event.text_area.text)

    @on(AnswerArea.Submitted, "#mock-answer")
    def _submitted(self, event: AnswerArea.Submitted) -> None:
        """Hand in your answer and go on (no verdict until the debrief)."""
        event.stop()
        response = event.value
        if self.grading is not None or self.run.finished:
            return
        if not response.strip():
            self.show_status(Content.from_markup("[dim]Type an answer, or ctrl+n to skip this one.[/dim]"),
                             into_view=True)
            return
        self.hand_in(SUBMIT, response)

    def hand_in(self, reason: str, response: str) -> None:
        """Grade `response` in a worker; the run records it when the grade is back."""
        if self.position is None:
            return
        self.grading, self.handed = reason, response
        self.run.update_draft(response)
        if reason == TIME_OUT:
            self.show_status(Content.from_markup("[$text-warning]Time is up: what you typed is handed in.[/]"))
        self.refresh_bindings()
        self._grade(reason, self.position, self.run.current_check(), response)

    @work(thread=True, exclusive=True, group="mock-grading")
    def _grade(self, reason: str, position: int, check: Any, response: str) -> None:
        try:
            grade, error = self.run.grade(check, response), None
        except Exception as failure:  # noqa: BLE001 - a grader bug must not lose the interview
            grade, error = None, f"{type(failure).__name__}: {failure}"
        self.post_message(self.Graded(reason, position, response, grade, error))

    @on(Graded)
    def _graded(self, event: Graded) -> None:
        self.grading = None
        if self.run.finished or self.position != event.position:
            self.after_step()
            return
        if event.reason == SUBMIT:
            if event.error is not None:
                self._reopen(Content.from_markup("[$text-error]Could not check this answer ($error).[/]",
                                                 error=event.error))
                return
            invalid = self.run.submit(event.response, event.grade)
            if invalid is not None:  # a format error is not an answer: fix it and hand it in again
                self._reopen(format_error(event.response, invalid.error_offset, invalid.feedback))
                return
        elif event.reason == TIME_OUT:
            self.run.time_out(event.grade)
            self.notify("What you had typed was handed in.", title="Time is up", timeout=4)
            self.after_step()
            if not self.run.finished:  # said where the learner looks, not only in a toast
                self.show_status(TIMED_OUT_NOTICE)
            return
        else:
            self.run.end_early(event.grade)
        self.after_step()

    def _reopen(self, status: Content) -> None:
        self.handed = None
        self.run.update_draft(self.answer_area.value)
        self.answer_area.focus()
        self.show_status(status, into_view=True)
        self.refresh_bindings()

    def after_step(self) -> None:
        if self.run.finished:
            self.open_debrief()
        else:
            self.show_step()

    def open_debrief(self) -> None:
        """The interview is over: the debrief takes this screen's place (above any dialog)."""
        from tutor.ui.screens.mock_debrief import MockDebriefScreen

        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        self.app.switch_screen(MockDebriefScreen(self.pack, self.run.id))

    # ---- actions ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("skip", "end_early", "pause"):
            return None if self.grading is not None or self.run.finished else True  # dimmed while grading
        return True

    def action_skip(self) -> None:
        """Pass on this question (and its follow-ups); it counts as not answered."""
        if self.grading is None and not self.run.finished:
            self.run.skip()
            self.after_step()

    def action_end_early(self) -> None:
        """End the interview now (after confirming); what you typed is handed in."""
        from tutor.ui.screens.confirm import ConfirmScreen

        question = (
            "End the interview now? What you typed is handed in; the questions left count as not answered."
        )
        self.app.push_screen(ConfirmScreen(question, yes="End it", no="Keep going"), self._end_confirmed)

    def _end_confirmed(self, confirmed: bool | None) -> None:
        if confirmed and self.grading is None and not self.run.finished:
            self.hand_in(END, self.answer_area.value)

    def action_pause(self) -> None:
        """Leave the interview for now: it is saved and the clock stops until you resume."""
        self.run.save()
        self.app.notify("Interview paused. Open Mock interview (m) to resume it.", timeout=5)
        self.post_message(GoHome())

    def action_scroll_card(self, how: str) -> None:
        """Scroll a long question while typing."""
        card = self.query_one("#card", VerticalScroll)
        (card.scroll_page_up if how == "page_up" else card.scroll_page_down)(animate=False)


def _placeholder(step: Any) -> str:
    """What the answer box says: the check's own hint, or for a follow-up without a check
    (not scored), to answer as one would out loud."""
    if not step.is_follow_up:
        return placeholder_for(step.question.check)
    check = getattr(step.question.follow_ups[step.follow_up_index], "check", None)
    return FOLLOW_UP_PLACEHOLDER if check is None else placeholder_for(check)
