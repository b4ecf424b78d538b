"""The offer to resume a mock interview that was left unfinished (closed or crashed).

Shown at start-up and when the Mock mode opens: resume it with the time it had left,
discard it (its answers stay in the store, it leaves the list), or decide later.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tutor.study.clock import format_local
from tutor.ui.navigation import backend_of
from tutor.ui.widgets.countdown import duration_text

if TYPE_CHECKING:
    from tutor.service.mock_types import UnfinishedMock

RESUME, DISCARD = "resume", "discard"


class ResumeMockScreen(ModalScreen[str | None]):
    """Resume (r), discard (d) or leave for later (escape) an unfinished interview."""

    BINDING_GROUP_TITLE = "Unfinished interview"
    BINDINGS = [
        Binding("r", f"choose('{RESUME}')", "Resume"),
        Binding("d", f"choose('{DISCARD}')", "Discard"),
        Binding("escape", "choose('')", "Later"),
    ]

    def __init__(self, mock: UnfinishedMock, pack_title: str) -> None:
        super().__init__()
        self.mock = mock
        self.pack_title = pack_title

    def compose(self) -> ComposeResult:
        mock = self.mock
        with Vertical(classes="dialog", id="resume-dialog"):
            yield Static(Content.from_markup(
                "[b]You have an unfinished mock interview[/b]\n"
                "$pack, started $date\n"
                "$done of $count questions done · [b]$left[/b] left",
                pack=self.pack_title, date=format_local(mock.started_at, backend_of(self).tz), done=mock.done,
                count=mock.questions, left=duration_text(mock.remaining_seconds),
            ), classes="dialog--text")
            with Horizontal(classes="dialog--buttons"):
                yield Button(Content.from_markup("Resume [dim](r)[/dim]"), id=RESUME, variant="primary",
                             compact=True)
                yield Button(Content.from_markup("Discard [dim](d)[/dim]"), id=DISCARD, compact=True)
                yield Button(Content.from_markup("Later [dim](esc)[/dim]"), id="later", compact=True)

    def on_mount(self) -> None:
        self.query_one(f"#{RESUME}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id if event.button.id in (RESUME, DISCARD) else "")

    def action_choose(self, choice: str) -> None:
        """Resume, discard, or leave the interview for later."""
        self.dismiss(choice or None)


def offer_resume(
    app: App[Any],
    mock: UnfinishedMock,
    pack_title: str,
    resume: Callable[[int], object],
    then: Callable[[], object] | None = None,
) -> None:
    """Ask about `mock`; `resume(mock_id)` if wanted, else discard it if asked, then `then()`."""

    def chosen(choice: str | None) -> None:
        if choice == RESUME:
            resume(mock.mock_id)
            return
        if choice == DISCARD:
            backend_of(app).discard_mock(mock.mock_id)
            app.notify("The unfinished interview was discarded.", timeout=3)
        if then is not None:
            then()

    app.push_screen(ResumeMockScreen(mock, pack_title), chosen)
