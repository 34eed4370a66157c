"""A running central platform for tests: server, signing key, published forms.

Used by the central tests and by the kiosk-side sync tests, which talk to a
real platform on a loopback port.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from central import kiosk_registry
from central.database import Database
from central.server import ThreadedServer
from demo.platform import prepare_platform
from kiosk.clock import Clock
from kiosk.tracking import issuable

FORMS_DIR = Path(__file__).resolve().parents[2] / "resources" / "forms"
PENSION_FORM = FORMS_DIR / "rural-pension-enrolment.json"


_SEQUENCES = itertools.count(1)


def tracking_number(kiosk_code: str = "LQ03") -> str:
    """A valid tracking number of ``kiosk_code`` that no earlier call returned."""
    while True:
        number = issuable(kiosk_code, date(2026, 11, 27), next(_SEQUENCES) % 9999 + 1)
        if number is not None:
            return number


@dataclass
class Platform:
    """A started platform and the handles a test needs to administer it."""

    database: Database
    clock: Clock
    key: Ed25519PrivateKey
    server: ThreadedServer

    @property
    def url(self) -> str:
        """Base URL of the API server."""
        return self.server.url

    def enrolment_code(self, kiosk_code: str) -> str:
        """Register the kiosk if needed and return a fresh enrolment code."""
        with self.database.transaction() as connection:
            kiosk_registry.create_kiosk(connection, kiosk_code, kiosk_code, self.clock.now())
            return kiosk_registry.create_enrolment_code(connection, kiosk_code, self.clock.now())

    def credential(self, kiosk_code: str) -> str:
        """Enrol a kiosk over HTTP and return its credential."""
        answer = requests.post(
            f"{self.url}/api/v1/enrolment",
            json={"enrolment_code": self.enrolment_code(kiosk_code)},
            timeout=30,
        )
        answer.raise_for_status()
        return str(answer.json()["credential"])

    def count(self, sql: str, params: tuple[object, ...] = ()) -> int:
        """The single integer a COUNT query returns."""
        with self.database.transaction() as connection:
            return int(connection.query(sql, params)[0][0])


def start_platform(database: Database, clock: Clock, key_dir: Path) -> Platform:
    """Create the schema, a signing key and the sample forms, then serve."""
    key = prepare_platform(database, key_dir / "signing.pem", FORMS_DIR, clock)
    server = ThreadedServer(database, clock)
    server.start()
    return Platform(database=database, clock=clock, key=key, server=server)
