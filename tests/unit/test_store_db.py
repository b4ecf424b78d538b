"""The store opens safely: WAL, versioned migrations, corrupt files moved aside, newer schemas refused."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.unit.core_fakes import FakeClock
from tutor.store import StoreError, open_store
from tutor.store.db import migrate
from tutor.store.migrations import MIGRATIONS

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TABLES = {"cards", "reviews", "mocks", "mock_steps", "settings"}
VERSION = len(MIGRATIONS)


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows}


def user_version(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("PRAGMA user_version").fetchone()[0]


def test_new_store_has_wal_busy_timeout_foreign_keys_and_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "progress.sqlite3"
    with open_store(path) as store:
        assert store.query_one("PRAGMA journal_mode")[0] == "wal"
        assert store.query_one("PRAGMA busy_timeout")[0] == 5000
        assert store.query_one("PRAGMA foreign_keys")[0] == 1
        assert store.query_one("PRAGMA synchronous")[0] == 2
        assert store.schema_version == len(MIGRATIONS) == 5
        assert store.recovered_from is None and store.notice is None
    assert TABLES <= tables(path)


def test_default_path_honours_tutor_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "home"))
    with open_store() as store:
        assert store.path == tmp_path / "home" / "progress.sqlite3"
    assert (tmp_path / "home" / "progress.sqlite3").is_file()


def test_a_file_that_is_not_a_database_is_moved_aside_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    garbage = b"this is my thesis, not a database\n" * 200
    path.write_bytes(garbage)
    with open_store(path, clock=FakeClock(T0)) as store:
        moved = tmp_path / "progress.sqlite3.corrupt-20260302T090000Z"
        assert store.recovered_from == moved
        assert store.notice == (
            f"The progress store {path} was not a valid database; it was moved to "
            "progress.sqlite3.corrupt-20260302T090000Z and a fresh store was started."
        )
        assert moved.read_bytes() == garbage
        assert store.schema_version == VERSION
    assert TABLES <= tables(path)


def test_second_recovery_in_the_same_second_gets_a_new_name(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    for content in (b"first garbage" * 100, b"second garbage" * 100):
        path.write_bytes(content)
        open_store(path, clock=FakeClock(T0)).close()
    assert (tmp_path / "progress.sqlite3.corrupt-20260302T090000Z").read_bytes() == b"first garbage" * 100
    assert (tmp_path / "progress.sqlite3.corrupt-20260302T090000Z-2").read_bytes() == b"second garbage" * 100


def test_a_database_with_damaged_pages_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x)")
        connection.executemany("INSERT INTO t VALUES (?)", [("x" * 100,)] * 500)
    connection.close()
    data = bytearray(path.read_bytes())
    data[4096 : 4096 * 3] = b"\xff" * 8192
    path.write_bytes(bytes(data))
    with open_store(path, clock=FakeClock(T0)) as store:
        assert store.recovered_from is not None
        assert store.recovered_from.read_bytes() == bytes(data)
        assert store.query_one("SELECT COUNT(*) FROM reviews")[0] == 0


def test_an_empty_file_becomes_a_store_without_recovery(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    path.touch()
    with open_store(path) as store:
        assert store.recovered_from is None
        assert store.schema_version == VERSION


def test_a_store_from_a_newer_tutor_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE future (x)")
        connection.execute("PRAGMA user_version = 7")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match=rf"schema version 7, newer than this tutor knows \({VERSION}\)"):
        open_store(path)
    assert path.read_bytes() == before
    assert user_version(path) == 7
    assert list(tmp_path.iterdir()) == [path]


def test_migration_from_version_0_keeps_existing_content(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (text)")
        connection.execute("INSERT INTO notes VALUES ('keep me')")
    connection.close()
    assert user_version(path) == 0
    with open_store(path) as store:
        assert store.schema_version == VERSION
        assert store.query_one("SELECT text FROM notes")[0] == "keep me"
    assert TABLES | {"notes"} <= tables(path)


def test_migrations_run_in_order_once_each(tmp_path: Path) -> None:
    calls: list[int] = []

    def second(connection: sqlite3.Connection) -> None:
        calls.append(2)
        connection.execute("ALTER TABLE cards ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0")

    path = tmp_path / "progress.sqlite3"
    open_store(path).close()
    with open_store(path, migrations=(*MIGRATIONS, second)) as store:
        assert store.schema_version == VERSION + 1
        assert "pinned" in {row["name"] for row in store.query("PRAGMA table_info(cards)")}
    with open_store(path, migrations=(*MIGRATIONS, second)) as store:
        assert store.schema_version == VERSION + 1
    assert calls == [2]


def test_a_failing_migration_is_rolled_back(tmp_path: Path) -> None:
    def broken(connection: sqlite3.Connection) -> None:
        connection.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk on fire")

    path = tmp_path / "progress.sqlite3"
    open_store(path).close()
    with pytest.raises(RuntimeError, match="disk on fire"):
        open_store(path, migrations=(*MIGRATIONS, broken))
    assert user_version(path) == VERSION
    assert "half_done" not in tables(path)


def test_migrate_returns_the_version_reached(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "x.sqlite3", isolation_level=None)
    assert migrate(connection, MIGRATIONS) == VERSION
    assert migrate(connection, MIGRATIONS) == VERSION
    connection.close()


def test_transaction_rolls_back_everything_on_error(tmp_path: Path) -> None:
    with open_store(tmp_path / "p.sqlite3") as store:
        with pytest.raises(ValueError):
            with store.transaction():
                store.reviews.add(pack_id="p", question_id="q", mode="practice", reviewed_at=T0)
                with store.transaction():
                    store.reviews.add(pack_id="p", question_id="r", mode="practice", reviewed_at=T0)
                raise ValueError("abandon")
        assert store.reviews.count() == 0
        store.reviews.add(pack_id="p", question_id="q", mode="practice", reviewed_at=T0)
        assert store.reviews.count() == 1


def test_every_write_is_visible_to_another_connection_at_once(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    with open_store(path) as writer, open_store(path) as reader:
        writer.reviews.add(pack_id="p", question_id="q", mode="practice", reviewed_at=T0)
        assert reader.reviews.count() == 1
        with writer.transaction():
            writer.reviews.add(pack_id="p", question_id="q", mode="practice", reviewed_at=T0)
            assert reader.reviews.count() == 1
        assert reader.reviews.count() == 2


def test_two_connections_writing_at_once_do_not_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    open_store(path).close()
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def write(name: str) -> None:
        try:
            with open_store(path) as store:
                barrier.wait()
                for index in range(150):
                    if index % 3 == 0:
                        with store.transaction():
                            store.reviews.add(pack_id=name, question_id=f"q{index}", mode="study", reviewed_at=T0)
                            store.reviews.add(pack_id=name, question_id=f"q{index}", mode="study", reviewed_at=T0)
                    else:
                        store.reviews.add(pack_id=name, question_id=f"q{index}", mode="practice", reviewed_at=T0)
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with open_store(path) as store:
        assert store.query_one("PRAGMA integrity_check")[0] == "ok"
        counts = dict(store.query("SELECT pack_id, COUNT(*) FROM reviews GROUP BY pack_id"))
        assert counts == {"a": 200, "b": 200}


def test_a_store_folder_that_is_a_file_is_one_clear_error(tmp_path: Path) -> None:
    """TUTOR_HOME pointing at a file once ended in a FileExistsError traceback."""
    home = tmp_path / "home"
    home.write_text("")
    with pytest.raises(StoreError, match=r"^cannot keep the progress store in .*home: it is a file, not a folder$"):
        open_store(home / "progress.db")
