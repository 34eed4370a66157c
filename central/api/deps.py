"""What request handlers need, as FastAPI dependencies: collaborators and who is calling.

The database and the clock are set once when the app is built
(:func:`central.api.app.create_app`), so handlers hold no global state and
tests build an app on their own database and clock. Authentication lives
here too, in the style of FastAPI's project template (``api/deps.py``): a
handler declares ``kiosk: KioskDep`` or ``_: AdminDep`` and never reads a
header or checks a credential itself, so no route can forget to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from central import admin_access, kiosk_registry, unlock_secrets
from central.attachment_store import AttachmentStore
from central.database import Database
from central.personal_data import DataProtection
from kiosk.clock import Clock


@dataclass(frozen=True)
class Platform:
    """The app's collaborators."""

    database: Database
    clock: Clock
    protection: DataProtection
    """The master key applicants' answers are encrypted under at rest."""
    attachments: AttachmentStore
    """Where whole document photos are kept (a folder, or S3-compatible storage)."""


def platform(request: Request) -> Platform:
    """The collaborators the app was built with."""
    found = request.app.state.platform
    assert isinstance(found, Platform)
    return found


PlatformDep = Annotated[Platform, Depends(platform)]

_bearer = HTTPBearer(
    auto_error=False, description="The kiosk credential from enrolment, or the admin token"
)
_BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def authenticated_kiosk(request: Request, context: PlatformDep, auth: _BearerDep) -> str:
    """The code of the kiosk whose credential the request carries; 401/403 otherwise.

    The code is also left on the request's state for the request log.
    """
    with context.database.transaction() as connection:
        code = kiosk_registry.authenticate(connection, None if auth is None else auth.credentials)
    request.state.kiosk_code = code
    return code


def administrator(context: PlatformDep, auth: _BearerDep) -> None:
    """Refuse (401) a request without the current administrator token."""
    with context.database.transaction() as connection:
        admin_access.require_admin(connection, None if auth is None else auth.credentials)


KioskDep = Annotated[str, Depends(authenticated_kiosk)]
"""The authenticated kiosk's code."""
AdminDep = Annotated[None, Depends(administrator)]
"""Present when the request carries the administrator token."""


def unlock_key(context: PlatformDep) -> unlock_secrets.SecretsKey:
    """The key the unlock secrets are encrypted under, read (or made) where it is kept."""
    return unlock_secrets.load_key(unlock_secrets.key_path(context.database))


UnlockKeyDep = Annotated[unlock_secrets.SecretsKey, Depends(unlock_key)]
