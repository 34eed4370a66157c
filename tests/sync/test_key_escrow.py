"""The central platform unlocks a rebooted kiosk, and stops doing so once it is revoked."""

from __future__ import annotations

import random

import pytest

from central import kiosk_registry
from kiosk.applications import ApplicationStore
from kiosk.security import key_store
from sync.worker import SyncWorker
from tests.central.platform import Platform
from tests.sync.conftest import KIOSK_CODE, Kiosk


def _rebooted_worker(kiosk: Kiosk) -> SyncWorker:
    """The worker of a kiosk process that just started: keys read afresh, locked."""
    keys = key_store.open_keys(kiosk.db)
    assert not keys.is_unlocked
    return SyncWorker(kiosk.db, kiosk.client, kiosk.clock, rng=random.Random(7), keys=keys)


def _escrowed(kiosk: Kiosk, platform: Platform) -> None:
    report = kiosk.worker.run_once()
    assert report.online, report.error
    assert key_store.protections(kiosk.db) == [key_store.WrapMethod.CENTRAL]
    assert platform.count("SELECT COUNT(*) FROM unlock_secrets WHERE kiosk_code = ?", (KIOSK_CODE,))


def test_the_first_sync_hands_the_centre_an_unlock_secret_and_drops_the_plain_key(
    kiosk: Kiosk, platform: Platform
) -> None:
    _escrowed(kiosk, platform)
    assert kiosk.worker.run_once().online  # the second sync does not replace it
    assert key_store.protections(kiosk.db) == [key_store.WrapMethod.CENTRAL]


def test_after_a_reboot_the_centre_unlocks_the_kiosk_and_the_backlog_is_sent(
    kiosk: Kiosk, platform: Platform
) -> None:
    _escrowed(kiosk, platform)
    worker = _rebooted_worker(kiosk)
    locked_store = ApplicationStore(kiosk.db, kiosk.clock, KIOSK_CODE, keys=worker.keys)
    draft = locked_store.create_draft("rural-pension-enrolment", 1, "zh_CN")
    locked_store.submit(draft.uuid, {"name": "Zhang Sanfeng"})

    report = worker.run_once()
    assert report.online and report.acknowledged == 1
    assert worker.keys is not None and worker.keys.is_unlocked
    assert locked_store.get(draft.uuid).answers == {"name": "Zhang Sanfeng"}


def test_a_revoked_kiosk_stays_locked_and_sends_nothing(
    kiosk: Kiosk, platform: Platform, caplog: pytest.LogCaptureFixture
) -> None:
    _escrowed(kiosk, platform)
    kiosk.submit()
    with platform.database.transaction() as connection:
        kiosk_registry.revoke(connection, KIOSK_CODE, kiosk.clock.now())
    worker = _rebooted_worker(kiosk)
    report = worker.run_once()
    assert not report.online
    assert worker.keys is not None and not worker.keys.is_unlocked
    assert kiosk.pending() == 1
    assert "did not unlock this kiosk" in caplog.text
