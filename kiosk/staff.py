"""The clerk PIN that guards the clerk screens.

The PIN is stored only as a salted scrypt hash in the settings table, so
reading the database does not reveal it. Setting it and every check are
audited. Staff accounts with roles and lock-out build on this later.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlite_utils import Database

from kiosk import audit
from kiosk.clock import Clock
from kiosk.store import transaction

PIN_SETTING = "clerk_pin"
MIN_PIN_LENGTH = 4
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class PinTooShortError(ValueError):
    """A PIN shorter than MIN_PIN_LENGTH digits, or not digits at all."""


def _hash(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)


def set_clerk_pin(db: Database, pin: str, clock: Clock) -> None:
    """Replace the clerk PIN (digits only, at least MIN_PIN_LENGTH of them)."""
    if len(pin) < MIN_PIN_LENGTH or not pin.isdigit():
        raise PinTooShortError(f"a PIN has at least {MIN_PIN_LENGTH} digits")
    salt = secrets.token_bytes(16)
    stored = f"scrypt${salt.hex()}${_hash(pin, salt).hex()}"
    with transaction(db):
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [PIN_SETTING, stored],
        )
        audit.append(db, "clerk_pin_set", PIN_SETTING, "kiosk", {}, clock)


def has_clerk_pin(db: Database) -> bool:
    """Whether a clerk PIN was ever set on this kiosk."""
    return _stored(db) is not None


def check_clerk_pin(db: Database, pin: str, clock: Clock) -> bool:
    """Whether `pin` is the clerk PIN; the attempt is audited either way."""
    stored = _stored(db)
    accepted = False
    if stored is not None:
        _scheme, salt_hex, hash_hex = stored.split("$")
        accepted = hmac.compare_digest(_hash(pin, bytes.fromhex(salt_hex)).hex(), hash_hex)
    with transaction(db):
        action = "clerk_login" if accepted else "clerk_login_failed"
        audit.append(db, action, PIN_SETTING, "clerk", {}, clock)
    return accepted


def _stored(db: Database) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [PIN_SETTING]).fetchone()
    return None if row is None else str(row[0])
