"""The home screen: packs with their counts, modes, theme toggle, palette, start-up imports."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from fakes import RIGHT, backend_with, make_pack, running
from fast_keys import wait_until
from textual.widgets import DataTable, Static

from tutor.packs.index import ListedPack
from tutor.service.entries import PackEntry
from tutor.ui.app import TutorApp
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.practice import PracticeScreen
from tutor.ui.screens.study import StudyScreen

ROOT = Path(__file__).resolve().parents[2]


async def run_palette(pilot, text: str) -> None:
    """Open the palette, type `text`, wait for the matches, run the best one."""
    from textual.command import CommandInput, CommandList, CommandPalette

    await pilot.press("ctrl+p")
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    palette.query_one(CommandInput).value = text
    for _ in range(100):
        if palette.query_one(CommandList).option_count:
            break
        await pilot.pause(0.02)
    await pilot.press("enter")
    await pilot.pause()


def table_rows(app: TutorApp) -> list[list[str]]:
    table = app.screen.query_one("#packs", DataTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


async def test_home_lists_packs_with_counts_and_broken_packs_with_their_error() -> None:
    broken = PackEntry("bad", "Broken pack", Path("bad.yaml"), error="bad.yaml:3:1: questions: field required")
    backend = backend_with(make_pack(), make_pack(id="second", title="Second pack"))
    backend.packs_list.append(broken)
    app = TutorApp(backend)
    async with running(app) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert table_rows(app) == [
            ["RNN gradients (mini)", "3", "0", "3", "0"],
            ["Second pack", "3", "0", "3", "0"],
            ["⚠ Broken pack", "—", "—", "—", "—"],
        ]
        description = app.screen.query_one("#pack-description", Static)
        assert str(description.render()) == ("RNN gradients (mini) built-in · version 1.0 · 3 questions\n"
                                             "A three-question pack for UI tests.")
        await pilot.press("down", "down")
        assert app.pack_id == "second"  # a broken pack is described but never becomes current
        assert "questions: field required" in str(description.render())
        await pilot.press("up")
        assert app.pack_id == "second"


async def test_a_mode_key_on_a_broken_pack_says_so_and_opens_nothing() -> None:
    """With the cursor on a broken pack, `s` opened the pack highlighted before it: it looked as
    if the broken one had opened."""
    broken = PackEntry("bad", "Broken pack", Path("bad.yaml"), error="bad.yaml:3:1: questions: field required")
    backend = backend_with(make_pack(), make_pack(id="second", title="Second pack"))
    backend.packs_list.append(broken)
    app = TutorApp(backend)
    async with running(app) as pilot:
        app.screen.query_one("#packs", DataTable).focus()
        await pilot.press("down", "down", "s")
        await wait_until(pilot, lambda: any("failed to load" in str(n.message) for n in app._notifications),
                         "the notice that the pack cannot be opened")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("up", "s")
        await wait_until(pilot, lambda: isinstance(app.screen, StudyScreen), "study on the second pack")
        assert app.pack_id == "second"


async def test_a_broken_pack_given_on_the_command_line_is_reported(backend) -> None:
    backend.packs_list.append(PackEntry("mine.yaml", "mine.yaml", Path("mine.yaml"), requested=True,
                                        error="mine.yaml:2:1: title: field required"))
    app = TutorApp(backend)
    async with running(app):
        assert [n.message for n in app._notifications] == ["mine.yaml:2:1: title: field required"]
        assert app.pack_id == "rnn-mini"  # the app still opens, on the pack that loaded


async def test_mode_keys_open_study_and_practice_and_escape_comes_back(app: TutorApp) -> None:
    async with running(app) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("p")
        assert isinstance(app.screen, PracticeScreen)
        await pilot.press("escape")
        await pilot.press("tab", "down", "enter")  # the modes list: second entry is Practice
        assert isinstance(app.screen, PracticeScreen)


async def test_a_mode_key_pressed_while_packs_load_opens_once_they_are_there(backend) -> None:
    backend.packs_gate = threading.Event()
    app = TutorApp(backend)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, HomeScreen) and not app.packs_loaded
        assert "Looking for packs…" in screen_text(app)
        backend.packs_gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)


def screen_text(app: TutorApp) -> str:
    """The screen as the learner sees it (the last frame composed), as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


class FramesRecorded(TutorApp):
    """The app, keeping the text of every frame the home screen composes from the first one."""

    def __init__(self, backend) -> None:
        super().__init__(backend)
        self.frames: list[str] = []

    def get_default_screen(self) -> HomeScreen:
        screen = super().get_default_screen()
        compose = screen._compositor_refresh

        def recorded() -> None:
            compose()
            self.frames.append(screen_text(self))

        screen._compositor_refresh = recorded  # type: ignore[method-assign]
        return screen


