"""The tutor Textual app: packs, modes, themes, help and the command palette.

`run_app` is what a bare `tutor` runs. The app holds the `Backend` (the core seen
through small protocols) and the current pack; each mode is a screen imported only
when it opens (see `tutor.ui.modes`), so the home screen starts without SymPy, NumPy
or plotext.
"""

from __future__ import annotations

import sys
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from tutor.ui.backend import Backend, PackEntry, PackLike
from tutor.ui.commands import TutorCommands
from tutor.ui.modes import mode_named
from tutor.ui.screens.home import HomeScreen
from tutor.ui.themes import THEMES, TUTOR_DARK, toggled

if TYPE_CHECKING:
    from tutor.packs.schema import Question


class TutorApp(App[None]):
    """Study and practise interview questions, with the evidence behind each answer."""

    CSS_PATH = "styles/app.tcss"
    TITLE = "tutor"
    COMMANDS = App.COMMANDS | {TutorCommands}
    BINDING_GROUP_TITLE = "Everywhere"
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("f1", "help", "Help", show=False),  # works while typing in an answer box
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, backend: Backend, *, pack_id: str | None = None, theme: str | None = None) -> None:
        super().__init__()
        self.backend = backend
        for tutor_theme in THEMES:
            self.register_theme(tutor_theme)
        self.theme = theme or TUTOR_DARK.name
        self._wanted_pack_id = pack_id

    def on_mount(self) -> None:
        for notice in self.backend.notices():
            self.notify(notice, severity="warning", timeout=10)

    # ---- packs ------------------------------------------------------------------

    @cached_property
    def entries(self) -> list[PackEntry]:
        """The packs found at start-up (loaded once; broken ones carry their error)."""
        return self.backend.packs()

    @cached_property
    def pack_id(self) -> str | None:
        """The current pack: the one asked for, else the first that loaded."""
        usable = [entry.id for entry in self.entries if entry.usable]
        if self._wanted_pack_id in usable:
            return self._wanted_pack_id
        return usable[0] if usable else None

    def entry(self, pack_id: str | None) -> PackEntry | None:
        return next((entry for entry in self.entries if entry.id == pack_id), None)

    @property
    def pack(self) -> PackLike | None:
        entry = self.entry(self.pack_id)
        return entry.pack if entry else None

    def select_pack(self, pack_id: str) -> None:
        """Make `pack_id` the current pack (home highlights it; modes open on it)."""
        entry = self.entry(pack_id)
        if entry is None or not entry.usable:
            self.notify(f"Pack '{pack_id}' cannot be opened: {entry.error if entry else 'not found'}",
                        severity="error")
            return
        self.pack_id = pack_id
        if isinstance(self.screen, HomeScreen):
            self.screen.show_pack(pack_id)

    def find_question(self, pack_id: str, question_id: str) -> Question | None:
        entry = self.entry(pack_id)
        if entry is None or entry.pack is None:
            return None
        return next((q for q in entry.pack.questions if q.id == question_id), None)

    # ---- modes and screens ------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return HomeScreen()

    def open_mode(self, name: str, *, pack_id: str | None = None, **options: Any) -> None:
        """Open a mode on a pack, replacing any mode screen already open."""
        mode = mode_named(name)
        if not mode.available:
            self.notify(f"{mode.title} is coming soon.", title=mode.title)
            return
        if pack_id is not None:
            self.select_pack(pack_id)
        pack = self.pack
        if pack is None:
            self.notify("No pack could be loaded: see the list of packs for the errors.", severity="error")
            return
        screen = mode.screen_class()(pack, **options)
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) == 2:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def open_question(self, pack_id: str, question_id: str) -> None:
        """Practise one question first (the command palette's "go to question")."""
        self.open_mode("practice", pack_id=pack_id, first=question_id)

    def go_home(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    # ---- actions ----------------------------------------------------------------

    def action_help(self) -> None:
        """Show every key of the current screen."""
        from tutor.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_theme(self) -> None:
        """Switch between the dark and the light theme."""
        self.theme = toggled(self.current_theme.dark)


def run_app(pack_paths: list[Path] | None = None, *, theme: str | None = None) -> int:
    """Run the app over the real core: packs found (plus `pack_paths`), the user's store.

    Returns the exit code: 0, or 2 when the store cannot be used (one line on stderr).
    The first of `pack_paths` that loads is the pack the app opens on.
    """
    from tutor.store import StoreError
    from tutor.ui.core_backend import CoreBackend

    backend = CoreBackend(pack_paths or [])
    try:
        backend.store  # open it now: an unusable store is one clear line, not a traceback
    except StoreError as error:
        print(f"tutor: {error}", file=sys.stderr)
        return 2
    try:
        TutorApp(backend, pack_id=backend.first_pack_id(), theme=theme).run()
    finally:
        backend.close()
    return 0
