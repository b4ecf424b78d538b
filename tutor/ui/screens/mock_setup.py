"""The mock interview mode: choose the size, time, levels, topics and seed, then start.

This is the screen the home screen's Mock mode opens. It also offers to resume an
interview left unfinished, and can start (`autostart`, from `tutor mock`) or resume
(`resume`, from the start-up offer) at once, so every interview screen sits on top
of it and escape from the debrief comes back home.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Label, SelectionList, Static

from tutor.service.mock_types import MockSettings
from tutor.ui.navigation import GoHome, MockSettingsUsed, backend_of
from tutor.ui.widgets.countdown import duration_text
from tutor.ui.widgets.ordered_keys import OrderedInput
from tutor.ui.widgets.quiet_footer import QuietFooter
from tutor.ui.widgets.tick_boxes import TickBox, TickList
from tutor.ui.widgets.title_bar import TitleBar
from tutor.words import plural, topic_title

if TYPE_CHECKING:
    from tutor.packs.model import Pack
    from tutor.service.mock_run import InterviewRun

LEVELS = ("basic", "intermediate", "advanced")


class MockSetupScreen(Screen[None]):
    """Set up a timed mock interview (enter or ctrl+s starts it)."""

    BINDING_GROUP_TITLE = "Mock interview"
    BINDINGS = [
        Binding("ctrl+s", "start", "Start"),
        Binding("ctrl+o", "history", "Past interviews"),
        Binding("escape", "home", "Home"),
    ]

    def __init__(
        self,
        pack: Pack,
        *,
        settings: MockSettings | None = None,
        autostart: bool = False,
        resume: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.pack = pack
        self.settings = settings or MockSettings()
        self.given = settings is not None
        """Settings given by the caller (the command line) win over the ones last used."""
        self.autostart = autostart
        self.resume = resume

    def compose(self) -> ComposeResult:
        if not self.given:  # a second interview starts from the first one's settings, not the defaults
            self.settings = getattr(self.app, "mock_settings_used", {}).get(self.pack.meta.id, self.settings)
        settings = self.settings
        yield TitleBar("Mock interview", str(self.pack.meta.title),
                       "timed, follow-ups, feedback at the end", id="title", classes="title-bar")
        with VerticalScroll(id="mock-setup"):
            with Horizontal(classes="setup-row"):
                yield Label("Questions", classes="setup-label")
                yield OrderedInput(str(settings.questions), type="integer", id="mock-questions", compact=True)
                yield Label("Minutes (at least)", classes="setup-label")
                yield OrderedInput(f"{settings.minutes:g}", type="number", id="mock-minutes", compact=True)
                yield Label("Seed", classes="setup-label")
                yield OrderedInput("" if settings.seed is None else str(settings.seed), type="integer",
                                   placeholder="random", id="mock-seed", compact=True)
            with Horizontal(classes="setup-row", id="mock-levels"):
                yield Label("Levels", classes="setup-label")
                for level in LEVELS:
                    yield TickBox(level, not settings.levels or level in settings.levels, id=f"level-{level}",
                                   compact=True)
            yield Label(Content.from_markup("Topics [dim](none ticked: every topic)[/dim]"), classes="setup-label")
            topics = sorted({topic for question in self.pack.questions for topic in question.topics})
            yield TickList(*((topic_title(topic), topic, topic in settings.topics) for topic in topics),
                                     id="mock-topics")
            yield Static(id="mock-preview")
            yield Button("Start the interview", id="mock-start", variant="primary", compact=True)
            yield Static(id="mock-past")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.run_worker(backend_of(self).prepare_grading, thread=True, group="prepare-grading",
                        exit_on_error=False)
        self.query_one("#mock-questions", Input).focus()
        self.update_preview()
        self.show_past()
        if self.resume is not None:
            self.call_after_refresh(self.resume_interview, self.resume)
        elif self.autostart:
            self.call_after_refresh(self.action_start)
        else:
            self.call_after_refresh(self.offer_resume)

    def on_screen_resume(self) -> None:
        self.show_past()

    # ---- settings ---------------------------------------------------------------

    def read_settings(self) -> MockSettings:
        """The settings typed in; raises ValueError with one line when one cannot be used."""
        questions = _whole(self.query_one("#mock-questions", Input).value, "The number of questions", 1)
        minutes = _positive(self.query_one("#mock-minutes", Input).value, "The minutes")
        seed_text = self.query_one("#mock-seed", Input).value.strip()
        seed = None if not seed_text else _whole(seed_text, "The seed", 0)
        levels = tuple(level for level in LEVELS if self.query_one(f"#level-{level}", Checkbox).value)
        if not levels:
            raise ValueError("Tick at least one level.")
        if len(levels) == len(LEVELS):
            levels = ()
        topics = tuple(self.query_one("#mock-topics", SelectionList).selected)
        return MockSettings(questions=questions, minutes=minutes, levels=levels, topics=topics, seed=seed)

    def update_preview(self) -> bool:
        """Say what the settings would give; False (and why, in red) when they give nothing."""
        preview = self.query_one("#mock-preview", Static)
        try:
            settings = self.read_settings()
            plan = backend_of(self).mock_preview(self.pack, settings)
        except ValueError as error:
            preview.update(Content.from_markup("[$text-error]$error[/]", error=str(error)))
            return False
        levels = ", ".join(f"{count} {level}" for level, count in plan.by_level)
        each = plan.seconds / plan.questions
        longer = plan.seconds > settings.minutes * 60 + 30  # the steps need more than was asked for
        preview.update(Content.from_markup(
            "[b]$count[/b] ($levels) in [b]$total[/b], about $each each with its follow-ups$longer",
            count=plural(plan.questions, "question"), levels=levels,
            total=duration_text(plan.seconds), each=duration_text(each),
            # the minutes are a floor: say why the total is above it without blaming the learner's entry
            longer=(f" (the time these questions need to be read and answered, more than the {settings.minutes:g}"
                    " minutes set; fewer questions make a shorter interview)" if longer else ""),
        ))
        return True

    def show_past(self) -> None:
        count = len(backend_of(self).mock_history())
        text = "No past interviews yet." if not count else (
            f"{plural(count, 'past interview')}: ctrl+o lists them.")
        self.query_one("#mock-past", Static).update(Content.from_markup("[dim]$text[/dim]", text=text))

    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(SelectionList.SelectedChanged)
    def _settings_changed(self) -> None:
        self.update_preview()

    @on(Input.Submitted)
    @on(Button.Pressed, "#mock-start")
    def _start_pressed(self) -> None:
        self.action_start()

    # ---- starting ---------------------------------------------------------------

    def action_start(self) -> None:
        """Start the interview with these settings."""
        if not self.update_preview():
            self.notify(str(self.query_one("#mock-preview", Static).render()), severity="error")
            return
        settings = self.read_settings()
        run = backend_of(self).start_mock(self.pack, settings)
        self.post_message(MockSettingsUsed(self.pack.meta.id, settings))
        self.open_interview(run)

    def open_interview(self, run: InterviewRun) -> None:
        from tutor.ui.screens.mock_interview import MockInterviewScreen

        self.app.push_screen(MockInterviewScreen(self.pack, run))

    def offer_resume(self) -> None:
        """An interview of this pack left unfinished: resume it, discard it or leave it."""
        from tutor.ui.screens.mock_resume import offer_resume

        waiting = [mock for mock in backend_of(self).unfinished_mocks() if mock.pack_id == self.pack.id]
        if waiting:
            offer_resume(self.app, waiting[0], str(self.pack.meta.title), self.resume_interview)

    def resume_interview(self, mock_id: int) -> None:
        try:
            run = backend_of(self).resume_mock(mock_id, self.pack)
        except (RuntimeError, ValueError) as error:  # e.g. finished meanwhile in another window
            self.notify(f"Could not resume the interview: {error}", severity="error")
            return
        self.open_interview(run)

    # ---- other actions ----------------------------------------------------------

    def action_history(self) -> None:
        """The past mock interviews, to reopen any debrief."""
        from tutor.ui.screens.mock_history import MockHistoryScreen

        self.app.push_screen(MockHistoryScreen())

    def action_home(self) -> None:
        """Back to the home screen."""
        self.post_message(GoHome())


def _whole(text: str, what: str, minimum: int) -> int:
    """`text` as a whole number of at least `minimum`, or ValueError saying what is wrong."""
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(f"{what} must be a whole number.") from None
    if value < minimum:
        raise ValueError(f"{what} must be at least {minimum}.")
    return value


def _positive(text: str, what: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise ValueError(f"{what} must be a number.") from None
    if not value > 0:
        raise ValueError(f"{what} must be more than 0.")
    return value
