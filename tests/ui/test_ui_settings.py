"""Settings: the screen (keys, checks, saving, leaving), the theme kept across starts, and
the real backend using new cards per day and desired retention."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import QUESTIONS, FakeClock, backend_with, make_pack, running
from test_ui_core_backend import write_pack
from test_ui_home import run_palette
from textual.widgets import DataTable, Input, Select, Static

from tutor.service.backend import CoreBackend
from tutor.settings import Settings
from tutor.store import open_store
from tutor.ui.app import TutorApp
from tutor.ui.screens.confirm import ConfirmScreen
from tutor.ui.screens.help import KeyRow
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.settings import SettingsScreen

FIVE_QUESTIONS = [*QUESTIONS, *({**QUESTIONS[2], "id": f"extra-{n}"} for n in (1, 2))]


@pytest.fixture
def core(tmp_path: Path) -> CoreBackend:
    backend = CoreBackend([write_pack(tmp_path / "mini", FIVE_QUESTIONS)], store_path=tmp_path / "progress.sqlite3",
                          clock=FakeClock())
    yield backend
    backend.close()


def mini_pack(backend: CoreBackend):
    """The five-question pack written by the test (the built-in pack is listed first)."""
    return next(entry.pack for entry in backend.packs() if entry.id == "rnn-mini")


def home_row(app: TutorApp) -> list[str]:
    return [str(cell) for cell in app.screen.query_one("#packs", DataTable).get_row("rnn-mini")]


def text_of(app: TutorApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def retype(pilot, field: str, text: str) -> None:
    """Empty the field, then type `text` into it key by key."""
    box = pilot.app.screen.query_one(f"#{field}", Input)
    box.focus()
    box.value = ""
    await pilot.press(*text)


async def test_o_on_home_and_the_palette_open_the_settings_and_escape_comes_back(app: TutorApp) -> None:
    async with running(app) as pilot:
        await pilot.press("question_mark")
        rows = {row.description: row for row in app.screen.rows}
        assert rows["Settings"] == KeyRow("o", "Settings", "Home", True)
        await pilot.press("escape", "o")
        assert isinstance(app.screen, SettingsScreen)
        assert app.screen.query_one("#new_cards_per_day", Input).value == "20"
        assert app.screen.query_one("#desired_retention", Input).value == "0.9"
        assert app.screen.query_one("#theme", Select).value == "tutor-dark"
        assert text_of(app, "#settings-status") == "Everything shown is saved."
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await run_palette(pilot, "settings")
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("f1")  # the help screen lists the settings screen's keys by itself
        rows = {row.description: row for row in app.screen.rows}
        assert rows["Save"] == KeyRow("^s", "Save", "Settings", True)
        assert rows["Back"] == KeyRow("esc", "Back", "Settings", True)


async def test_at_80_columns_the_home_footer_still_shows_quit_and_settings(app: TutorApp) -> None:
    from textual.widgets._footer import FooterKey

    async with running(app, size=(80, 24)) as pilot:
        await pilot.pause(0.1)  # the footer settles its keys
        keys = {key.key: key.region for key in app.screen.query(FooterKey)}
        palette = keys.pop("ctrl+p")
        assert list(keys)[-3:] == ["q", "o", "question_mark"]
        assert keys["q"].right <= keys["o"].x and keys["o"].right <= palette.x


async def test_an_invalid_value_says_why_and_is_not_saved_nor_dropped(app: TutorApp, backend) -> None:
    async with running(app) as pilot:
        await pilot.press("o")
        await retype(pilot, "new_cards_per_day", "abc")
        assert text_of(app, "#new_cards_per_day-problem") == "✗ expected a whole number from 0 to 500"
        await pilot.press("enter", "ctrl+s")
        assert backend.saved_settings == Settings()
        assert text_of(app, "#settings-status") == "Not saved: correct the value marked ✗."
        await retype(pilot, "desired_retention", "0.995")
        assert text_of(app, "#desired_retention-problem") == "✗ expected a number from 0.70 to 0.99"
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == ("You typed new cards per day 'abc', desired retention '0.995' "
                                       "but did not save. Leave without saving?")
        await pilot.press("n")  # stay: what was typed is still there
        assert app.screen.query_one("#new_cards_per_day", Input).value == "abc"
        await retype(pilot, "new_cards_per_day", "600")
        await pilot.press("ctrl+s")
        assert backend.saved_settings == Settings()
        await pilot.press("escape", "y")
        assert isinstance(app.screen, HomeScreen)
        assert backend.saved_settings == Settings()


async def test_a_store_that_cannot_be_written_is_reported_and_the_value_kept(app: TutorApp, backend) -> None:
    import sqlite3

    def locked(**changes: object) -> Settings:
        raise sqlite3.OperationalError("database is locked")

    backend.save_settings = locked
    async with running(app) as pilot:
        await pilot.press("o")
        await retype(pilot, "new_cards_per_day", "5")
        await pilot.press("enter")
        assert text_of(app, "#settings-status") == "Could not save: database is locked"
        assert app.screen.query_one("#new_cards_per_day", Input).value == "5"
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)


async def test_a_valid_value_is_stored_and_the_home_counts_follow(core: CoreBackend, tmp_path: Path) -> None:
    app = TutorApp(core)
    async with running(app) as pilot:
        assert home_row(app)[1:] == ["5", "0", "5", "0"]
        await pilot.press("o")
        await retype(pilot, "new_cards_per_day", "3")
        assert text_of(app, "#settings-status") == "Not saved yet: ctrl+s or enter saves."
        await retype(pilot, "desired_retention", "0.85")
        await pilot.press("ctrl+s")
        assert text_of(app, "#settings-status") == "Everything shown is saved."
        with open_store(tmp_path / "progress.sqlite3") as other:
            assert other.settings.get() == Settings(new_cards_per_day=3, desired_retention=0.85)
        await pilot.press("escape")  # saved: no question asked
        assert isinstance(app.screen, HomeScreen)
        assert home_row(app)[1:] == ["5", "0", "3", "0"]


async def test_the_theme_is_saved_when_changed_and_applied_at_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    first = CoreBackend([], store_path=path, clock=FakeClock())
    app = TutorApp(first)
    async with running(app) as pilot:
        assert app.theme == "tutor-dark"
        await run_palette(pilot, "toggle dark")
        assert app.theme == "tutor-light"
    first.close()
    second = CoreBackend([], store_path=path, clock=FakeClock())
    app = TutorApp(second)
    async with running(app) as pilot:
        assert app.theme == "tutor-light"
        await pilot.press("o")
        select = app.screen.query_one("#theme", Select)
        assert select.value == "tutor-light"
        select.focus()
        await pilot.press("enter", "up", "enter")  # tutor-dark is listed just above
        assert app.theme == "tutor-dark"
        await run_palette(pilot, "toggle dark")  # toggled while the settings are open: shown there
        assert select.value == "tutor-light"
        await pilot.press("enter", "down", "down", "enter")
        assert app.theme == select.value != "tutor-light"
        picked = app.theme
    second.close()
    with open_store(path) as store:
        assert store.settings.get().theme == picked
    third = CoreBackend([], store_path=path, clock=FakeClock())
    assert TutorApp(third).theme == picked
    third.close()


async def test_a_saved_theme_that_is_gone_falls_back_without_being_overwritten() -> None:
    backend = backend_with(make_pack(), saved_settings=Settings(theme="retired-theme"))
    app = TutorApp(backend)
    async with running(app):
        assert app.theme == "tutor-dark"
    assert backend.saved_settings.theme == "retired-theme"


def test_the_default_theme_setting_is_tutors_dark_theme() -> None:
    from tutor.ui.themes import TUTOR_DARK

    assert Settings().theme == TUTOR_DARK.name


def test_new_cards_per_day_caps_the_counts_and_the_study_session(core: CoreBackend) -> None:
    pack = mini_pack(core)
    assert core.counts(pack).new == 5
    assert core.save_settings(new_cards_per_day=3) == Settings(new_cards_per_day=3)
    assert core.counts(pack).new == 3
    deck = core.study_deck(pack)
    assert deck.remaining().new == 3
    shown = []
    while (question := deck.next_card()) is not None:
        shown.append(question.id)
        deck.record(question, response=None, grade=None, rating=4, seconds=1.0)
    assert shown == ["why-vanish", "sigmoid-bound", "lstm-path"]
    assert core.counts(pack).new == 0
    core.save_settings(new_cards_per_day=4)  # the same day: one more new card is allowed
    assert core.counts(pack).new == 1
    assert core.study_deck(pack).remaining().new == 1


def test_the_study_session_uses_the_desired_retention(core: CoreBackend) -> None:
    pack = mini_pack(core)
    assert core.study_deck(pack).session.scheduler.desired_retention == 0.9
    core.save_settings(desired_retention=0.8)
    assert core.study_deck(pack).session.scheduler.desired_retention == 0.8


def test_the_backend_reads_the_settings_stored_before_it_started(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with open_store(path) as store:
        store.settings.update(new_cards_per_day=2)
        store.execute("UPDATE settings SET value = 'lots' WHERE key = 'new_cards_per_day'")
        store.settings.update(desired_retention=0.75)
    backend = CoreBackend([write_pack(tmp_path / "mini", FIVE_QUESTIONS)], store_path=path, clock=FakeClock())
    assert backend.settings() == Settings(desired_retention=0.75)  # 'lots' reads as the default
    assert backend.counts(mini_pack(backend)).new == 5
    backend.close()


async def test_closed_settings_screens_are_freed(app: TutorApp) -> None:
    """The screen watches the app's theme; that watch kept every settings screen ever
    opened in memory (Textual prunes theme watchers only when the theme changes)."""
    import gc

    async with running(app) as pilot:
        for _ in range(3):
            await pilot.press("o")
            assert isinstance(app.screen, SettingsScreen)
            await pilot.press("escape")
            assert isinstance(app.screen, HomeScreen)
        await pilot.pause()
        gc.collect()
        assert [thing for thing in gc.get_objects() if isinstance(thing, SettingsScreen)] == []
