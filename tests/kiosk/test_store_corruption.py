"""A damaged database is set aside, byte for byte, and a fresh one takes its place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kiosk import audit, tracking
from kiosk.applications import ApplicationStore
from kiosk.clock import FixedClock
from kiosk.migrations import LATEST_VERSION
from kiosk.store import open_database, schema_version
from tests.kiosk.conftest import KIOSK_CODE

SET_ASIDE_NAME = "kiosk.db.corrupt-20261127T033012Z"


def _assert_fresh_and_recorded(path: Path, clock: FixedClock, set_aside: Path) -> None:
    """The new file works, is empty, and its audit chain starts with the set-aside."""
    opened = open_database(path, clock=clock)
    try:
        assert opened.set_aside is None
        assert schema_version(opened.db) == LATEST_VERSION
        assert ApplicationStore(opened.db, clock, KIOSK_CODE).drafts() == []
        [entry] = audit.entries(opened.db)
        assert entry.action == "database_set_aside"
        assert entry.details == {"file": set_aside.name}
        assert audit.verify(opened.db).ok
    finally:
        opened.db.close()


def test_a_file_of_garbage_and_its_wal_are_set_aside(db_path: Path, clock: FixedClock) -> None:
    garbage = bytes(range(256)) * 64
    wal_garbage = b"not a write-ahead log" * 100
    db_path.write_bytes(garbage)
    wal = db_path.with_name("kiosk.db-wal")
    wal.write_bytes(wal_garbage)

    opened = open_database(db_path, clock=clock)
    opened.db.close()

    assert opened.set_aside == db_path.with_name(SET_ASIDE_NAME)
    assert opened.set_aside.read_bytes() == garbage
    assert db_path.with_name(SET_ASIDE_NAME + "-wal").read_bytes() == wal_garbage
    _assert_fresh_and_recorded(db_path, clock, opened.set_aside)


def _corrupt_applications_table(path: Path) -> None:
    """Overwrite the applications table's root page with noise."""
    raw = sqlite3.connect(path)
    page_size = raw.execute("PRAGMA page_size").fetchone()[0]
    root = raw.execute(
        "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'applications'"
    ).fetchone()[0]
    raw.execute("PRAGMA journal_mode = DELETE")  # fold the WAL into the main file
    raw.close()
    with path.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(bytes((i * 37 + 11) % 256 for i in range(page_size)))


def test_a_real_database_with_a_damaged_page_is_set_aside(db_path: Path, clock: FixedClock) -> None:
    opened = open_database(db_path, clock=clock)
    store = ApplicationStore(opened.db, clock, KIOSK_CODE)
    for _ in range(50):
        store.create_draft("pension", 1, "zh_CN")
    opened.db.close()
    _corrupt_applications_table(db_path)
    damaged = db_path.read_bytes()

    reopened = open_database(db_path, clock=clock)
    reopened.db.close()

    assert reopened.set_aside == db_path.with_name(SET_ASIDE_NAME)
    assert reopened.set_aside.read_bytes() == damaged
    _assert_fresh_and_recorded(db_path, clock, reopened.set_aside)


def test_an_earlier_set_aside_file_is_never_overwritten(db_path: Path, clock: FixedClock) -> None:
    earlier = db_path.with_name(SET_ASIDE_NAME)
    earlier.write_bytes(b"an earlier damaged database")
    db_path.write_bytes(b"garbage " * 1000)

    opened = open_database(db_path, clock=clock)
    opened.db.close()

    assert opened.set_aside == db_path.with_name(SET_ASIDE_NAME + "-2")
    assert opened.set_aside.read_bytes() == b"garbage " * 1000
    assert earlier.read_bytes() == b"an earlier damaged database"


def test_a_healthy_file_is_not_set_aside(db_path: Path, clock: FixedClock) -> None:
    open_database(db_path, clock=clock).db.close()
    opened = open_database(db_path, clock=clock)
    opened.db.close()
    assert opened.set_aside is None
    assert sorted(p.name for p in db_path.parent.iterdir() if "corrupt" in p.name) == []


def test_the_wal_of_a_damaged_database_is_set_aside_untouched(
    tmp_path: Path, clock: FixedClock
) -> None:
    """After a crash the newest commits live only in the WAL: it must survive as it was."""
    live = tmp_path / "live" / "kiosk.db"
    live.parent.mkdir()
    opened = open_database(live, clock=clock)
    store = ApplicationStore(opened.db, clock, KIOSK_CODE)
    for _ in range(50):
        store.create_draft("pension", 1, "zh_CN")
    opened.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for number in range(20):  # these commits exist only in the WAL
        opened.db.execute("INSERT INTO settings (key, value) VALUES (?, 'x')", [str(number)])
    crashed = tmp_path / "kiosk.db"
    for suffix in ("", "-wal", "-shm"):  # a copy taken while running = a power cut
        crashed.with_name("kiosk.db" + suffix).write_bytes(
            live.with_name("kiosk.db" + suffix).read_bytes()
        )
    opened.db.close()
    wal_bytes = crashed.with_name("kiosk.db-wal").read_bytes()
    assert len(wal_bytes) > 0

    raw = sqlite3.connect(f"{crashed.as_uri()}?mode=ro", uri=True)  # leaves the WAL alone
    page_size = raw.execute("PRAGMA page_size").fetchone()[0]
    root = raw.execute("SELECT rootpage FROM sqlite_master WHERE name = 'applications'").fetchone()[
        0
    ]
    raw.close()
    with crashed.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xff" * page_size)
    assert crashed.with_name("kiosk.db-wal").read_bytes() == wal_bytes
    damaged = crashed.read_bytes()

    reopened = open_database(crashed, clock=clock)
    reopened.db.close()

    assert reopened.set_aside == tmp_path / SET_ASIDE_NAME
    assert reopened.set_aside.read_bytes() == damaged
    assert (tmp_path / (SET_ASIDE_NAME + "-wal")).read_bytes() == wal_bytes


def _submit_some(store: ApplicationStore, count: int) -> list[str]:
    numbers = []
    for _ in range(count):
        draft = store.create_draft("pension", 1, "zh_CN")
        submitted = store.submit(draft.uuid, {"full_name": "x"})
        assert submitted.tracking_number is not None
        numbers.append(submitted.tracking_number)
    return numbers


def test_tracking_numbers_continue_after_a_damaged_page_is_set_aside(
    db_path: Path, clock: FixedClock
) -> None:
    opened = open_database(db_path, clock=clock)
    issued = _submit_some(ApplicationStore(opened.db, clock, KIOSK_CODE), 3)
    opened.db.close()
    _corrupt_applications_table(db_path)  # the counters' own table survives

    reopened = open_database(db_path, clock=clock)
    [next_number] = _submit_some(ApplicationStore(reopened.db, clock, KIOSK_CODE), 1)
    reopened.db.close()

    assert reopened.set_aside is not None
    assert next_number not in issued
    assert tracking.parse(next_number).sequence == tracking.parse(issued[-1]).sequence + 1


def test_tracking_numbers_jump_past_the_old_file_when_its_counters_are_lost(
    db_path: Path, clock: FixedClock
) -> None:
    db_path.write_bytes(bytes(range(256)) * 64)

    opened = open_database(db_path, clock=clock)
    [first] = _submit_some(ApplicationStore(opened.db, clock, KIOSK_CODE), 1)
    opened.db.close()

    assert opened.set_aside is not None
    assert tracking.parse(first).sequence > tracking.RESTART_FLOOR
