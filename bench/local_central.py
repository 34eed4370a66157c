"""A real central platform on loopback for the harnesses, and what they ask it.

The crash harness and the link fault table start one platform (SQLite, the
sample forms signed and published), enrol a fresh kiosk database per trial
or scenario, and afterwards count what the platform stored for that kiosk:
the exactly-once check is made against the platform's own tables.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import requests

from central import kiosk_registry
from central.database import Database
from central.server import ThreadedServer
from demo.platform import prepare_platform
from kiosk.clock import Clock, SystemClock
from kiosk.store import open_database
from resources import FORMS_DIR
from sync.client import CentralClient
from sync.enrolment import enrol
from sync.transport import RequestsTransport


@dataclass
class LocalCentral:
    """A started platform and its database."""

    database: Database
    server: ThreadedServer
    clock: Clock

    @property
    def url(self) -> str:
        """The platform's base URL on loopback."""
        return self.server.url

    @property
    def port(self) -> int:
        """The platform's port (what a proxy forwards to)."""
        return self.server.port

    def enrol_new_kiosk(self, kiosk_db: Path, kiosk_code: str) -> None:
        """Create ``kiosk_db`` (migrated) and enrol it with the platform as ``kiosk_code``."""
        with self.database.transaction() as connection:
            kiosk_registry.create_kiosk(connection, kiosk_code, kiosk_code, self.clock.now())
            code = kiosk_registry.create_enrolment_code(connection, kiosk_code, self.clock.now())
        db = open_database(kiosk_db, clock=self.clock).db
        try:
            enrol(
                db, CentralClient(self.url, RequestsTransport(requests.Session())), code, self.clock
            )
        finally:
            db.conn.close()

    def stored(self, kiosk_code: str) -> Counter[tuple[str, str]]:
        """How many times each (uuid, tracking number) is stored for this kiosk."""
        with self.database.transaction() as connection:
            rows = connection.query(
                "SELECT uuid, tracking_number FROM applications WHERE kiosk_code = ?",
                [kiosk_code],
            )
        return Counter((str(uuid), str(number)) for uuid, number in rows)

    def stop(self) -> None:
        """Stop serving."""
        self.server.stop()


def start_local_central(directory: Path) -> LocalCentral:
    """A platform serving from ``directory`` with every sample form published."""
    clock = SystemClock()
    database = Database(f"sqlite:///{directory / 'central.db'}")
    prepare_platform(database, directory / "signing.pem", FORMS_DIR, clock)
    server = ThreadedServer(database, clock)
    server.start()
    return LocalCentral(database, server, clock)
