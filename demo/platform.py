"""The demo's own central platform, on loopback beside the kiosk.

``kiosk demo`` calls :func:`start_demo_platform`: a platform on SQLite in the
demo data directory, a signing key, the sample forms published, a supervisor
account provisioned for every kiosk (so the demo shows staff arriving by
sync), the demo kiosk enrolled, and a sync thread sending the kiosk's outbox
to it. Every step checks what is already there, so a second run reuses the
same key, forms, account and credential.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from pathlib import Path

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from central import form_registry, kiosk_registry, signing, staff_registry
from central.database import Database
from central.schema import create_schema
from central.server import ThreadedServer
from kiosk.clock import Clock
from kiosk.security import key_store
from kiosk.staff import Role
from kiosk.store import compact, connect, transaction
from sync import sync_settings
from sync.client import CentralClient
from sync.enrolment import enrol
from sync.key_escrow import escrow_at_once
from sync.transport import RequestsTransport
from sync.worker import SyncWorker

SYNC_INTERVAL_SECONDS = 15.0
DEMO_SUPERVISOR_ID = "2001"
DEMO_SUPERVISOR_PIN = "5678"


@dataclass
class DemoPlatform:
    """The running demo platform and the kiosk's sync thread."""

    server: ThreadedServer
    database: Database
    stop: threading.Event
    wake: threading.Event
    thread: threading.Thread

    def shut_down(self) -> None:
        """Stop syncing, then stop serving."""
        self.stop.set()
        self.wake.set()
        if self.thread.is_alive():
            self.thread.join()
        self.server.stop()


def start_demo_platform(
    directory: Path,
    kiosk_database: Path,
    kiosk_code: str,
    forms_dir: Path,
    clock: Clock,
    *,
    start_sync: bool = True,
    recovery_passphrase: str | None = None,
) -> DemoPlatform:
    """Serve a platform from ``directory`` and enrol ``kiosk_database`` with it.

    With ``start_sync`` a background thread syncs the kiosk every few seconds;
    without, the caller runs its own sync worker against ``server.url``. With
    ``recovery_passphrase`` the kiosk's keys are protected as an administrator
    would (``kiosk security init``): by the passphrase and by the platform.
    """
    directory.mkdir(parents=True, exist_ok=True)
    database = Database(f"sqlite:///{directory / 'central.db'}")
    key = prepare_platform(database, directory / "signing.pem", forms_dir, clock)
    server = ThreadedServer(database, clock)
    url = server.start()
    _enrol_once(database, kiosk_database, kiosk_code, url, clock)
    _provision_supervisor_once(database, kiosk_code, key, clock)
    if recovery_passphrase is not None:
        _protect_keys_once(kiosk_database, url, recovery_passphrase, clock)
    stop, wake = threading.Event(), threading.Event()
    thread = threading.Thread(
        target=_sync_loop, args=(kiosk_database, url, clock, stop, wake), daemon=True
    )
    if start_sync:
        thread.start()
    return DemoPlatform(server, database, stop, wake, thread)


def prepare_platform(
    database: Database, key_path: Path, forms_dir: Path, clock: Clock
) -> Ed25519PrivateKey:
    """Create the tables, load (or make) the signing key kiosks are told to trust,
    and publish every form in ``forms_dir``: a platform ready to serve.

    The demo, the test platform and the harnesses' platform all start this way.
    """
    create_schema(database)
    key = signing.load_key(key_path) if key_path.exists() else signing.generate_key(key_path)
    with database.transaction() as connection:
        form_registry.record_public_key(connection, key)
    for path in sorted(forms_dir.glob("*.json")):
        form_registry.publish_file(database, path, key, clock)
    return key


def _provision_supervisor_once(
    database: Database, kiosk_code: str, key: Ed25519PrivateKey, clock: Clock
) -> None:
    """A supervisor for the demo kiosk alone, so its short PIN opens no other kiosk."""
    with database.transaction() as connection:
        if any(r.staff_id == DEMO_SUPERVISOR_ID for r in staff_registry.list_staff(connection)):
            return
        staff_registry.add_staff(
            connection,
            DEMO_SUPERVISOR_ID,
            kiosk_code,
            "Demo supervisor",
            Role.SUPERVISOR,
            DEMO_SUPERVISOR_PIN,
            key,
            clock.now(),
        )


def _enrol_once(
    database: Database, kiosk_database: Path, kiosk_code: str, url: str, clock: Clock
) -> None:
    db = connect(kiosk_database)
    try:
        if sync_settings.enrolment(db) is not None:
            return
        with database.transaction() as connection:
            kiosk_registry.create_kiosk(connection, kiosk_code, "Demo kiosk", clock.now())
            code = kiosk_registry.create_enrolment_code(connection, kiosk_code, clock.now())
        client = CentralClient(url, RequestsTransport(requests.Session()))
        enrol(db, client, code, clock)
    finally:
        db.conn.close()


def _protect_keys_once(kiosk_database: Path, url: str, passphrase: str, clock: Clock) -> None:
    """Wrap the kiosk's still unprotected keys under the passphrase and the platform."""
    db = connect(kiosk_database)
    try:
        keys = key_store.open_keys(db)
        with transaction(db):
            protected = key_store.protect_if_unprotected(db, passphrase, clock.now())
        if protected:
            compact(db)
            escrow_at_once(db, keys, url, None, clock.now())
    finally:
        db.conn.close()


def _sync_loop(
    kiosk_database: Path, url: str, clock: Clock, stop: threading.Event, wake: threading.Event
) -> None:
    db = connect(kiosk_database)
    try:
        client = CentralClient(url, RequestsTransport(requests.Session()))
        SyncWorker(db, client, clock, rng=random.Random()).run_until(
            stop, wake, SYNC_INTERVAL_SECONDS
        )
    finally:
        db.conn.close()
