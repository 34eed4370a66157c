"""Documents published with a serial that grows: issuer trust lists and fleet settings.

Each publication is stored in canonical JSON, numbered with the next serial
and signed, serial and text together, with the administrator key that signs
form bundles, under a signing context of its own per kind (so one kind's
signature never verifies as another's). Kiosks install only a serial newer
than theirs, so an older document cannot be replayed. Publishing the same
text as the newest document again changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from central import signing
from central.database import Connection
from kiosk.clock import format_timestamp
from sync.protocol import fleet_settings_signed_bytes, trust_list_signed_bytes


@dataclass(frozen=True)
class SerialKind:
    """One kind of serial document: the table that keeps it and what its signature covers."""

    table: str
    signed_bytes: Callable[[int, str], bytes]


TRUST_LISTS = SerialKind("trust_lists", trust_list_signed_bytes)
FLEET_SETTINGS = SerialKind("fleet_settings", fleet_settings_signed_bytes)


@dataclass(frozen=True)
class StoredDocument:
    """A published document as kiosks receive it."""

    serial: int
    document: str
    signature: str
    published_at: str


def canonical_document(text: str) -> str:
    """The one JSON text of a document that is signed and shipped."""
    return json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def publish(
    connection: Connection, kind: SerialKind, text: str, key: Ed25519PrivateKey, now: datetime
) -> tuple[int, bool]:
    """Sign and store an already validated document: its serial, and whether it is new."""
    document = canonical_document(text)
    digest = hashlib.sha256(document.encode("utf-8")).hexdigest()
    rows = connection.query(f"SELECT serial, sha256 FROM {kind.table} ORDER BY serial DESC LIMIT 1")
    if rows and rows[0][1] == digest:
        return int(rows[0][0]), False
    serial = int(rows[0][0]) + 1 if rows else 1
    connection.execute(
        f"INSERT INTO {kind.table} (serial, document, signature, sha256, published_at)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            serial,
            document,
            signing.sign(key, kind.signed_bytes(serial, document)),
            digest,
            format_timestamp(now),
        ],
    )
    return serial, True


def newest(connection: Connection, kind: SerialKind, after: int = 0) -> StoredDocument | None:
    """The newest published document, if its serial is greater than ``after``."""
    rows = connection.query(
        f"SELECT serial, document, signature, published_at FROM {kind.table}"
        " WHERE serial > ? ORDER BY serial DESC LIMIT 1",
        [after],
    )
    if not rows:
        return None
    serial, document, signature, published_at = rows[0]
    return StoredDocument(int(serial), str(document), str(signature), str(published_at))