async def test_while_the_packs_load_home_says_so_and_never_shows_an_empty_list(backend) -> None:
    backend.packs_list.append(PackEntry("bad", "Broken pack", Path("bad.yaml"), error="bad.yaml:1:1: oops"))
    backend.packs_gate = threading.Event()  # holds the loading worker
    app = FramesRecorded(backend)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause(0.05)
        assert not app.packs_loaded and app.frames
        assert all("Looking for packs…" in frame for frame in app.frames)
        assert not app.screen.query("#packs")  # no table yet, not even an empty one
        loading = len(app.frames)
        backend.packs_gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table_rows(app) == [["RNN gradients (mini)", "3", "0", "3", "0"], ["⚠ Broken pack", "—", "—", "—", "—"]]
        assert app.focused is app.screen.query_one("#packs", DataTable)
        listed = app.frames[loading:]
        assert listed and all("Looking for packs" not in frame for frame in listed)
        assert all("RNN gradients (mini)  3          0    3    0" in frame and "⚠ Broken pack" in frame for frame in listed)
        assert not any("No packs found" in frame for frame in app.frames)
        assert "RNN gradients (mini) built-in · version 1.0 · 3 questions" in screen_text(app)


def indexed(backend, *extra: PackEntry) -> None:
    """Give `backend` a pack index listing its packs (as the index keeps them) and `extra`."""
    entries = [PackEntry(e.id, e.title, e.source, builtin=e.builtin,
                         listed=ListedPack(e.pack.id, e.title, str(e.pack.meta.version), str(e.pack.meta.description),
                                           tuple(q.id for q in e.pack.questions)))
               for e in backend.packs_list] + list(extra)
    backend.listed = (entries, {e.id: backend.counts(e.listed) for e in entries if e.listed is not None})


async def table_shown(app: TutorApp, pilot) -> None:
    """Wait (by condition, up to 2 s) until the home screen shows its pack table."""
    for _ in range(200):
        if app.screen.query("#packs"):
            return
        await pilot.pause(0.01)


async def test_the_indexed_list_shows_at_once_and_the_loaded_packs_replace_it(backend) -> None:
    gone = PackEntry("gone", "Removed since", Path("gone"), listed=ListedPack("gone", "Removed since", "1", "", ("a",)))
    indexed(backend, gone)
    backend.packs_gate = threading.Event()  # holds the loading of the packs
    app = FramesRecorded(backend)
    async with app.run_test(size=(100, 30)) as pilot:
        await table_shown(app, pilot)  # the indexed list goes up without waiting for the packs
        await pilot.pause()
        assert not app.packs_loaded and app.pack is None  # nothing opens on the index
        assert table_rows(app) == [["RNN gradients (mini)", "3", "0", "3", "0"], ["Removed since", "1", "0", "1", "0"]]
        assert "RNN gradients (mini) built-in · version 1.0 · 3 questions" in screen_text(app)
        await pilot.press("p")  # a mode waits for the loaded packs, as before
        assert isinstance(app.screen, HomeScreen)
        listing = len(app.frames)
        backend.packs_gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.packs_loaded and isinstance(app.screen, PracticeScreen)
        app.pop_screen()
        await pilot.pause()
        assert table_rows(app) == [["RNN gradients (mini)", "3", "0", "3", "0"]]  # the removed pack is gone
        assert not any("Looking for packs" in frame or "No packs found" in frame for frame in app.frames[listing:])


async def test_a_pack_chosen_on_the_indexed_list_stays_chosen_when_the_packs_load() -> None:
    first, second = make_pack(), make_pack(id="second", title="Second pack")
    backend = backend_with(first, second)
    indexed(backend)
    backend.packs_gate = threading.Event()
    app = TutorApp(backend)
    async with app.run_test(size=(100, 30)) as pilot:
        await table_shown(app, pilot)
        await pilot.pause()
        await pilot.press("down")  # the learner picks the second pack before the packs are loaded
        await pilot.pause()
        assert app.screen.query_one("#packs", DataTable).cursor_row == 1 and app.pack is None
        backend.packs_gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.packs_loaded and app.pack_id == "second"
        assert app.screen.query_one("#packs", DataTable).cursor_row == 1
        assert "Second pack" in screen_text(app).split("Modes")[-1]


async def test_with_no_index_the_home_looks_for_packs_as_before(backend) -> None:
    backend.listed = None
    backend.packs_gate = threading.Event()
    app = FramesRecorded(backend)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.05)
        assert not app.screen.query("#packs") and "Looking for packs…" in screen_text(app)
        backend.packs_gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table_rows(app) == [["RNN gradients (mini)", "3", "0", "3", "0"]]


async def test_home_says_no_packs_only_once_the_search_found_none(backend) -> None:
    backend.packs_list.clear()
    app = TutorApp(backend)
    async with running(app):
        assert table_rows(app) == []
        assert "No packs found. Add one with `tutor --pack PATH`" in screen_text(app)
        assert "Looking for packs" not in screen_text(app)


async def test_counts_refresh_when_coming_back_from_study(pack, backend) -> None:
    backend.grades["good"] = RIGHT
    app = TutorApp(backend)
    async with running(app) as pilot:
        await pilot.press("s", *"good", "enter")
        await app.workers.wait_for_complete()
        await pilot.press("3", "escape")
        assert table_rows(app)[0][2:] == ["0", "2", "1"]


