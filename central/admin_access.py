"""The administrator's token for the platform's read-only JSON views.

The CLI works on the database directly; dashboards and monitoring read the
same figures over HTTP with this bearer token. Only its SHA-256 is kept, and
making a new one replaces the old (a lost token is simply replaced).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from central.database import Connection
from central.errors import unauthenticated
from central.form_registry import record_setting, setting

ADMIN_TOKEN_SETTING = "admin_token_sha256"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_admin_token(connection: Connection) -> str:
    """A new administrator token (shown once); the previous one stops working."""
    token = secrets.token_urlsafe(32)
    record_setting(connection, ADMIN_TOKEN_SETTING, _digest(token))
    return token


def require_admin(connection: Connection, token: str | None) -> None:
    """Refuse (401) a request without the current administrator token."""
    stored = setting(connection, ADMIN_TOKEN_SETTING)
    if token is None or stored is None or not hmac.compare_digest(_digest(token), stored):
        raise unauthenticated("a valid administrator token is required")
