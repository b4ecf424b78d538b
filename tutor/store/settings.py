"""The learner's settings in the store: one row of text per key, written as they change.

Only the keys being changed are written, so two windows changing different settings
do not undo each other; reading goes through `Settings.from_texts`, which falls back
to the default for any value it cannot use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tutor.settings import Settings, checked

if TYPE_CHECKING:
    from tutor.store.db import Store


class SettingsRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self) -> Settings:
        """The stored settings (defaults for keys never set or not readable)."""
        rows = self._store.query("SELECT key, value FROM settings")
        return Settings.from_texts({row["key"]: row["value"] for row in rows})

    def update(self, **changes: object) -> Settings:
        """Check `changes` (SettingError names the first bad one, and nothing is written),
        store them in one committed transaction, and return the settings now stored."""
        values = checked(changes)
        with self._store.transaction():
            for key, value in values.items():
                self._store.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, str(value)),
                )
        return self.get()
