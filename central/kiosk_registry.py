"""Kiosks, their one-time enrolment codes, credentials and revocation.

A kiosk's credential is ``CODE.secret``; only a SHA-256 of the secret is
stored, so a copy of the database cannot impersonate a kiosk. Enrolment codes
are stored hashed as well and work once, before they expire.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from central.database import Connection
from central.errors import Refusal, conflict, not_found, revoked, unauthenticated
from kiosk.clock import format_timestamp
from sync.protocol import split_credential

ENROLMENT_CODE_LIFETIME = timedelta(days=14)


@dataclass(frozen=True)
class KioskSummary:
    """One kiosk as an administrator sees it."""

    code: str
    name: str
    enrolled_at: str | None
    revoked_at: str | None
    last_sync_at: str | None
    backlog: int
    applications: int


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_kiosk(connection: Connection, code: str, name: str, now: datetime) -> bool:
    """Register a kiosk code; False when it already exists (nothing changes)."""
    return (
        connection.execute(
            "INSERT INTO kiosks (code, name, created_at) VALUES (?, ?, ?)"
            " ON CONFLICT (code) DO NOTHING",
            [code, name, format_timestamp(now)],
        )
        == 1
    )


def create_enrolment_code(connection: Connection, kiosk_code: str, now: datetime) -> str:
    """A fresh one-time code for a registered, unrevoked kiosk."""
    row = connection.query("SELECT revoked_at FROM kiosks WHERE code = ?", [kiosk_code])
    if not row:
        raise not_found(f"kiosk {kiosk_code}")
    if row[0][0] is not None:
        raise revoked(kiosk_code)
    code = secrets.token_hex(8).upper()
    connection.execute(
        "INSERT INTO enrolment_codes (code_hash, kiosk_code, created_at, expires_at)"
        " VALUES (?, ?, ?, ?)",
        [
            _digest(code),
            kiosk_code,
            format_timestamp(now),
            format_timestamp(now + ENROLMENT_CODE_LIFETIME),
        ],
    )
    return code


def enrol(
    connection: Connection, enrolment_code: str, now: datetime, public_key: str | None = None
) -> tuple[str, str]:
    """Use an enrolment code once; return the kiosk code and its new credential.

    A second enrolment of the same kiosk (a replaced machine) replaces the
    credential, so the old machine's credential stops working.
    """
    stamp = format_timestamp(now)
    rows = connection.query(
        "UPDATE enrolment_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL"
        " AND expires_at > ? RETURNING kiosk_code",
        [stamp, _digest(enrolment_code.strip().upper()), stamp],
    )
    if not rows:
        raise Refusal(403, "enrolment_code_invalid", "the enrolment code is unknown or used")
    kiosk_code = str(rows[0][0])
    state = connection.query("SELECT revoked_at FROM kiosks WHERE code = ?", [kiosk_code])
    if state[0][0] is not None:
        raise revoked(kiosk_code)
    secret = secrets.token_urlsafe(32)
    connection.execute(
        "UPDATE kiosks SET secret_hash = ?, public_key = ?, enrolled_at = ? WHERE code = ?",
        [_digest(secret), public_key, stamp, kiosk_code],
    )
    return kiosk_code, f"{kiosk_code}.{secret}"


def authenticate(connection: Connection, credential: str | None) -> str:
    """The kiosk code a credential belongs to; a :class:`Refusal` otherwise."""
    parts = split_credential(credential or "")
    if parts is None:
        raise unauthenticated()
    code, secret = parts
    rows = connection.query("SELECT secret_hash, revoked_at FROM kiosks WHERE code = ?", [code])
    if not rows or rows[0][0] is None or not hmac.compare_digest(str(rows[0][0]), _digest(secret)):
        raise unauthenticated()
    if rows[0][1] is not None:
        raise revoked(code)
    return code


def revoke(connection: Connection, kiosk_code: str, now: datetime) -> None:
    """Stop a kiosk's credential and its unused enrolment codes from working."""
    changed = connection.execute(
        "UPDATE kiosks SET revoked_at = ? WHERE code = ? AND revoked_at IS NULL",
        [format_timestamp(now), kiosk_code],
    )
    if changed == 0:
        exists = connection.query("SELECT 1 FROM kiosks WHERE code = ?", [kiosk_code])
        if not exists:
            raise not_found(f"kiosk {kiosk_code}")
        raise conflict("already_revoked", f"kiosk {kiosk_code} is already revoked")


def record_contact(connection: Connection, kiosk_code: str, backlog: int, now: datetime) -> None:
    """Note that a kiosk synced just now, and what it still has to send."""
    connection.execute(
        "UPDATE kiosks SET last_sync_at = ?, backlog = ? WHERE code = ?",
        [format_timestamp(now), backlog, kiosk_code],
    )


def list_kiosks(connection: Connection) -> list[KioskSummary]:
    """Every kiosk with its last sync, reported backlog and applications received."""
    rows = connection.query(
        "SELECT k.code, k.name, k.enrolled_at, k.revoked_at, k.last_sync_at, k.backlog,"
        " (SELECT COUNT(*) FROM applications a WHERE a.kiosk_code = k.code)"
        " FROM kiosks k ORDER BY k.code"
    )
    return [
        KioskSummary(
            code=str(r[0]),
            name=str(r[1]),
            enrolled_at=r[2],
            revoked_at=r[3],
            last_sync_at=r[4],
            backlog=int(r[5]),
            applications=int(r[6]),
        )
        for r in rows
    ]


def public_key(connection: Connection, kiosk_code: str) -> str | None:
    """The kiosk's own Ed25519 public key from enrolment (for its USB exports)."""
    rows = connection.query("SELECT public_key FROM kiosks WHERE code = ?", [kiosk_code])
    if not rows:
        raise not_found(f"kiosk {kiosk_code}")
    return None if rows[0][0] is None else str(rows[0][0])
