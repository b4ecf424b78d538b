"""Settings in the store: defaults, round trips, surviving a reopen, bad rows, the migration."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tutor.settings import SettingError, Settings
from tutor.store import open_store
from tutor.store.migrations import MIGRATIONS

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_a_fresh_store_has_the_default_settings(tmp_path: Path) -> None:
    with open_store(tmp_path / "progress.sqlite3") as store:
        assert store.settings.get() == Settings()
        assert store.query("SELECT * FROM settings") == []


def test_settings_are_written_at_once_and_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with open_store(path) as store, open_store(path) as other_window:
        saved = store.settings.update(new_cards_per_day=3, desired_retention=0.85)
        assert saved == Settings(new_cards_per_day=3, desired_retention=0.85)
        assert other_window.settings.get() == saved  # committed: another connection sees it
        store.settings.update(theme="tutor-light")
    with open_store(path) as store:
        assert store.settings.get() == Settings(new_cards_per_day=3, desired_retention=0.85, theme="tutor-light")
        assert sorted(tuple(row) for row in store.query("SELECT key, value FROM settings")) == [
            ("desired_retention", "0.85"), ("new_cards_per_day", "3"), ("theme", "tutor-light")]


def test_only_the_changed_keys_are_written(tmp_path: Path) -> None:
    """Two windows changing different settings keep both changes."""
    path = tmp_path / "progress.sqlite3"
    with open_store(path) as first, open_store(path) as second:
        first.settings.get()
        second.settings.get()
        first.settings.update(new_cards_per_day=5)
        second.settings.update(theme="nord")
        assert first.settings.get() == Settings(new_cards_per_day=5, theme="nord")


def test_a_bad_value_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    with open_store(tmp_path / "progress.sqlite3") as store:
        store.settings.update(new_cards_per_day=7)
        with pytest.raises(SettingError, match="Desired retention: '1.5' is not allowed"):
            store.settings.update(new_cards_per_day=9, desired_retention=1.5)
        assert store.settings.get() == Settings(new_cards_per_day=7)


@pytest.mark.parametrize("stored", ["abc", "501", "-3", "", "20.5"])
def test_an_invalid_stored_value_reads_as_the_default(tmp_path: Path, stored: str) -> None:
    with open_store(tmp_path / "progress.sqlite3") as store:
        store.settings.update(desired_retention=0.8)
        store.execute("INSERT INTO settings (key, value) VALUES ('new_cards_per_day', ?)", (stored,))
        store.execute("INSERT INTO settings (key, value) VALUES ('from_a_later_tutor', 'x')")
        assert store.settings.get() == Settings(new_cards_per_day=20, desired_retention=0.8)


def test_a_value_stored_as_a_number_by_hand_is_read(tmp_path: Path) -> None:
    with open_store(tmp_path / "progress.sqlite3") as store:
        store.execute("INSERT INTO settings (key, value) VALUES ('new_cards_per_day', 12)")
        assert store.settings.get().new_cards_per_day == 12


def test_the_migration_upgrades_a_version_1_store_and_keeps_its_progress(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with open_store(path, migrations=MIGRATIONS[:1]) as old:
        assert old.schema_version == 1
    with sqlite3.connect(path) as connection:  # a row as version 1's code wrote it
        assert connection.execute("SELECT name FROM sqlite_master WHERE name = 'settings'").fetchall() == []
        review_id = connection.execute(
            "INSERT INTO reviews (pack_id, question_id, mode, response, reviewed_at) VALUES ('p', 'q', 'practice', "
            "'r', ?)", (T0.isoformat(),)).lastrowid
    connection.close()
    with open_store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert store.reviews.get(review_id).response == "r"
        assert store.settings.get() == Settings()
        assert store.settings.update(new_cards_per_day=4).new_cards_per_day == 4