async def test_palette_toggles_theme_and_switches_pack() -> None:
    app = TutorApp(backend_with(make_pack(), make_pack(id="second", title="Second pack")))
    async with running(app) as pilot:
        assert app.theme == "tutor-dark"
        await run_palette(pilot, "toggle dark")
        assert app.theme == "tutor-light"
        await run_palette(pilot, "pack: second")
        assert app.pack_id == "second"
        assert app.screen.query_one("#packs", DataTable).cursor_row == 1


async def test_palette_goes_to_a_question_by_its_text(app: TutorApp) -> None:
    async with running(app) as pilot:
        await run_palette(pilot, "lstm carry gradients")
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.question is not None and app.screen.question.id == "lstm-path"


def test_opening_home_imports_neither_sympy_nor_numpy_nor_plotext() -> None:
    """Start-up is sacred: a fresh interpreter opens the home screen and lists its modules."""
    script = textwrap.dedent(
        """
        import asyncio, sys
        sys.path.insert(0, "tests/ui")
        from fakes import backend_with, make_pack
        from tutor.ui.app import TutorApp

        async def main():
            app = TutorApp(backend_with(make_pack()))
            async with app.run_test(size=(80, 24)) as pilot:
                await app.workers.wait_for_complete()  # the packs are loaded and listed
                await pilot.pause()
                assert app.screen.query_one("#packs").row_count == 1
                assert type(app.screen).__name__ == "HomeScreen"
                heavy = [m for m in ("sympy", "numpy", "plotext", "textual_plotext") if m in sys.modules]
                print(",".join(heavy) or "none")

        asyncio.run(main())
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "none"


async def test_at_80_columns_the_footer_keeps_quit_settings_and_help_whole(app: TutorApp) -> None:
    """The modes list shows each mode's key, so the footer leaves them out and what it
    shows fits: the last key used to be cut to '? He'."""
    from textual.widgets._footer import FooterKey

    async with running(app, size=(80, 24)) as pilot:
        await pilot.pause()
        keys = list(app.screen.query(FooterKey))
        assert [(key.key_display, key.description) for key in keys] == [
            ("q", "Quit"), ("o", "Settings"), ("?", "Help"), ("^p", "palette")]
        assert all(key.region.right <= 80 and key.region.width > 0 for key in keys)
        mode_options = str(app.screen.query_one("#modes").get_option_at_index(0).prompt)
        assert mode_options.startswith("s  Study")


def test_the_loader_stops_waiting_for_the_drawn_list_once_cancelled(monkeypatch) -> None:
    """The loader waits for the indexed list to be drawn before it parses the packs; once the
    app quits (the worker is cancelled) it stops waiting at the next poll, not after a second."""
    import tutor.ui.app as app_module

    monkeypatch.setattr(app_module, "LISTED_DRAW_SECONDS", 3600.0)

    class Cancelled:  # cancelled after the first poll
        polls = 0

        @property
        def is_cancelled(self) -> bool:
            self.polls += 1
            return self.polls > 1

    worker = Cancelled()
    assert app_module.wait_until_drawn(threading.Event(), worker) is False
    assert worker.polls == 2
    drawn = threading.Event()
    drawn.set()
    assert app_module.wait_until_drawn(drawn, Cancelled()) is True


async def test_quitting_while_the_indexed_list_is_drawn_is_clean(backend, monkeypatch) -> None:
    """The list message may arrive while the home screen is being taken down: it is not drawn
    (it used to raise MountError), and the app exits."""
    import tutor.ui.app as app_module

    indexed(backend)

    class NeverSet(threading.Event):
        def set(self) -> None:  # the list never reports itself drawn
            pass

    monkeypatch.setattr(app_module, "Event", NeverSet)  # the app's own name only: threads still start
    app = TutorApp(backend)
    async with app.run_test(size=(100, 30)) as pilot:
        await table_shown(app, pilot)
        assert app.screen.query("#packs") and not app.packs_loaded
        app.exit()
    assert app.return_code in (0, None)


async def test_the_packs_heading_says_how_to_reach_the_list_and_tab_does() -> None:
    """A new user did not find how to pick the second pack: the heading says tab, then ↑↓."""
    from textual.widgets import Label

    app = TutorApp(backend_with(make_pack(), make_pack(id="second", title="Second pack")))
    async with running(app) as pilot:
        await wait_until(pilot, lambda: app.screen.query(DataTable), "the pack table shown")
        heading = next(label for label in app.screen.query(Label) if str(label.render()).startswith("Packs"))
        assert str(heading.render()) == "Packs (tab switches lists, ↑↓ picks)"
        for _ in range(3):  # wherever the focus starts, tab reaches the pack list
            if isinstance(app.focused, DataTable):
                break
            await pilot.press("tab")
        assert isinstance(app.focused, DataTable)
        await pilot.press("down")
        await wait_until(pilot, lambda: app.pack_id == "second", "the second pack picked")
