"""Each kiosk's unlock secret: kept here, released only to that kiosk's valid credential.

A kiosk's private key is wrapped under this secret (see ``docs/security.md``),
so a kiosk that rebooted with nobody at hand can read its own data again as
soon as it reaches the centre. Revoking a stolen kiosk (``kiosk-central
revoke``) makes :func:`kiosk_registry.authenticate` refuse its credential, and
with it this secret. Every release is timestamped for the administrator.
"""

from __future__ import annotations

from datetime import datetime

from central.database import Connection
from central.errors import not_found
from kiosk.clock import format_timestamp


def store(connection: Connection, kiosk_code: str, secret: str, now: datetime) -> None:
    """Keep (or replace, after a key rotation) the secret of one kiosk."""
    connection.execute(
        "INSERT INTO unlock_secrets (kiosk_code, secret, stored_at) VALUES (?, ?, ?)"
        " ON CONFLICT (kiosk_code) DO UPDATE SET secret = excluded.secret,"
        " stored_at = excluded.stored_at, released_at = NULL",
        [kiosk_code, secret, format_timestamp(now)],
    )


def release(connection: Connection, kiosk_code: str, now: datetime) -> str:
    """The secret of an authenticated kiosk, noting when it was last released."""
    rows = connection.query("SELECT secret FROM unlock_secrets WHERE kiosk_code = ?", [kiosk_code])
    if not rows:
        raise not_found(f"an unlock secret for kiosk {kiosk_code}")
    connection.execute(
        "UPDATE unlock_secrets SET released_at = ? WHERE kiosk_code = ?",
        [format_timestamp(now), kiosk_code],
    )
    return str(rows[0][0])
