"""Schema step 7 on a kiosk upgraded in place: plain answers and receipts become sealed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from kiosk.applications import ApplicationStore
from kiosk.clock import FixedClock
from kiosk.migrations import LATEST_VERSION
from kiosk.store import migrate, open_database
from printing.print_queue import PrintQueue
from tests.kiosk.conftest import KIOSK_CODE

NAME = "阿依古丽·买买提"
ID_NUMBER = "11010519491231002X"
PLAIN_ANSWERS = f'{{"full_name": "{NAME}", "id_number": "{ID_NUMBER}"}}'
PDF = f"%PDF-1.4 receipt of {NAME}".encode()


def _version_5_kiosk(path: Path) -> None:
    """A kiosk database as schema 5 left it: answers and a receipt PDF in plain."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    db = Database(conn, execute_plugins=False)
    migrate(db, target=5)
    stamp = "2026-11-27T03:30:12.000000Z"
    db.execute(
        "INSERT INTO applications (uuid, form_id, form_version, state, language, answers,"
        " tracking_number, created_at, updated_at, submitted_at)"
        " VALUES ('u1', 'rural-pension', 1, 'submitted', 'zh_CN', ?, 'LQ03-261127-0001-X',"
        " ?, ?, ?)",
        [PLAIN_ANSWERS, stamp, stamp, stamp],
    )
    db.execute(
        "INSERT INTO applications (uuid, form_id, form_version, state, language, answers,"
        " created_at, updated_at) VALUES ('u2', 'rural-pension', 1, 'draft', 'zh_CN', ?, ?, ?)",
        [PLAIN_ANSWERS, stamp, stamp],
    )
    db.execute(
        "INSERT INTO outbox (application_uuid, created_at, next_attempt_at) VALUES ('u1', ?, ?)",
        [stamp, stamp],
    )
    db.execute(
        "INSERT INTO print_jobs (application_uuid, tracking_number, requested_by, paper,"
        " document, state, created_at) VALUES ('u1', 'LQ03-261127-0001-X', 'kiosk', '80mm',"
        " ?, 'queued', ?)",
        [PDF, stamp],
    )
    conn.close()


def _raw_bytes(path: Path) -> bytes:
    files = [path, path.with_name(path.name + "-wal")]
    return b"".join(file.read_bytes() for file in files if file.exists())


def test_step_7_seals_existing_rows_and_leaves_no_plain_pages(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "kiosk.db"
    _version_5_kiosk(path)
    assert NAME.encode() in _raw_bytes(path)  # the starting point really is plain

    opened = open_database(path, clock=clock)
    db = opened.db
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert db.execute("PRAGMA freelist_count").fetchone()[0] == 0
        raw = _raw_bytes(path)
        for needle in (NAME.encode(), ID_NUMBER.encode(), b"%PDF"):
            assert needle not in raw
        store = ApplicationStore(db, clock, KIOSK_CODE)  # keys still unprotected
        assert store.get("u1").answers["full_name"] == NAME
        assert store.get("u2").answers["id_number"] == ID_NUMBER
        [found] = [a for a in store.find_by_id_number(ID_NUMBER) if a.uuid == "u1"]
        assert found.tracking_number == "LQ03-261127-0001-X"
        [job] = PrintQueue(db, clock).waiting()
        assert PrintQueue(db, clock).document(job.id) == PDF
    finally:
        db.close()
