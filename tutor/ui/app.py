"""The tutor Textual app: packs, modes, themes, settings, help and the command palette.

`run_app` is what a bare `tutor` runs. The app holds the `Backend` (the core seen
through small protocols) and the current pack; each mode is a screen imported only
when it opens (see `tutor.ui.modes`), so the home screen starts without SymPy, NumPy
or plotext. The theme comes from the saved settings and is saved whenever it changes.

The app alone changes its state and moves between screens: a screen is given what it
shows in its constructor (the home screen: `show_packs`) and posts the messages of
`tutor.ui.navigation` (open a mode, go home, a pack highlighted ...), which the
`on_...` handlers below carry out.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from threading import Event
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.worker import Worker, get_current_worker

from tutor.memory import freeze_new_imports
from tutor.ui.modes import mode_named, mode_of
from tutor.ui.navigation import (
    CountsStale,
    GoHome,
    JumpsToQuestion,
    MockSettingsUsed,
    OpenLab,
    OpenMockDebrief,
    OpenMode,
    PackHighlighted,
    Reopenable,
    ThemePicked,
)
from tutor.ui.screens.home import HomeScreen
from tutor.ui.themes import THEMES, TUTOR_DARK, toggled

if TYPE_CHECKING:  # the core's types are annotations only: the home screen loads no study core
    from tutor.packs.model import Pack
    from tutor.packs.watch import PackWatcher
    from tutor.service.backend import CoreBackend
    from tutor.service.entries import PackEntry
    from tutor.service.mock_types import MockSettings, UnfinishedMock
    from tutor.service.protocol import Backend
    from tutor.study.counts import PackCounts
    from tutor.ui.commands import TutorCommands
    from tutor.ui.screens.lab_pick import LabTarget

def tutor_commands() -> type[TutorCommands]:
    """The palette's tutor commands, imported when the palette first opens (as Textual's own)."""
    from tutor.ui.commands import TutorCommands

    return TutorCommands


StartAction = Callable[["TutorApp"], object]
"""What to open once the packs are loaded, e.g. `tutor mock`'s new interview."""

WATCH_SECONDS = 1.0
"""How often `tutor --watch PATH` looks at the pack's files."""
ERROR_LINES = 5
"""How many lines of a broken pack's errors the notification shows."""
LISTED_DRAW_SECONDS = 1.0
"""How long loading the packs waits for the list from the pack index to be drawn (it
holds the interpreter while it parses; the list is drawn long before this)."""
LISTED_DRAW_POLL = 0.05  # how often the loader looks whether the app is quitting while it waits


def wait_until_drawn(drawn: Event, worker: Worker[Any]) -> bool:
    """Wait (at most LISTED_DRAW_SECONDS) for the indexed list to be drawn; False as soon as the
    worker is cancelled (the app quits), so quitting never waits for the loader."""
    waited = 0.0
    while not drawn.wait(LISTED_DRAW_POLL) and waited < LISTED_DRAW_SECONDS:
        if worker.is_cancelled:
            return False
        waited += LISTED_DRAW_POLL
    return not worker.is_cancelled


