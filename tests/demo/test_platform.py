"""The demo's local platform: forms published, kiosk enrolled, outbox delivered; rerunnable."""

from __future__ import annotations

import time
from pathlib import Path

import requests

from demo.platform import DEMO_SUPERVISOR_ID, DEMO_SUPERVISOR_PIN, start_demo_platform
from kiosk.applications import ApplicationStore
from kiosk.clock import SystemClock
from kiosk.security import key_store
from kiosk.staff import SignInOutcome, sign_in
from kiosk.store import open_database
from resources import FORMS_DIR
from sync import sync_settings
from sync.client import CentralClient
from sync.transport import RequestsTransport
from sync.worker import SyncWorker


def test_the_demo_platform_starts_twice_and_receives_applications(tmp_path: Path) -> None:
    clock = SystemClock()
    kiosk_path = tmp_path / "kiosk.db"
    db = open_database(kiosk_path).db
    first = start_demo_platform(tmp_path / "central", kiosk_path, "DEMO01", FORMS_DIR, clock)
    enrolment = sync_settings.enrolment(db)
    assert enrolment is not None
    first.shut_down()

    second = start_demo_platform(tmp_path / "central", kiosk_path, "DEMO01", FORMS_DIR, clock)
    assert sync_settings.enrolment(db) == enrolment  # not enrolled again
    store = ApplicationStore(db, clock, "DEMO01")
    draft = store.create_draft("rural-pension-enrolment", 1, "zh_CN")
    store.submit(draft.uuid, {"name": "张三"})
    second.wake.set()
    while True:
        with second.database.transaction() as connection:
            if connection.query("SELECT COUNT(*) FROM applications")[0][0] == 1:
                break
        time.sleep(0.05)
    with second.database.transaction() as connection:
        assert connection.query("SELECT COUNT(*) FROM forms")[0][0] == len(
            list(FORMS_DIR.glob("*.json"))
        )
        assert connection.query("SELECT COUNT(*) FROM staff")[0][0] == 1  # provisioned once
    second.shut_down()
    supervisor = sign_in(db, DEMO_SUPERVISOR_ID, DEMO_SUPERVISOR_PIN, clock)
    assert supervisor.outcome is SignInOutcome.ACCEPTED  # it arrived with the sync
    assert supervisor.account is not None and supervisor.account.source == "central"
    db.close()


def test_the_demo_kiosk_is_protected_by_a_passphrase_and_unlocked_by_the_platform(
    tmp_path: Path,
) -> None:
    clock = SystemClock()
    kiosk_path = tmp_path / "kiosk.db"
    db = open_database(kiosk_path).db
    demo = start_demo_platform(
        tmp_path / "central",
        kiosk_path,
        "DEMO01",
        FORMS_DIR,
        clock,
        start_sync=False,
        recovery_passphrase="demo recovery passphrase",
    )
    try:
        assert key_store.protections(db) == [
            key_store.WrapMethod.CENTRAL,
            key_store.WrapMethod.PASSPHRASE,
        ]
        keys = key_store.open_keys(db)  # as the kiosk starts: locked
        store = ApplicationStore(db, clock, "DEMO01", keys=keys)
        draft = store.create_draft("rural-pension-enrolment", 1, "zh_CN")
        store.submit(draft.uuid, {"name": "张三"})
        client = CentralClient(demo.server.url, RequestsTransport(requests.Session()))
        report = SyncWorker(db, client, clock, keys=keys).run_once()
        assert report.online and report.acknowledged == 1
        assert keys.is_unlocked
    finally:
        demo.shut_down()
        db.close()
