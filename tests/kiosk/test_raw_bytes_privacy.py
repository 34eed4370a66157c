"""The raw bytes of the kiosk's database, its WAL and its log hold no name or ID number.

The store-level half of the check (the screens' half is in
``tests/ui/test_raw_bytes_privacy.py``): drafts saved step by step, a submit,
a receipt PDF that spells the name out uncompressed, a retention purge, and
every log line at DEBUG level in the kiosk's log file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from kiosk.applications import ApplicationStore
from kiosk.clock import FixedClock
from kiosk.logs import configure_logging
from kiosk.retention import purge_acknowledged
from printing.print_queue import PrintQueue
from printing.receipt_layout import PaperSize
from tests.privacy_scan import leaks

NAMES = ["阿依古丽·买买提", "Zhang Sanfeng"]
ID_NUMBER = "11010519491231002X"
PERSONAL = [*NAMES, ID_NUMBER, ID_NUMBER[:15]]


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The kiosk's own log configuration, at DEBUG, writing into the test's directory."""
    configure_logging(tmp_path, logging.DEBUG)
    yield tmp_path / "kiosk.log"
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "kiosk_handler", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(logging.WARNING)


def _apply(store: ApplicationStore, db: Database, clock: FixedClock, name: str) -> str:
    draft = store.create_draft("rural-pension", 1, "zh_CN")
    answers: dict[str, object] = {}
    for key, value in (("id_number", ID_NUMBER), ("full_name", name), ("phone", "13812345678")):
        answers[key] = value
        store.save_draft(draft.uuid, answers, key)
    submitted = store.submit(draft.uuid, answers)
    receipt = f"%PDF-1.4 (uncompressed) {name} {ID_NUMBER}".encode()
    PrintQueue(db, clock).enqueue(
        submitted.uuid, submitted.tracking_number or "", receipt, PaperSize.ROLL_80
    )
    return submitted.uuid


def test_the_scan_finds_what_is_there(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_bytes(NAMES[0].encode("gb18030") + ID_NUMBER.encode("utf-16-le"))
    assert len(leaks([plain], PERSONAL)) == 3  # the name, the ID and its first 15 digits


def test_database_wal_and_log_hold_no_personal_data(
    store: ApplicationStore, db: Database, db_path: Path, clock: FixedClock, log_file: Path
) -> None:
    uuids = [_apply(store, db, clock, name) for name in NAMES]
    assert store.get(uuids[0]).answers["full_name"] == NAMES[0]
    db.execute("UPDATE outbox SET acknowledged_at = ?", ["2026-11-27T03:31:00.000000Z"])
    clock.advance(timedelta(days=40))
    assert purge_acknowledged(db, clock, 30) == 2
    _apply(store, db, clock, NAMES[0])  # and one still held

    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.stat().st_size > 0 and log_file.stat().st_size > 0
    assert leaks([db_path, wal, log_file], PERSONAL) == []
    assert leaks([db_path, wal], ["%PDF"]) == []
