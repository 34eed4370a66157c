"""Sending and exporting read sealed answers: a locked kiosk does neither, and counts no attempt."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kiosk.errors import KioskLockedError
from kiosk.security import key_store
from kiosk.store import transaction
from sync.outbox import LOCKED, OutboxSender
from sync.usb_transfer import export_outbox
from tests.kiosk.security_fixtures import protect_with_passphrase
from tests.sync.conftest import Kiosk


def test_a_locked_kiosk_sends_nothing_and_counts_no_attempt(kiosk: Kiosk) -> None:
    kiosk.submit(2)
    protect_with_passphrase(kiosk.db, kiosk.clock)
    keys = key_store.open_keys(kiosk.db)
    sender = OutboxSender(kiosk.db, kiosk.client, kiosk.clock, random.Random(1), keys=keys)
    assert sender.send_due().error == LOCKED
    assert kiosk.db.execute("SELECT SUM(attempts) FROM outbox").fetchone()[0] == 0
    keys.unlock(key_store.unlock_with_passphrase(kiosk.db, "correct horse battery staple"))
    assert sender.send_due().acknowledged == 2


def test_a_locked_kiosk_cannot_export_to_usb(usb_kiosk: Kiosk, tmp_path: Path) -> None:
    usb_kiosk.submit()
    protect_with_passphrase(usb_kiosk.db, usb_kiosk.clock)
    with pytest.raises(KioskLockedError):
        export_outbox(usb_kiosk.db, tmp_path, usb_kiosk.clock, key_store.open_keys(usb_kiosk.db))
    assert list(tmp_path.glob("*.json")) == []


def test_a_damaged_sealed_row_is_held_back_not_sent(kiosk: Kiosk) -> None:
    [application] = kiosk.submit()
    with transaction(kiosk.db):
        kiosk.db.execute(
            "UPDATE applications SET sealed_answers = zeroblob(80) WHERE uuid = ?",
            [application.uuid],
        )
    report = kiosk.worker.run_once()
    assert report.acknowledged == 0 and report.refused == 1
    [error] = kiosk.db.execute("SELECT last_error FROM outbox").fetchone()
    assert "sealed value" in error
