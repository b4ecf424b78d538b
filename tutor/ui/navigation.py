"""How screens ask the app to go somewhere: messages the app handles, and the two
things a mode screen may offer when its pack is reloaded or a question is jumped to.

A screen never calls the app's navigation or writes its state: it posts one of these
(they bubble from the screen to the app), and `TutorApp` handles them (`on_open_mode`,
`on_go_home` ...). The app checks `Reopenable` and `JumpsToQuestion` explicitly rather
than looking for methods by name.

Imports nothing of tutor's screens or app, so both can import it; `backend_of` is how a
screen reads the app's backend without naming the app's class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, cast

from textual.app import App
from textual.message import Message

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from tutor.packs.model import Pack
    from tutor.service.protocol import Backend
    from tutor.ui.screens.lab_pick import LabTarget


class OpenMode(Message):
    """Open the mode `mode` on `pack_id` (None: the current pack), with the screen's `options`."""

    def __init__(self, mode: str, pack_id: str | None = None, **options: Any) -> None:
        super().__init__()
        self.mode = mode
        self.pack_id = pack_id
        self.options = options


class GoHome(Message):
    """Back to the home screen (every screen above it closes)."""


class OpenLab(Message):
    """Open the lab over the current screen on a question's simulation (escape comes back)."""

    def __init__(self, target: LabTarget) -> None:
        super().__init__()
        self.target = target


class PackHighlighted(Message):
    """The home screen's cursor is on `pack_id`: modes open on it from now on."""

    def __init__(self, pack_id: str) -> None:
        super().__init__()
        self.pack_id = pack_id


class CountsStale(Message):
    """Due/new/studied may have changed (a session ended): count them again and show them."""


class ThemePicked(Message):
    """The learner picked the theme `theme` (the app applies and saves it)."""

    def __init__(self, theme: str) -> None:
        super().__init__()
        self.theme = theme


class MockSettingsUsed(Message):
    """A mock interview started on pack `pack_id` with `settings` (the app keeps them for the
    next interview's setup)."""

    def __init__(self, pack_id: str, settings: Any) -> None:
        super().__init__()
        self.pack_id = pack_id
        self.settings = settings


class OpenMockDebrief(Message):
    """Show the debrief of the mock interview `mock_id`, taken on the pack `pack_id`."""

    def __init__(self, pack_id: str, mock_id: int, *, from_history: bool = False) -> None:
        super().__init__()
        self.pack_id = pack_id
        self.mock_id = mock_id
        self.from_history = from_history


class Reopenable:
    """A mode screen that can be reopened where the learner is when its pack is reloaded."""

    pack: Pack

    def reload_options(self) -> dict[str, Any] | None:
        """The options that reopen this mode at the same place, or None to keep this screen."""
        return {}


class JumpsToQuestion:
    """A mode screen that goes on (counters kept) when the palette jumps to a question."""

    pack: Pack

    def options_to_go_to(self, question_id: str) -> dict[str, Any]:
        """The options that reopen this mode on `question_id`."""
        raise NotImplementedError


class _HasBackend(Protocol):
    backend: Backend


def backend_of(node: MessagePump) -> Backend:
    """The app's backend (the core, through small protocols), which a screen reads but never replaces."""
    app = node if isinstance(node, App) else node.app
    return cast("_HasBackend", app).backend