class TutorApp(App[None]):
    """Study and practise interview questions, with the evidence behind each answer."""

    CSS_PATH = Path(__file__).parent / "styles" / "app.tcss"  # absolute: subclasses live elsewhere
    SCREENS_CSS_PATH = Path(__file__).parent / "styles" / "screens.tcss"
    """The other screens' styles: read after the first frame (`_load_screen_styles`)."""
    TITLE = "tutor"
    COMMANDS = App.COMMANDS | {tutor_commands}
    BINDING_GROUP_TITLE = "Everywhere"
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("f1", "help", "Help"),  # shown while typing in an answer box, where ? is typed
        Binding("f5", "reload_pack", "Reload pack", show=False),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    class PacksLoaded(Message):
        """The packs were found and loaded (in a worker), with their progress counts."""

        def __init__(self, entries: list[PackEntry], counts: dict[str, PackCounts], error: str | None = None,
                     warnings: list[str] | None = None) -> None:
            super().__init__()
            self.entries = entries
            self.counts = counts
            self.error = error
            self.warnings = warnings or []
            """About the packs found: an id found twice, a TUTOR_PACKS entry ignored."""

    class PacksListed(Message):
        """Before the packs load: the list as the pack index keeps it, with its counts;
        `drawn` is set once it is on the screen."""

        def __init__(self, entries: list[PackEntry], counts: dict[str, PackCounts], drawn: Event) -> None:
            super().__init__()
            self.entries = entries
            self.counts = counts
            self.drawn = drawn

    class UnfinishedMocksFound(Message):
        """After the packs: the mock interviews left in progress (to offer resuming them)."""

        def __init__(self, unfinished: list[UnfinishedMock], error: str | None = None) -> None:
            super().__init__()
            self.unfinished = unfinished
            self.error = error

    class PackReloaded(Message):
        """The pack at `path` was loaded again: `pack` if it is valid, else its `errors`."""

        def __init__(self, path: Path, pack: Pack | None, errors: list[str], *, asked: bool) -> None:
            super().__init__()
            self.path = path
            self.pack = pack
            self.errors = errors
            self.asked = asked
            """Reloaded on request (a key), not because the files changed."""

    class PacksRediscovered(Message):
        """After `reloaded` loaded a pack with a new id: every pack found and loaded again (as
        at start-up), with counts and the warnings that are new; `entries` None on an error."""

        def __init__(self, reloaded: TutorApp.PackReloaded, entries: list[PackEntry] | None,
                     counts: dict[str, PackCounts], warnings: list[str]) -> None:
            super().__init__()
            self.reloaded = reloaded
            self.entries = entries
            self.counts = counts
            self.warnings = warnings

    def __init__(self, backend: Backend, *, pack_id: str | None = None, theme: str | None = None,
                 start: StartAction | None = None, watch: Path | None = None) -> None:
        super().__init__()
        self.backend = backend
        for tutor_theme in THEMES:
            self.register_theme(tutor_theme)
        wanted = theme or backend.settings().theme
        self._start_with_theme(wanted if wanted in self.available_themes else TUTOR_DARK.name)
        self.entries: list[PackEntry] = []
        """The packs found (broken ones carry their error); empty until `packs_loaded`."""
        self.counts: dict[str, PackCounts] = {}
        self.packs_loaded = False
        self.pack_id: str | None = None
        """The current pack: the one asked for, else the first given with --pack, else the first."""
        self._wanted_pack_id = pack_id
        self._after_load: list[Callable[[], object]] = []
        self._start = start
        self.watched = Path(watch).resolve() if watch is not None else None
        """The pack reloaded whenever its files change (`tutor --watch PATH`)."""
        self.watchers: dict[Path, PackWatcher] = {}
        self._reload_failed = False
        self.mock_settings_used: dict[str, MockSettings] = {}
        """Per pack, the settings of the last mock interview started: the setup opens with them."""

    def _start_with_theme(self, name: str) -> None:
        """Begin in the theme `name` as if it had been Textual's default.

        Assigning `self.theme` here would run Textual's theme watcher, which queues a second
        parse of every stylesheet and a restyle of the whole screen for the first frame (the
        first parse would use the default theme's colours): about a tenth of the start.
        Nothing is parsed yet, so setting the reactive quietly and doing the watcher's other
        work (the theme's classes, the ANSI colour filter, the CSS variables) is enough; and
        it is not a change for `watch_theme` to save."""
        self.set_reactive(App.theme, name)
        dark = self.current_theme.dark
        classes = {name: False for name in self.classes if name.startswith("-theme-")}
        self.update_classes({**classes, f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark},
                            update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def on_mount(self) -> None:
        for notice in self.backend.notices():
            self.notify(notice, severity="warning", timeout=10)

    def on_ready(self) -> None:
        """The first frame is up: now load the packs (a worker holding the GIL before
        that would delay it by the whole import of the pack schema)."""
        self._load_packs()

    # ---- packs ------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="packs")
    def _load_packs(self) -> None:
        """Find and load the packs off the event loop: the home screen draws meanwhile. If
        the pack index is current, its list goes up first and the packs load once it is drawn."""
        try:
            listed = self.backend.listed_packs()
        except Exception:  # noqa: BLE001 - the index is a shortcut: loading the packs says what is wrong
            listed = None
        if listed is not None:
            drawn = Event()
            self.post_message(self.PacksListed(*listed, drawn))
            if not wait_until_drawn(drawn, get_current_worker()):
                return  # the learner quit while the list was drawn
        try:
            entries = self.backend.packs()
            counts = {entry.id: self.backend.counts(entry.pack) for entry in entries if entry.pack is not None}
            warnings = self.backend.pack_warnings()
        except Exception as error:  # noqa: BLE001 - say it in one line, keep the app
            self.post_message(self.PacksLoaded([], {}, error=f"Could not load the packs: {error}"))
            return
        self.post_message(self.PacksLoaded(entries, counts, warnings=warnings))
        try:  # after the packs are listed: this loads the mock interview core
            self.post_message(self.UnfinishedMocksFound(self.backend.unfinished_mocks()))
        except Exception as error:  # noqa: BLE001 - the packs are still usable
            self.post_message(self.UnfinishedMocksFound([], f"Could not look for unfinished interviews: {error}"))

    @on(PacksListed)
    def _packs_listed(self, event: PacksListed) -> None:
        """Show the indexed list on the home screen until the packs are loaded; the app's
        own state (entries, current pack) waits for them, so no mode opens on the index."""
        from tutor.service.entries import pack_to_open

        if not self.packs_loaded:
            chosen = pack_to_open(event.entries, self._wanted_pack_id, listed=True)
            for screen in self.screen_stack:
                if isinstance(screen, HomeScreen):
                    screen.show_packs(event.entries, event.counts, chosen.id if chosen else None)
        self.call_after_refresh(event.drawn.set)

    @on(PacksLoaded)
    def _packs_loaded(self, event: PacksLoaded) -> None:
        from tutor.service.entries import pack_to_open

        self.entries, self.counts, self.packs_loaded = event.entries, event.counts, True
        self.call_after_refresh(self._load_screen_styles)
        self.call_after_refresh(freeze_new_imports)  # the packs and Textual are in for good
        chosen = pack_to_open(self.entries, self._wanted_pack_id)
        self.pack_id = chosen.id if chosen else None
        if event.error:
            self.notify(event.error, severity="error", timeout=10)
        for warning in event.warnings:
            self.notify(warning, severity="warning", timeout=15)
        for entry in self.entries:
            if entry.requested and not entry.usable:  # `tutor --pack PATH` named a broken pack
                self.notify(entry.error or f"{entry.title} could not be loaded", severity="error", timeout=15)
        self._fill_homes()
        waiting, self._after_load = self._after_load, []
        for call in waiting:
            call()
        if self.watched is not None:
            self._poll_pack(self._watcher(self.watched), prime=True)
            self.set_interval(WATCH_SECONDS, self.poll_watched_pack)

    def _load_screen_styles(self) -> None:
        """Add the styles of the screens other than home to the stylesheet, once: after the
        packs are listed (when the app is idle) or before another screen opens, whichever
        comes first. Parsing them before the first frame cost about a twentieth of it; only
        the new file is parsed (the others' rules are kept), and no rule in it styles the
        home screen, so nothing on screen needs restyling."""
        path = str(self.SCREENS_CSS_PATH.resolve())
        if not self.stylesheet.has_source(path, ""):
            self.stylesheet.read(path)
            self.stylesheet.parse()

    def _load_screen_css(self, screen: Screen) -> None:
        """Textual's hook for every screen pushed or switched to (not the default screen)."""
        self._load_screen_styles()
        super()._load_screen_css(screen)

    @on(UnfinishedMocksFound)
    def _offer_unfinished_then_start(self, event: UnfinishedMocksFound) -> None:
        """Offer to resume an interview left unfinished (if its pack is here), then run the
        start action (`tutor mock`): a new interview only after the old one is settled."""
        if event.error:
            self.notify(event.error, severity="error", timeout=10)
        # a learner who already opened a mode has moved on; the Mock mode offers it again
        unfinished = event.unfinished if isinstance(self.screen, HomeScreen) else []
        start, self._start = self._start, None
        then = None if start is None else partial(start, self)
        for mock in unfinished:
            entry = next((e for e in self.entries if e.pack is not None and e.pack.id == mock.pack_id), None)
            if entry is not None:
                from tutor.ui.screens.mock_resume import offer_resume

                offer_resume(self, mock, entry.title, partial(self._resume_mock, entry.id), then)
                return
        if then is not None:
            then()

    def on_open_mock_debrief(self, event: OpenMockDebrief) -> None:
        """Reopen a past interview's debrief (from the history), on its pack if it is here."""
        event.stop()
        from tutor.ui.screens.mock_debrief import MockDebriefScreen

        pack = next((entry.pack for entry in self.entries
                     if entry.pack is not None and entry.pack.id == event.pack_id), None)
        self.push_screen(MockDebriefScreen(pack, event.mock_id, from_history=event.from_history))

    def _resume_mock(self, pack_id: str, mock_id: int) -> None:
        self.open_mode("mock", pack_id=pack_id, resume=mock_id)

    def _later(self, call: Callable[[], object]) -> bool:
        """Defer `call` until the packs are loaded; False if they already are."""
        if self.packs_loaded:
            return False
        self._after_load.append(call)
        return True

    def refresh_counts(self) -> None:
        """Recount due/new/studied (after a session changed them)."""
        self.counts = {entry.id: self.backend.counts(entry.pack) for entry in self.entries if entry.pack is not None}

    def on_counts_stale(self, event: CountsStale) -> None:
        """A screen says a session may have changed the counts (home, on coming back)."""
        event.stop()
        if self.packs_loaded:
            self.refresh_counts()
            self._fill_homes()

    def _fill_homes(self) -> None:
        """Show the packs, their counts and the current pack on the home screen."""
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.show_packs(self.entries, self.counts, self.pack_id)

    def on_pack_highlighted(self, event: PackHighlighted) -> None:
        """The home screen's cursor moved to a pack: the current pack now, or, while the list
        is the pack index's, the one to open when the packs are loaded (the cursor stays on
        the learner's choice rather than going back to the first pack)."""
        event.stop()
        if self.packs_loaded:
            self.pack_id = event.pack_id
        else:
            self._wanted_pack_id = event.pack_id

    def entry(self, pack_id: str | None) -> PackEntry | None:
        return next((entry for entry in self.entries if entry.id == pack_id), None)

    @property
    def pack(self) -> Pack | None:
        entry = self.entry(self.pack_id)
        return entry.pack if entry else None

    def select_pack(self, pack_id: str) -> None:
        """Make `pack_id` the current pack (home highlights it; modes open on it)."""
        if self._later(partial(self.select_pack, pack_id)):
            return
        entry = self.entry(pack_id)
        if entry is None or not entry.usable:
            self.notify(f"Pack '{pack_id}' cannot be opened: {entry.error if entry else 'not found'}",
                        severity="error")
            return
        self.pack_id = pack_id
        if isinstance(self.screen, HomeScreen):
            self.screen.show_pack(pack_id)

    def switch_pack(self, pack_id: str) -> None:
        """The command palette's "Pack: ...": make it current, and carry the open mode over to
        it (practice on the old pack under a header naming it looked like the switch had not
        happened). A mock interview stays on its pack: it is timed and recorded as it runs."""
        mode = mode_of(self.screen)
        before = self.pack
        self.select_pack(pack_id)
        if mode is None or self.pack is before or self.pack is None:
            return
        if mode.name == "mock":
            self.notify(f"'{self.pack.meta.title}' is the current pack: the interview in progress stays on its "
                        "pack; the next mode opens on the new one.")
        else:
            self.open_mode(mode.name)

    # ---- reloading a pack -------------------------------------------------------

    def _watcher(self, path: Path) -> PackWatcher:
        if path not in self.watchers:
            self.watchers[path] = self.backend.watch_pack(path)
        return self.watchers[path]

    def poll_watched_pack(self) -> None:
        """Reload the watched pack if its files changed (every `WATCH_SECONDS`)."""
        if self.watched is not None and not any(w.group == "pack-reload" and w.is_running for w in self.workers):
            self._poll_pack(self._watcher(self.watched))

    @work(thread=True, exclusive=True, group="pack-reload")
    def _poll_pack(self, watcher: PackWatcher, *, prime: bool = False, asked: bool = False) -> None:
        """Load the pack off the event loop; `prime` only records the files as they are now."""
        if asked:
            watcher.reload()
        elif not watcher.poll() or prime:
            return
        self.post_message(self.PackReloaded(watcher.path, watcher.pack if not watcher.errors else None,
                                            list(watcher.errors), asked=asked))

    @on(PackReloaded)
    def _pack_reloaded(self, event: PackReloaded) -> None:
        listed = self._listed_from(event.path)
        index = None if listed is None else self.entries.index(listed)
        name = self.entries[index].title if index is not None else str(event.path)
        errors = event.errors  # PackError's order: a misspelt field's suggestion first
        if event.pack is None and index is not None and self.entries[index].pack is None:
            # a pack that never loaded: there is no last good version; show its problems now
            self.entries[index] = replace(self.entries[index], error=errors[0] if errors else None,
                                          problems=tuple(errors))
            self._fill_homes()
            self.notify("\n".join(errors[:ERROR_LINES]), title=f"{name} still does not load",
                        severity="error", timeout=20, markup=False)
            return
        if event.pack is None:
            shown = errors[:ERROR_LINES]
            more = len(errors) - len(shown)
            self.notify("\n".join(shown) + (f"\n… and {more} more" if more > 0 else ""),
                        title=f"{name} did not reload: still showing the last good version",
                        severity="error", timeout=20, markup=False)
            self._reload_failed = True
            return
        if self._reload_failed:  # the errors on screen are fixed: take them away
            self.clear_notifications()
            self._reload_failed = False
        pack = event.pack
        if index is None:
            return
        old = self.entries[index]
        if old.pack is None or old.pack.id != pack.id:
            # a pack that did not load (listed by its path) or took another id may now win an
            # id from a less specific pack, or lose its own: list the packs as a restart would
            self._rediscover_packs(event)
            return
        entry = replace(old, title=str(pack.meta.title), pack=pack, error=None)
        self.entries[index] = entry
        self.counts[entry.id] = self.backend.counts(pack)
        self.keep_place(old, entry)
        self.notify(f"{len(pack.questions)} questions", title=f"{entry.title} reloaded", timeout=3)

    @work(thread=True, exclusive=True, group="pack-rediscover")
    def _rediscover_packs(self, reloaded: PackReloaded) -> None:
        """Find and load every pack again (off the event loop), the way the app starts."""
        before = set(self.backend.pack_warnings())
        try:
            entries = self.backend.rediscover_packs()
            counts = {entry.id: self.backend.counts(entry.pack) for entry in entries if entry.pack is not None}
            warnings = [warning for warning in self.backend.pack_warnings() if warning not in before]
        except Exception as error:  # noqa: BLE001 - say it in one line, keep the packs listed
            self.post_message(self.PacksRediscovered(reloaded, None, {}, [f"Could not load the packs: {error}"]))
            return
        self.post_message(self.PacksRediscovered(reloaded, entries, counts, warnings))

    @on(PacksRediscovered)
    def _packs_rediscovered(self, event: PacksRediscovered) -> None:
        from tutor.service.entries import pack_to_open

        path = event.reloaded.path
        old = self._listed_from(path)
        if event.entries is None:
            self.notify("\n".join(event.warnings), severity="error", timeout=10)
            return
        self.entries, self.counts = self._with_last_good_versions(event.entries, event.counts)
        for warning in event.warnings:  # e.g. the pack fixed now hides a built-in one with its id
            self.notify(warning, severity="warning", timeout=15)
        entry = self._listed_from(path)
        if entry is None or entry.pack is None or old is None:  # it lost its id to a more specific pack
            if self.entry(self.pack_id) is None:
                chosen = pack_to_open(self.entries)
                self.pack_id = chosen.id if chosen else None
            self._fill_homes()
            return
        if self.entry(self.pack_id) is None or self.pack_id == old.id or (
                old.pack is None and (entry.requested or event.reloaded.asked)):
            # a pack asked for on the command line opens once it loads; one fixed and
            # reloaded with f5 (the cursor on it) is the one the learner means to open
            self.pack_id = entry.id
        self.keep_place(old, entry)
        self.notify(f"{len(entry.pack.questions)} questions", title=f"{entry.title} reloaded", timeout=3)

    def _with_last_good_versions(self, entries: list[PackEntry],
                                 counts: dict[str, PackCounts]) -> tuple[list[PackEntry], dict[str, PackCounts]]:
        """The packs as listed again, except that a pack a save has broken since it was last
        loaded stays listed as the version on screen: the app said it still shows that version
        ("did not reload"), and a rediscovery reads the broken files, not what is on screen."""
        taken = {entry.id for entry in entries if entry.usable}
        kept: list[PackEntry] = []
        counts = dict(counts)
        for entry in entries:
            shown = self._listed_from(entry.source.resolve()) if entry.source is not None else None
            if entry.usable or shown is None or not shown.usable or shown.id in taken:
                kept.append(entry)
                continue
            taken.add(shown.id)
            kept.append(shown)
            if shown.id in self.counts:
                counts[shown.id] = self.counts[shown.id]
        return kept, counts

    def _listed_from(self, path: Path) -> PackEntry | None:
        """The listed pack whose files are at `path` (resolved), if any."""
        return next((entry for entry in self.entries if entry.source is not None and entry.source.resolve() == path),
                    None)

    def keep_place(self, old: PackEntry, entry: PackEntry) -> None:
        """Show the reloaded pack where the learner is: the same screen, on the same question
        if it is still there. Screens that are not `Reopenable` keep the version they have."""
        self._fill_homes()
        screen = self.screen
        mode = mode_of(screen)
        if not isinstance(screen, Reopenable) or mode is None or old.pack is None or screen.pack is not old.pack:
            return
        options = screen.reload_options()
        if options is not None:
            self.open_mode(mode.name, pack_id=entry.id, **options)

    def action_reload_pack(self) -> None:
        """Load the current pack again from its files; on the home screen, the pack under the
        cursor (a broken pack's fixed file loads without a restart)."""
        screen = self.screen
        highlighted = screen.highlighted_id if isinstance(screen, HomeScreen) else None
        entry = self.entry(highlighted or self.pack_id)
        if entry is None or entry.source is None or not entry.source.exists():
            self.notify("This pack has no files to reload.", severity="warning")
            return
        self._poll_pack(self._watcher(entry.source.resolve()), asked=True)

    # ---- modes and screens ------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return HomeScreen()

    @property
    def quitting(self) -> bool:
        """The app began exiting (`exit()` was called; Textual sets the return code then)."""
        return self.return_code is not None

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """Textual's, except that no screen opens once the app is quitting. Textual mounts
        nothing then, so a screen pushed by a key typed with q (`qo` in one write) or by a
        worker's message composed no widgets and its `on_mount` found none (a traceback on exit)."""
        if self.quitting:
            return AwaitMount(self.screen, [])
        return super().push_screen(screen, *args, **kwargs)

    def switch_screen(self, screen: Screen | str) -> AwaitComplete:
        """Textual's, except that no screen opens once the app is quitting (see `push_screen`)."""
        if self.quitting:
            return AwaitComplete.nothing()
        return super().switch_screen(screen)

    def open_mode(self, name: str, *, pack_id: str | None = None, **options: Any) -> None:
        """Open a mode on a pack, replacing any mode screen already open."""
        if self._later(partial(self.open_mode, name, pack_id=pack_id, **options)):
            return  # a key pressed while the packs load opens the mode once they are there
        mode = mode_named(name)
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

    def on_open_mode(self, event: OpenMode) -> None:
        event.stop()
        self.open_mode(event.mode, pack_id=event.pack_id, **event.options)

    def open_question(self, pack_id: str, question_id: str) -> None:
        """Practise one question first (the command palette's "go to question"). From practice
        on the same pack the session goes on: its counters (and filters) are kept."""
        entry, screen = self.entry(pack_id), self.screen
        if entry is not None and isinstance(screen, JumpsToQuestion) and screen.pack is entry.pack:
            self.open_mode("practice", pack_id=pack_id, **screen.options_to_go_to(question_id))
        else:
            self.open_mode("practice", pack_id=pack_id, first=question_id)

    def open_lab(self, target: LabTarget) -> None:
        """Open the lab over the current screen on a question's simulation (escape comes back)."""
        from tutor.ui.screens.lab import LabScreen

        self.push_screen(LabScreen(self.pack, evidence=target.name, params=target.params, seed=target.seed))

    def on_open_lab(self, event: OpenLab) -> None:
        event.stop()
        self.open_lab(event.target)

    def go_home(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def on_go_home(self, event: GoHome) -> None:
        event.stop()
        self.go_home()

    # ---- actions ----------------------------------------------------------------

    def action_help(self) -> None:
        """Show every key of the current screen."""
        from tutor.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_open_settings(self) -> None:
        """Change new cards per day, desired retention and the theme."""
        from tutor.ui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen(self.backend.settings()))

    def action_toggle_theme(self) -> None:
        """Switch between the dark and the light theme."""
        self.theme = toggled(self.current_theme.dark)

    def on_mock_settings_used(self, event: MockSettingsUsed) -> None:
        """A mock interview started: its settings open the next setup on that pack (the seed
        starts random again, so the next draw is new)."""
        event.stop()
        self.mock_settings_used[event.pack_id] = replace(event.settings, seed=None)

    def on_theme_picked(self, event: ThemePicked) -> None:
        """The settings screen's theme list: apply it (`watch_theme` saves it) and say it was kept."""
        event.stop()
        if event.theme != self.theme:
            self.theme = event.theme
            if self.backend.settings().theme == event.theme:  # else watch_theme said why not
                self.notify(f"Theme {event.theme} saved.", timeout=3)

    def watch_theme(self, name: str) -> None:
        """Save the theme whenever the learner changes it (the palette's toggle, Textual's
        theme picker or the settings screen), so the next start opens with it."""
        if name == self.backend.settings().theme:
            return
        try:
            self.backend.save_settings(theme=name)
        except Exception as error:  # noqa: BLE001 - the theme still applies; say it was not kept
            self.notify(f"Could not save the theme: {error}", severity="error")


def run_app(
    pack_paths: list[Path] | None = None,
    *,
    theme: str | None = None,
    start: StartAction | None = None,
    backend: CoreBackend | None = None,
    watch: Path | None = None,
) -> int:
    """Run the app over the real core: packs found (plus `pack_paths`), the user's store.

    Returns the exit code: 0, or 2 when the store cannot be used (one line on stderr).
    The first of `pack_paths` that loads is the pack the app opens on; `start` runs once
    the packs are loaded (`tutor mock` opens a new interview with it); `backend` is one
    the caller already built (and checked the settings with); `watch` is a pack opened
    first and reloaded whenever its files change.
    """
    from tutor.evidence.blas import prefer_one_blas_thread
    from tutor.service.backend import CoreBackend
    from tutor.store import StoreError

    prefer_one_blas_thread()  # this process runs the app: before any evidence loads NumPy
    backend = backend or CoreBackend([*([watch] if watch is not None else []), *(pack_paths or [])])
    try:
        _ = backend.store  # open it now: an unusable store is one clear line, not a traceback
    except StoreError as error:
        print(f"tutor: {error}", file=sys.stderr)
        return 2
    try:
        TutorApp(backend, theme=theme, start=start, watch=watch).run()
    finally:
        backend.close()
    return 0
