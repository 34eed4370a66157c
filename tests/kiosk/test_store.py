"""Opening the database: pragmas, transactions, threads, error mapping."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlite_utils import Database

from kiosk.applications import ApplicationStore
from kiosk.clock import FixedClock
from kiosk.errors import SchemaTooNewError, StorageError, StorageFullError
from kiosk.migrations import LATEST_VERSION
from kiosk.store import (
    BUSY_TIMEOUT_MS,
    connect,
    open_database,
    schema_version,
    storage_error_from,
    transaction,
)
from tests.kiosk.conftest import KIOSK_CODE


def _pragma(db: Database, name: str) -> object:
    row = db.execute(f"PRAGMA {name}").fetchone()
    assert row is not None
    return row[0]


def test_a_new_file_is_created_and_migrated(db_path: Path, clock: FixedClock) -> None:
    opened = open_database(db_path, clock=clock)
    try:
        assert opened.set_aside is None
        assert db_path.exists()
        assert schema_version(opened.db) == LATEST_VERSION
        assert {"applications", "outbox", "audit", "tracking_sequence", "settings"} <= set(
            opened.db.table_names()
        )
    finally:
        opened.db.close()


def test_durability_pragmas_are_really_set(db: Database) -> None:
    assert _pragma(db, "journal_mode") == "wal"
    assert _pragma(db, "synchronous") == 2  # FULL
    assert _pragma(db, "foreign_keys") == 1
    assert _pragma(db, "busy_timeout") == BUSY_TIMEOUT_MS


def test_a_second_connection_gets_the_same_pragmas(db: Database, db_path: Path) -> None:
    other = connect(db_path)
    try:
        assert _pragma(other, "journal_mode") == "wal"
        assert _pragma(other, "synchronous") == 2
        assert _pragma(other, "foreign_keys") == 1
        assert _pragma(other, "busy_timeout") == BUSY_TIMEOUT_MS
    finally:
        other.close()


def test_connect_refuses_a_database_not_yet_opened(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="open_database"):
        connect(tmp_path / "never-opened.db")
    assert not (tmp_path / "never-opened.db").exists()
    half_made = tmp_path / "version-0.db"
    sqlite3.connect(half_made).close()
    with pytest.raises(StorageError, match="open_database"):
        connect(half_made)


def test_reopening_keeps_what_was_committed(db_path: Path, clock: FixedClock) -> None:
    first = open_database(db_path, clock=clock)
    draft = ApplicationStore(first.db, clock, KIOSK_CODE).create_draft("pension", 1, "zh_CN")
    first.db.close()

    second = open_database(db_path, clock=clock)
    try:
        assert second.set_aside is None
        assert ApplicationStore(second.db, clock, KIOSK_CODE).get(draft.uuid) == draft
    finally:
        second.db.close()


def test_transaction_commits_on_success(db: Database, db_path: Path) -> None:
    with transaction(db):
        db.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
        db.execute("INSERT INTO settings (key, value) VALUES ('b', '2')")
    other = connect(db_path)
    try:
        assert (
            other.execute("SELECT COUNT(*) FROM settings WHERE key IN ('a', 'b')").fetchone()[0]
            == 2
        )
    finally:
        other.close()


def test_transaction_rolls_back_everything_on_an_exception(db: Database) -> None:
    with pytest.raises(KeyError), transaction(db):
        db.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
        raise KeyError("boom")
    assert not db.conn.in_transaction
    assert db.execute("SELECT COUNT(*) FROM settings WHERE key IN ('a', 'b')").fetchone()[0] == 0


def test_transaction_turns_sqlite_errors_into_storage_errors(db: Database) -> None:
    with pytest.raises(StorageError) as caught, transaction(db):
        db.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
        db.execute("INSERT INTO settings (key, value) VALUES ('a', '2')")
    assert caught.value.code == "storage_failed"
    assert isinstance(caught.value.__cause__, sqlite3.IntegrityError)
    assert db.execute("SELECT COUNT(*) FROM settings WHERE key IN ('a', 'b')").fetchone()[0] == 0


def test_transactions_do_not_nest(db: Database) -> None:
    with transaction(db), pytest.raises(RuntimeError, match="nest"), transaction(db):
        pass


def test_transaction_takes_the_write_lock_at_begin(db: Database, db_path: Path) -> None:
    other = connect(db_path)
    try:
        other.execute("PRAGMA busy_timeout = 0")
        with transaction(db), pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    finally:
        other.close()


def test_a_connection_refuses_use_from_another_thread(db: Database) -> None:
    errors: list[BaseException] = []

    def use_it() -> None:
        try:
            db.execute("SELECT 1")
        except BaseException as exc:
            errors.append(exc)

    worker = threading.Thread(target=use_it)
    worker.start()
    worker.join()
    assert len(errors) == 1
    assert isinstance(errors[0], sqlite3.ProgrammingError)


def test_a_newer_schema_is_refused_and_left_in_place(db_path: Path, clock: FixedClock) -> None:
    raw = sqlite3.connect(db_path)
    raw.execute("PRAGMA user_version = 99")
    raw.close()
    original = db_path.read_bytes()

    with pytest.raises(SchemaTooNewError) as caught:
        open_database(db_path, clock=clock)
    assert caught.value.code == "schema_too_new"
    assert db_path.read_bytes() == original
    assert [p.name for p in db_path.parent.iterdir() if "corrupt" in p.name] == []


def test_sqlite_full_maps_to_storage_full() -> None:
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = sqlite3.SQLITE_FULL
    other = sqlite3.OperationalError("disk I/O error")
    other.sqlite_errorcode = sqlite3.SQLITE_IOERR

    assert isinstance(storage_error_from(full), StorageFullError)
    assert storage_error_from(full).code == "storage_full"
    assert type(storage_error_from(other)) is StorageError
