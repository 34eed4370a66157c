"""Schema migrations: from an empty file, and from version 1 holding data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from kiosk import audit
from kiosk.applications import ApplicationState, ApplicationStore
from kiosk.clock import FixedClock, format_timestamp
from kiosk.migrations import LATEST_VERSION, MIGRATIONS
from kiosk.store import migrate, open_database, schema_version, transaction
from tests.kiosk.conftest import KIOSK_CODE, START


def _raw_database(path: Path) -> Database:
    """A bare connection with foreign keys on, as the kiosk opens it, but not migrated."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    return Database(conn, execute_plugins=False)


def _columns(db: Database, table: str) -> list[str]:
    return [str(row[1]) for row in db.execute(f"PRAGMA table_info({table})").fetchall()]


def _indexes(db: Database, table: str) -> set[str]:
    return {str(row[1]) for row in db.execute(f"PRAGMA index_list({table})").fetchall()}


def test_migrations_are_numbered_in_order_and_explained() -> None:
    assert [step.version for step in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    assert LATEST_VERSION == len(MIGRATIONS) >= 2
    assert all(step.reason for step in MIGRATIONS)


def test_an_empty_file_is_brought_to_the_latest_version(tmp_path: Path) -> None:
    db = _raw_database(tmp_path / "empty.db")
    try:
        assert schema_version(db) == 0
        assert migrate(db) == LATEST_VERSION
        assert schema_version(db) == LATEST_VERSION
        assert "next_attempt_at" in _columns(db, "outbox")
        assert "outbox_due" in _indexes(db, "outbox")
        assert migrate(db) == LATEST_VERSION  # a second run has nothing to do
    finally:
        db.close()


def test_migrating_step_by_step_records_each_version(tmp_path: Path) -> None:
    db = _raw_database(tmp_path / "steps.db")
    try:
        assert migrate(db, target=1) == 1
        assert schema_version(db) == 1
        assert "next_attempt_at" not in _columns(db, "outbox")
        assert migrate(db, target=2) == 2
        assert schema_version(db) == 2
    finally:
        db.close()


def test_a_target_beyond_the_known_versions_is_a_mistake(tmp_path: Path) -> None:
    db = _raw_database(tmp_path / "bad.db")
    try:
        with pytest.raises(ValueError):
            migrate(db, target=LATEST_VERSION + 1)
        assert schema_version(db) == 0
    finally:
        db.close()


def _fill_version_1(db: Database, clock: FixedClock) -> None:
    """Rows as a version-1 kiosk wrote them: drafts, submissions, outbox states, audit."""
    stamp = format_timestamp(START)
    later = "2026-11-27T05:00:00.000000Z"
    with transaction(db):
        for uuid, state, number in [
            ("draft-1", "draft", None),
            ("sent-pending", "submitted", "LQ03-261127-0001-X"),
            ("sent-retried", "submitted", "LQ03-261127-0002-X"),
            ("sent-acked", "submitted", "LQ03-261127-0003-X"),
        ]:
            db.execute(
                "INSERT INTO applications (uuid, form_id, form_version, state, language,"
                " answers, position, tracking_number, assisted_by, created_at, updated_at,"
                " submitted_at) VALUES (?, 'pension', 2, ?, 'zh_CN', ?, 'q1', ?, NULL, ?, ?, ?)",
                [uuid, state, '{"village": "下坝"}', number, stamp, stamp, number and stamp],
            )
        db.execute(
            "INSERT INTO outbox (application_uuid, created_at) VALUES ('sent-pending', ?)",
            [stamp],
        )
        db.execute(
            "INSERT INTO outbox (application_uuid, created_at, attempts, last_attempt_at,"
            " last_error) VALUES ('sent-retried', ?, 3, ?, 'timeout')",
            [stamp, later],
        )
        db.execute(
            "INSERT INTO outbox (application_uuid, created_at, attempts, last_attempt_at,"
            " acknowledged_at) VALUES ('sent-acked', ?, 1, ?, ?)",
            [stamp, later, later],
        )
        db.execute(
            "INSERT INTO tracking_sequence (kiosk_code, day, last_value)"
            " VALUES ('LQ03', '2026-11-27', 3)"
        )
        db.execute("INSERT INTO settings (key, value) VALUES ('enrolled', 'yes')")
        for uuid in ("sent-pending", "sent-retried", "sent-acked"):
            audit.append(db, "application_submitted", uuid, "applicant", {}, clock)


def test_a_version_1_database_with_data_is_migrated_intact(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "kiosk.db"
    old = _raw_database(path)
    migrate(old, target=1)
    _fill_version_1(old, clock)
    old.close()

    opened = open_database(path, clock=clock)
    db = opened.db
    try:
        assert opened.set_aside is None
        assert schema_version(db) == LATEST_VERSION

        store = ApplicationStore(db, clock, KIOSK_CODE)
        assert store.get("draft-1").answers == {"village": "下坝"}
        assert store.get("sent-acked").tracking_number == "LQ03-261127-0003-X"
        assert store.count_by_state().submitted == 3

        due = dict(db.execute("SELECT application_uuid, next_attempt_at FROM outbox").fetchall())
        assert due == {
            "sent-pending": format_timestamp(START),  # never tried: due since creation
            "sent-retried": "2026-11-27T05:00:00.000000Z",  # due from its last attempt
            "sent-acked": None,  # acknowledged: nothing left to send
        }
        attempts = db.execute("SELECT attempts, last_error FROM outbox ORDER BY id").fetchall()
        assert attempts == [(0, None), (3, "timeout"), (1, None)]
        assert db.execute("SELECT value FROM settings WHERE key = 'enrolled'").fetchone() == (
            "yes",
        )
        assert audit.verify(db).ok
        assert audit.verify(db).entries_checked == 3

        # The migrated database keeps working: the old draft submits and the
        # daily sequence carries on after the numbers version 1 issued.
        submitted = store.submit("draft-1", {"village": "下坝"})
        assert submitted.state is ApplicationState.SUBMITTED
        assert submitted.tracking_number is not None
        assert submitted.tracking_number.startswith("LQ03-261127-0004-")
        # Applications from before visits were stored belong to none: each receipt
        # lists only itself.
        assert "applications_by_visit" in _indexes(db, "applications")
        visits = db.execute("SELECT DISTINCT visit FROM applications").fetchall()
        assert visits == [(None,)]
        assert [entry.tracking_number for entry in store.visit_of("draft-1")] == [
            submitted.tracking_number
        ]
    finally:
        db.close()
