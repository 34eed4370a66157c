"""Published issuer trust lists: validated, signed, numbered, handed to kiosks.

The administrator keeps the trust list as a file (the format of
docs/identity.md) and publishes each change. The centre validates it with the
kiosk's own parser, so it can never publish a list kiosks would refuse,
numbers it with the next serial and signs serial and text with the same
administrator key as form bundles. Kiosks install only a serial newer than
theirs: a revocation, once installed, cannot be undone by replaying an older
list. Publishing the same text as the newest list again changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from central import signing
from central.database import Connection
from kiosk.clock import format_timestamp
from kiosk.identity import TrustList, parse_trust_list
from sync.protocol import TrustListBundle, trust_list_signed_bytes


@dataclass(frozen=True)
class TrustListPublication:
    """What publishing did: ``created`` is False when the newest list already had this text."""

    serial: int
    created: bool
    issuers: int
    keys: int
    revoked_keys: int


def canonical_document(text: str) -> str:
    """The one JSON text of a trust list that is signed and shipped."""
    return json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def publish(
    connection: Connection, text: str, key: Ed25519PrivateKey, now: datetime
) -> TrustListPublication:
    """Validate (raising :class:`kiosk.identity.TrustListError`), sign and store a trust list."""
    trust = parse_trust_list(text)
    document = canonical_document(text)
    digest = hashlib.sha256(document.encode("utf-8")).hexdigest()
    rows = connection.query("SELECT serial, sha256 FROM trust_lists ORDER BY serial DESC LIMIT 1")
    if rows and rows[0][1] == digest:
        return _publication(int(rows[0][0]), False, trust)
    serial = int(rows[0][0]) + 1 if rows else 1
    connection.execute(
        "INSERT INTO trust_lists (serial, document, signature, sha256, published_at)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            serial,
            document,
            signing.sign(key, trust_list_signed_bytes(serial, document)),
            digest,
            format_timestamp(now),
        ],
    )
    return _publication(serial, True, trust)


def newest(connection: Connection, after: int = 0) -> TrustListBundle | None:
    """The newest published list, if its serial is greater than ``after``."""
    rows = connection.query(
        "SELECT serial, document, signature, published_at FROM trust_lists"
        " WHERE serial > ? ORDER BY serial DESC LIMIT 1",
        [after],
    )
    if not rows:
        return None
    serial, document, signature, published_at = rows[0]
    return TrustListBundle(
        serial=int(serial),
        document=str(document),
        signature=str(signature),
        published_at=str(published_at),
    )


def describe(bundle: TrustListBundle) -> dict[str, object]:
    """What an administrator checks about the published list: issuers and key states."""
    trust = parse_trust_list(bundle.document)
    return {
        "serial": bundle.serial,
        "published_at": bundle.published_at,
        "issued": trust.issued.isoformat() if trust.issued else None,
        "issuers": [
            {
                "iss": issuer.iss,
                "keys": [
                    {
                        "kid": key.kid.hex() if key.kid is not None else None,
                        "alg": key.algorithm,
                        "revoked": key.revoked,
                        "valid_from": key.valid_from.isoformat() if key.valid_from else None,
                        "valid_until": key.valid_until.isoformat() if key.valid_until else None,
                    }
                    for key in issuer.keys
                ],
            }
            for issuer in trust.issuers
        ],
    }


def _publication(serial: int, created: bool, trust: TrustList) -> TrustListPublication:
    keys = [key for issuer in trust.issuers for key in issuer.keys]
    return TrustListPublication(
        serial=serial,
        created=created,
        issuers=len(trust.issuers),
        keys=len(keys),
        revoked_keys=sum(key.revoked for key in keys),
    )
