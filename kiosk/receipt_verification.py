"""The short code printed beside the tracking number, and what the QR holds.

"Check my application" accepts a scanned receipt. Tracking numbers are
sequential and easy to guess, so the QR also carries a verification code
that only this kiosk can produce: the first 30 bits of
``HMAC-SHA256(secret, tracking number)``, written as 6 characters of
Crockford base 32 (no I, L, O, U: nothing to confuse when read aloud). The
secret is 32 random bytes created on first use and kept in the ``settings``
table under :data:`SECRET_SETTING`; it never leaves the kiosk and never
appears on paper. A guessed tracking number without its code therefore
reveals nothing when scanned (one chance in about a billion per guess).

QR payload, ASCII only so every decoder reads it the same way::

    TSK1:<tracking number>:<code>        e.g. TSK1:LQ03-261127-0042-K:7XQ2MD

``TSK1`` names the format and its version, so a later format can be told
apart and a QR from something else is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlite_utils import Database

from kiosk.store import transaction

SECRET_SETTING = "receipt_verification_secret"
"""Key of the per-kiosk secret in the settings table (hex text)."""

PAYLOAD_PREFIX = "TSK1"
CODE_LENGTH = 6
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


@dataclass(frozen=True)
class ReceiptReference:
    """What a receipt's QR says: which application, and the proof it came from here."""

    tracking_number: str
    code: str


def verification_code(secret: bytes, tracking_number: str) -> str:
    """The 6-character code for a tracking number under this kiosk's secret."""
    digest = hmac.new(secret, tracking_number.encode("ascii"), hashlib.sha256).digest()
    bits = int.from_bytes(digest[:4], "big") >> (32 - 5 * CODE_LENGTH)
    chars = []
    for _ in range(CODE_LENGTH):
        chars.append(_CROCKFORD[bits & 0x1F])
        bits >>= 5
    return "".join(reversed(chars))


def code_matches(secret: bytes, reference: ReceiptReference) -> bool:
    """Whether a scanned code belongs to the tracking number (constant-time)."""
    expected = verification_code(secret, reference.tracking_number)
    return hmac.compare_digest(expected, reference.code.upper())


def qr_payload(reference: ReceiptReference) -> str:
    """The text encoded in the receipt's QR."""
    return f"{PAYLOAD_PREFIX}:{reference.tracking_number}:{reference.code}"


def parse_qr_payload(text: str) -> ReceiptReference | None:
    """Read a scanned QR; None for anything that is not a receipt of this format."""
    parts = text.strip().split(":")
    if len(parts) != 3 or parts[0] != PAYLOAD_PREFIX:
        return None
    tracking_number, code = parts[1], parts[2].upper()
    if len(code) != CODE_LENGTH or any(char not in _CROCKFORD for char in code):
        return None
    if not tracking_number.isascii() or not tracking_number:
        return None
    return ReceiptReference(tracking_number=tracking_number, code=code)


def kiosk_secret(db: Database) -> bytes:
    """This kiosk's verification secret, created (durably) on first use.

    Call outside any open transaction. Two connections racing to create it
    both run ``INSERT OR IGNORE`` under the write lock and then read the one
    that won, so every receipt is signed with the same secret.
    """
    row = db.execute("SELECT value FROM settings WHERE key = ?", [SECRET_SETTING]).fetchone()
    if row is None:
        with transaction(db):
            db.execute(
                "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)",
                [SECRET_SETTING, secrets.token_hex(32)],
            )
        row = db.execute("SELECT value FROM settings WHERE key = ?", [SECRET_SETTING]).fetchone()
    return bytes.fromhex(str(row[0]))


def reference_for(db: Database, tracking_number: str) -> ReceiptReference:
    """The reference printed on the receipt of this tracking number."""
    return ReceiptReference(tracking_number, verification_code(kiosk_secret(db), tracking_number))
