"""Settings: the theme kept across starts, and the real backend using new cards per day
and desired retention."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import QUESTIONS, FakeClock, backend_with, make_pack, running
from test_ui_core_backend import write_pack
from test_ui_home import run_palette

from tutor.settings import Settings
from tutor.store import open_store
from tutor.ui.app import TutorApp
from tutor.ui.core_backend import CoreBackend

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
        await run_palette(pilot, "toggle dark")
        assert app.theme == "tutor-dark"
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
