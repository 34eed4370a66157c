"""Published issuer trust lists: validated, signed, numbered, handed to kiosks.

The administrator keeps the trust list as a file (the format of
docs/identity.md) and publishes each change. The centre validates it with the
kiosk's own parser, so it can never publish a list kiosks would refuse, then
numbers and signs it as a serial document (:mod:`central.serial_documents`):
a revocation, once installed, cannot be undone by replaying an older list.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from central import serial_documents
from central.database import Connection
from kiosk.identity import TrustList, parse_trust_list
from sync.protocol import TrustListBundle


@dataclass(frozen=True)
class TrustListPublication:
    """What publishing did: ``created`` is False when the newest list already had this text."""

    serial: int
    created: bool
    issuers: int
    keys: int
    revoked_keys: int


def publish(
    connection: Connection, text: str, key: Ed25519PrivateKey, now: datetime
) -> TrustListPublication:
    """Validate (raising :class:`kiosk.identity.TrustListError`), sign and store a trust list."""
    trust = parse_trust_list(text)
    serial, created = serial_documents.publish(
        connection, serial_documents.TRUST_LISTS, text, key, now
    )
    return _publication(serial, created, trust)


def newest(connection: Connection, after: int = 0) -> TrustListBundle | None:
    """The newest published list, if its serial is greater than ``after``."""
    stored = serial_documents.newest(connection, serial_documents.TRUST_LISTS, after)
    return None if stored is None else TrustListBundle(**asdict(stored))


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
