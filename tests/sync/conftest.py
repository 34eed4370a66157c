"""Kiosk-side sync fixtures: a real kiosk database, a real platform, a faulty link."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from sqlite_utils import Database as KioskDatabase

from bench.fault_proxy import FaultProxy
from central import usb_import
from central.database import Database
from kiosk.applications import Application, ApplicationStore
from kiosk.clock import FixedClock
from kiosk.store import open_database
from sync.client import CentralClient, Timeouts
from sync.enrolment import enrol
from sync.transport import RequestsTransport
from sync.worker import SyncWorker
from tests.central.platform import Platform, start_platform

START = datetime(2026, 11, 27, 3, 30, 12, tzinfo=UTC)
KIOSK_CODE = "LQ03"
FORM = "rural-pension-enrolment"


@dataclass
class Kiosk:
    """One kiosk: its database, application store, clock and sync worker."""

    path: Path
    db: KioskDatabase
    clock: FixedClock
    store: ApplicationStore
    client: CentralClient
    worker: SyncWorker

    def submit(self, count: int = 1) -> list[Application]:
        """Submit ``count`` applications (as the applicant flow would)."""
        done = []
        for number in range(count):
            draft = self.store.create_draft(FORM, 1, "zh_CN")
            done.append(self.store.submit(draft.uuid, {"name": f"申请人{number}"}))
        return done

    def pending(self) -> int:
        """Outbox entries not yet acknowledged."""
        row = self.db.execute("SELECT COUNT(*) FROM outbox WHERE acknowledged_at IS NULL")
        return int(row.fetchone()[0])


@pytest.fixture
def central_clock() -> FixedClock:
    """The platform's own clock."""
    return FixedClock(START)


@pytest.fixture
def platform(tmp_path: Path, central_clock: FixedClock) -> Iterator[Platform]:
    """A platform on SQLite with the sample forms published."""
    started = start_platform(
        Database(f"sqlite:///{tmp_path / 'central.db'}"), central_clock, tmp_path
    )
    yield started
    started.server.stop()


@pytest.fixture
def proxy(platform: Platform) -> Iterator[FaultProxy]:
    """A fault-injecting proxy in front of the platform."""
    parts = urlsplit(platform.url)
    faulty = FaultProxy(upstream=(parts.hostname or "127.0.0.1", parts.port or 80))
    faulty.start()
    yield faulty
    faulty.stop()


def make_kiosk(path: Path, base_url: str, timeouts: Timeouts | None = None) -> Kiosk:
    """Open (or reopen) a kiosk database with a worker talking to ``base_url``."""
    clock = FixedClock(START)
    db = open_database(path, clock=clock).db
    transport = RequestsTransport(requests.Session())
    client = CentralClient(base_url, transport, timeouts=timeouts or Timeouts())
    worker = SyncWorker(db, client, clock, rng=random.Random(7))
    return Kiosk(path, db, clock, ApplicationStore(db, clock, KIOSK_CODE), client, worker)


@pytest.fixture
def kiosk(tmp_path: Path, platform: Platform, proxy: FaultProxy) -> Iterator[Kiosk]:
    """An enrolled kiosk whose link goes through the proxy."""
    made = make_kiosk(tmp_path / "kiosk.db", proxy.url, Timeouts(connect=5, read=5))
    enrol(made.db, made.client, platform.enrolment_code(KIOSK_CODE), made.clock)
    yield made
    made.db.close()


@pytest.fixture
def usb_kiosk(tmp_path: Path, platform: Platform) -> Kiosk:
    """A kiosk enrolled after the platform set up its transfer key."""
    usb_import.generate_transfer_key(tmp_path / "transfer.pem", platform.database)
    kiosk = make_kiosk(tmp_path / "usb-kiosk.db", platform.url)
    enrol(kiosk.db, kiosk.client, platform.enrolment_code(KIOSK_CODE), kiosk.clock)
    return kiosk
