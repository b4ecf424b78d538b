"""The progress store: SQLite with a versioned schema and one small repository per table.

`open_store()` returns a `Store` whose `cards`, `reviews`, `mocks` and `settings` repositories
commit every write as it happens. No textual/rich here; sqlite3 is the only import.
"""

from __future__ import annotations

from tutor.store.db import Store, StoreError, open_store

__all__ = ["Store", "StoreError", "open_store"]
