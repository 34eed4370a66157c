"""A full disk during save_draft, submit and create_draft, and a read-only data
directory at start: a clear error, and nothing half-written.

The small filesystem is a real tmpfs filled with ballast; the page limit is
SQLite's own cap (``max_page_count``) on the connection, the same SQLITE_FULL
seen from the other side.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlite_utils import Database

from kiosk.applications import ApplicationState, ApplicationStore
from kiosk.clock import FixedClock
from kiosk.errors import StorageFullError, StorageReadOnlyError
from kiosk.logs import configure_logging
from kiosk.store import open_database
from tests.kiosk.conftest import KIOSK_CODE
from tests.small_disk import fill_up

FORM = "rural-pension"
LONG_NOTE = "住址变更说明" * 20_000
"""Far more than the pages a full database may still fill."""


def _cap_at_current_size(db: Database) -> None:
    pages = int(db.execute("PRAGMA page_count").fetchone()[0])
    db.execute(f"PRAGMA max_page_count = {pages}")


def _lift_cap(db: Database) -> None:
    db.execute("PRAGMA max_page_count = 1073741823")


def _rows(db: Database, table: str) -> int:
    return int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_save_draft_on_a_full_database_keeps_the_last_saved_answers(
    store: ApplicationStore, db: Database
) -> None:
    draft = store.create_draft(FORM, 3, "zh_CN")
    saved = store.save_draft(draft.uuid, {"full_name": "王五"}, "full_name")
    _cap_at_current_size(db)

    with pytest.raises(StorageFullError):
        store.save_draft(draft.uuid, {"full_name": "王五", "notes": LONG_NOTE}, "notes")

    assert not db.conn.in_transaction
    assert store.get(draft.uuid) == saved
    _lift_cap(db)
    assert store.save_draft(draft.uuid, {"notes": LONG_NOTE}, "notes").position == "notes"


def test_create_draft_on_a_full_database_keeps_exactly_the_drafts_it_reported(
    store: ApplicationStore, db: Database
) -> None:
    _cap_at_current_size(db)
    created: list[str] = []

    with pytest.raises(StorageFullError):
        for _ in range(100_000):
            created.append(store.create_draft(FORM, 3, "zh_CN").uuid)

    stored = [str(row[0]) for row in db.execute("SELECT uuid FROM applications").fetchall()]
    assert sorted(stored) == sorted(created)
    assert not db.conn.in_transaction


def test_a_filesystem_full_at_save_and_submit_loses_nothing(
    small_filesystem: Path, clock: FixedClock
) -> None:
    database = small_filesystem / "kiosk.db"
    db = open_database(database, clock=clock).db
    store = ApplicationStore(db, clock, KIOSK_CODE)
    draft = store.create_draft(FORM, 3, "zh_CN")
    saved = store.save_draft(draft.uuid, {"full_name": "王五"}, "full_name")
    audited = _rows(db, "audit")  # the draft's creation
    ballast = fill_up(small_filesystem)
    big = {"full_name": "王五", "notes": LONG_NOTE}

    with pytest.raises(StorageFullError):
        store.save_draft(draft.uuid, big, "notes")
    with pytest.raises(StorageFullError):
        store.submit(draft.uuid, big)

    assert store.get(draft.uuid) == saved
    assert (_rows(db, "outbox"), _rows(db, "audit")) == (0, audited)
    ballast.unlink()
    submitted = store.submit(draft.uuid, big)
    assert submitted.state is ApplicationState.SUBMITTED
    db.conn.close()
    check = sqlite3.connect(database)
    assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    check.close()


def test_a_read_only_data_directory_is_named_and_left_untouched(
    tmp_path: Path, clock: FixedClock, read_only_dir: Callable[[Path], None]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    opened = open_database(data / "kiosk.db", clock=clock)
    ApplicationStore(opened.db, clock, KIOSK_CODE).create_draft(FORM, 3, "zh_CN")
    opened.db.conn.close()
    before = {path.name: path.read_bytes() for path in data.iterdir()}
    read_only_dir(data)

    with pytest.raises(StorageReadOnlyError) as caught:
        open_database(data / "kiosk.db", clock=clock)

    assert caught.value.code == "storage_read_only"
    assert str(data) in str(caught.value)
    assert {path.name: path.read_bytes() for path in data.iterdir()} == before


def test_an_unwritable_log_directory_leaves_logging_on_stderr(
    tmp_path: Path, read_only_dir: Callable[[Path], None], capsys: pytest.CaptureFixture[str]
) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    read_only_dir(logs)
    root = logging.getLogger()
    kept = list(root.handlers)
    try:
        configure_logging(logs)
        logging.getLogger("kiosk.test").warning("still heard")
    finally:
        for handler in root.handlers[:]:
            if handler not in kept:
                root.removeHandler(handler)
    assert not (logs / "kiosk.log").exists()
    err = capsys.readouterr().err
    assert "cannot write the log file" in err and "still heard" in err
