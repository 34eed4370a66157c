"""The sync state the kiosk keeps in its ``settings`` table.

Credential, trusted key, feed cursor and anchor position live in the kiosk's
own database, so they survive restarts and move with the data file; each is
a plain key so a support person can read it with ``sqlite3``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from kiosk.clock import parse_timestamp

CREDENTIAL = "sync.credential"
KIOSK_CODE = "sync.kiosk_code"
SIGNING_KEY = "sync.signing_public_key"
STATUS_CURSOR = "sync.status_cursor"
ANCHORED_ID = "sync.anchored_audit_id"
LAST_SYNC_AT = "sync.last_sync_at"
LAST_ERROR = "sync.last_error"
KIOSK_PRIVATE_KEY = "sync.kiosk_private_key"
TRANSFER_KEY = "sync.transfer_public_key"


def read(db: Database, key: str) -> str | None:
    """One setting's value, or None when unset."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def last_sync_at(db: Database) -> datetime | None:
    """When the last sync cycle succeeded, or None if none ever did."""
    stamp = read(db, LAST_SYNC_AT)
    return None if stamp is None else parse_timestamp(stamp)


def write(db: Database, key: str, value: str) -> None:
    """Set one setting (inside the caller's transaction, or on its own)."""
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


@dataclass(frozen=True)
class Enrolment:
    """What the kiosk received when it enrolled."""

    kiosk_code: str
    credential: str
    signing_public_key: str


def enrolment(db: Database) -> Enrolment | None:
    """The kiosk's enrolment, or None when it never enrolled."""
    code, credential, key = (read(db, k) for k in (KIOSK_CODE, CREDENTIAL, SIGNING_KEY))
    if code is None or credential is None or key is None:
        return None
    return Enrolment(kiosk_code=code, credential=credential, signing_public_key=key)
