"""Server-side sign-in sessions of the web console.

The browser holds only a random token (in an HttpOnly, SameSite=Strict
cookie, Secure under https); the server keeps its SHA-256 with the account,
the CSRF token of the session and whether the second factor was passed. A
session ends after 30 minutes without a request or 12 hours after sign-in,
whichever comes first: office PCs are shared and left unattended.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from central.database import Connection
from kiosk.clock import format_timestamp, parse_timestamp

IDLE_LIFETIME = timedelta(minutes=30)
ABSOLUTE_LIFETIME = timedelta(hours=12)
COOKIE_NAME = "console_session"
MAX_TOKEN_LENGTH = 128


@dataclass(frozen=True)
class Session:
    """A live session: whose, its CSRF token, and whether the second factor was passed."""

    username: str
    csrf_token: str
    verified: bool


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(
    connection: Connection, username: str, verified: bool, address: str, now: datetime
) -> str:
    """A new session; returns the token for the cookie (kept nowhere else)."""
    token = secrets.token_urlsafe(32)
    stamp = format_timestamp(now)
    connection.execute(
        "INSERT INTO console_sessions (token_hash, username, csrf_token, verified, created_at,"
        " last_seen_at, address) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [_digest(token), username, secrets.token_urlsafe(32), int(verified), stamp, stamp, address],
    )
    return token


def find_session(connection: Connection, token: str | None, now: datetime) -> Session | None:
    """The live session of ``token``, touched; None when unknown or expired (then removed)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    digest = _digest(token)
    rows = connection.query(
        "SELECT username, csrf_token, verified, created_at, last_seen_at"
        " FROM console_sessions WHERE token_hash = ?",
        [digest],
    )
    if not rows:
        return None
    username, csrf, verified, created_at, last_seen_at = rows[0]
    expired = (
        now - parse_timestamp(str(last_seen_at)) > IDLE_LIFETIME
        or now - parse_timestamp(str(created_at)) > ABSOLUTE_LIFETIME
    )
    if expired:
        connection.execute("DELETE FROM console_sessions WHERE token_hash = ?", [digest])
        return None
    connection.execute(
        "UPDATE console_sessions SET last_seen_at = ? WHERE token_hash = ?",
        [format_timestamp(now), digest],
    )
    return Session(username=str(username), csrf_token=str(csrf), verified=bool(verified))


def mark_verified(connection: Connection, token: str) -> None:
    """The second factor was passed in this session."""
    connection.execute(
        "UPDATE console_sessions SET verified = 1 WHERE token_hash = ?", [_digest(token)]
    )


def end_session(connection: Connection, token: str | None) -> None:
    """Sign out: the token stops working at once."""
    if token:
        connection.execute("DELETE FROM console_sessions WHERE token_hash = ?", [_digest(token)])


def end_sessions_of(connection: Connection, username: str) -> None:
    """Every session of an account ends (disabled account, new password)."""
    connection.execute("DELETE FROM console_sessions WHERE username = ?", [username])


def purge_expired(connection: Connection, now: datetime) -> None:
    """Forget sessions nobody can use any more."""
    connection.execute(
        "DELETE FROM console_sessions WHERE last_seen_at < ? OR created_at < ?",
        [format_timestamp(now - IDLE_LIFETIME), format_timestamp(now - ABSOLUTE_LIFETIME)],
    )
