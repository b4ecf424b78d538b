"""Opening the progress store: SQLite in WAL mode, versioned schema, corruption recovery.

Every answer the learner gives must survive a `kill -9` and a second app instance
writing at the same time. So the connection runs in autocommit mode (each statement
is its own committed transaction), multi-statement writes go through
`Store.transaction()` (`BEGIN IMMEDIATE` ... `COMMIT`), the journal is WAL with
`synchronous=FULL`, and a `busy_timeout` makes a second writer wait instead of fail.

A file that is not a SQLite database (or fails `quick_check`) is never overwritten: it
is renamed to `<name>.corrupt-<UTC stamp>` and a fresh store is created, with a one-line
`Store.notice` for the UI or CLI to show. A store written by a newer tutor (a schema
version this code does not know) is refused with `StoreError` rather than downgraded.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor.store.migrations import MIGRATIONS, Migration
from tutor.store.times import compact_stamp

if TYPE_CHECKING:
    from tutor.store.cards import CardRepository
    from tutor.store.corrections import CorrectionRepository
    from tutor.store.mocks import MockRepository
    from tutor.store.reviews import ReviewRepository
    from tutor.store.settings import SettingsRepository

BUSY_TIMEOUT_MS = 5000
_CORRUPTION_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_SIDE_FILES = ("-wal", "-shm")


class StoreError(Exception):
    """The store cannot be used as asked (newer schema, unreadable file); the message says why."""


class _Corrupt(Exception):
    """Raised internally when quick_check reports damage."""


class Store:
    """One connection to the progress store, plus its repositories (`cards`, `reviews`, `mocks`, `settings`).

    The connection may be used from several threads (a lock serialises it); a second
    process opens its own `Store`.
    """

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path,
        *,
        recovered_from: Path | None = None,
        notice: str | None = None,
    ) -> None:
        self.connection = connection
        self.path = path
        self.recovered_from = recovered_from
        """Where a corrupt file found at `path` was moved (None if nothing was recovered)."""
        self.notice = notice
        """One line for the UI/CLI about what happened on opening (None if nothing to say)."""
        self._lock = threading.RLock()
        self._depth = 0

    # ---- low level -------------------------------------------------------------------

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        """Run one statement; outside `transaction()` it is committed when it returns."""
        with self._lock:
            return self.connection.execute(sql, parameters)

    def query(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self.connection.execute(sql, parameters).fetchall()

    def query_one(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self.connection.execute(sql, parameters).fetchone()
            return row

    def query_int(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> int:
        """The first column of the one row an aggregate (`COUNT(*)`, a pragma) returns."""
        row = self.query_one(sql, parameters)
        if row is None:
            raise StoreError(f"no row for: {sql}")
        return int(row[0])

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Group writes so they commit together when the block ends (re-entrant)."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            self.connection.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self
            except BaseException:
                self._depth = 0
                self.connection.execute("ROLLBACK")
                raise
            self._depth = 0
            self.connection.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        return self.query_int("PRAGMA user_version")

    def close(self) -> None:
        with self._lock:
            self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ---- repositories ----------------------------------------------------------------

    @cached_property
    def cards(self) -> CardRepository:
        from tutor.store.cards import CardRepository

        return CardRepository(self)

    @cached_property
    def reviews(self) -> ReviewRepository:
        from tutor.store.reviews import ReviewRepository

        return ReviewRepository(self)

    @cached_property
    def mocks(self) -> MockRepository:
        from tutor.store.mocks import MockRepository

        return MockRepository(self)

    @cached_property
    def corrections(self) -> CorrectionRepository:
        from tutor.store.corrections import CorrectionRepository

        return CorrectionRepository(self)

    @cached_property
    def settings(self) -> SettingsRepository:
        from tutor.store.settings import SettingsRepository

        return SettingsRepository(self)


def open_store(
    path: Path | None = None,
    *,
    clock: Callable[[], datetime] | None = None,
    migrations: Sequence[Migration] = MIGRATIONS,
) -> Store:
    """Open (creating if needed) the store at `path`, default `tutor.paths.store_path()`.

    `clock` only names moved-aside corrupt files; `migrations` is replaceable for tests.
    Raises StoreError for a store from a newer tutor or a file that cannot be opened.
    """
    if path is None:
        from tutor.paths import store_path

        path = store_path()
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as error:  # TUTOR_HOME names a file
        raise StoreError(f"cannot keep the progress store in {path.parent}: it is a file, "
                         "not a folder") from error
    except OSError as error:  # a folder we may not create or write
        raise StoreError(f"cannot create the folder {path.parent} for the progress store: "
                         f"{error.strerror or error}") from error
    now = clock or (lambda: datetime.now(UTC))

    recovered_from: Path | None = None
    notice: str | None = None
    try:
        connection = _connect_checked(path, len(migrations))
    except (_Corrupt, sqlite3.DatabaseError) as error:
        if isinstance(error, sqlite3.DatabaseError) and not _is_corruption(error):
            raise StoreError(f"cannot open the progress store {path}: {error}") from error
        recovered_from = _move_aside(path, now())
        notice = (
            f"The progress store {path} was not a valid database; it was moved to "
            f"{recovered_from.name} and a fresh store was started."
        )
        connection = _connect_checked(path, len(migrations))
    try:
        migrate(connection, migrations, path)
    except BaseException:
        connection.close()
        raise
    return Store(connection, path, recovered_from=recovered_from, notice=notice)


def migrate(connection: sqlite3.Connection, migrations: Sequence[Migration], path: Path | str = "") -> int:
    """Bring the schema to `len(migrations)`; return the version reached.

    Each migration runs in its own `BEGIN IMMEDIATE` transaction together with the
    version bump, and re-reads the version after taking the write lock, so two
    processes opening an old store at once migrate it exactly once.
    """
    target = len(migrations)
    while True:
        version = _user_version(connection)
        _refuse_newer(version, target, path)
        if version == target:
            return version
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = _user_version(connection)
            if version < target:
                migrations[version](connection)
                connection.execute(f"PRAGMA user_version = {version + 1:d}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def _user_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def _connect_checked(path: Path, known_version: int) -> sqlite3.Connection:
    """Connect and check the file before changing anything in it (journal mode included),
    so a refused or moved-aside file keeps exactly the bytes it had."""
    connection = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        connection.row_factory = sqlite3.Row
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        _refuse_newer(_user_version(connection), known_version, path)
        verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise _Corrupt(verdict)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        connection.close()
        raise
    return connection


def _refuse_newer(version: int, known_version: int, path: Path | str) -> None:
    if version > known_version:
        raise StoreError(
            f"the progress store {path} has schema version {version}, newer than this "
            f"tutor knows ({known_version}); upgrade tutor or set TUTOR_HOME to another folder"
        )


def _is_corruption(error: sqlite3.DatabaseError) -> bool:
    return getattr(error, "sqlite_errorcode", None) in _CORRUPTION_CODES


def _move_aside(path: Path, moment: datetime) -> Path:
    """Rename the damaged file (and its -wal/-shm) to a name that does not exist yet."""
    base = f"{path.name}.corrupt-{compact_stamp(moment)}"
    target = path.with_name(base)
    counter = 1
    while target.exists() or any(target.with_name(target.name + s).exists() for s in _SIDE_FILES):
        counter += 1
        target = path.with_name(f"{base}-{counter}")
    path.rename(target)
    for suffix in _SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just added."""
    if cursor.lastrowid is None:
        raise StoreError("the insert added no row")
    return cursor.lastrowid
