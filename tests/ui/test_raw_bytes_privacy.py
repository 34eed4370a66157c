"""Two applications through the real screens of a locked kiosk, then the data directory's
raw bytes: no name, no ID number, in any encoding, in the database, its WAL, the
logs or the receipts."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.applications import ApplicationStore
from kiosk.clock import FixedClock
from kiosk.config import DataPaths
from kiosk.logs import configure_logging
from kiosk.security import key_store
from kiosk.store import open_database
from tests.kiosk.security_fixtures import PASSPHRASE, protect_with_passphrase
from tests.privacy_scan import data_files, leaks
from tests.ui.conftest import TEST_TIME, KioskFactory, settle_kiosk
from ui.walkthrough import SampleApplicant, Walkthrough

ID_NUMBER = "11010519491231002X"
PERSONAL = [
    "阿依古丽·买买提",
    "阿依古丽",
    "Zhang Sanfeng",
    ID_NUMBER,
    ID_NUMBER[:15],  # the digits, whatever the check character
    "13812345678",
]


@pytest.fixture
def logged_data_dir(data_dir: Path, clock: FixedClock) -> Iterator[Path]:
    """A protected kiosk (it starts locked) that logs everything, DEBUG included, to its file."""
    opened = open_database(DataPaths(data_dir).database, clock=clock)
    protect_with_passphrase(opened.db, clock)
    opened.db.close()
    logs = DataPaths(data_dir).logs
    logs.mkdir(parents=True, exist_ok=True)
    configure_logging(logs, logging.DEBUG)
    yield data_dir
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "kiosk_handler", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(logging.WARNING)


def _applicant(name: str, form_id: str) -> SampleApplicant:
    sample = SampleApplicant.load()
    answers = dict(sample.answers[form_id]) | {"full_name": name, "phone": "13812345678"}
    return SampleApplicant(ID_NUMBER, {form_id: answers})


def test_no_personal_data_in_the_raw_bytes_of_the_data_directory(
    logged_data_dir: Path, start_kiosk: KioskFactory, qtbot: QtBot
) -> None:
    kiosk = start_kiosk(logged_data_dir)
    walk = Walkthrough(kiosk, lambda: settle_kiosk(qtbot, kiosk))
    for name, form_id, language in (
        ("阿依古丽·买买提", "rural-pension-enrolment", "zh_CN"),
        ("Zhang Sanfeng", "minimum-living-allowance", "en"),
    ):
        walk.applicant = _applicant(name, form_id)
        assert walk.complete(form_id, language)
        walk.settle()
        kiosk.navigator.reset(keep_draft=False)
    receipts = logged_data_dir / "receipts"
    qtbot.waitUntil(lambda: len(list(receipts.glob("*.pdf"))) == 2, timeout=20_000)

    files = data_files(logged_data_dir)
    names = {path.name for path in files}
    assert {"kiosk.db", "kiosk.db-wal", "kiosk.log"} <= names  # the WAL is still there
    assert leaks(files, PERSONAL) == []
    stored = [path for path in files if path.name.startswith("kiosk.db")]
    assert leaks(stored, ["%PDF"]) == []  # the queued receipts are sealed too

    kiosk.window.close()
    kiosk.shut_down()
    assert leaks(data_files(logged_data_dir), PERSONAL) == []
    assert _names_stored(logged_data_dir) == ["Zhang Sanfeng", "阿依古丽·买买提"]


def _names_stored(data_dir: Path) -> list[str]:
    """The names really are in the database, sealed: the passphrase opens them."""
    db = open_database(DataPaths(data_dir).database).db
    try:
        keys = key_store.open_keys(db)
        keys.unlock(key_store.unlock_with_passphrase(db, PASSPHRASE))
        store = ApplicationStore(db, FixedClock(TEST_TIME), "DEMO01", keys=keys)
        uuids = [str(row[0]) for row in db.execute("SELECT uuid FROM applications").fetchall()]
        return sorted(str(store.get(uuid).answers["full_name"]) for uuid in uuids)
    finally:
        db.close()
