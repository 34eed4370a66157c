"""What every request handler needs: the database and the clock, from the app.

They are set once when the app is built (:func:`central.api.app.create_app`)
and read through FastAPI dependencies, so handlers hold no global state and
tests build an app on their own database and clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from central.database import Database
from kiosk.clock import Clock


@dataclass(frozen=True)
class Platform:
    """The app's collaborators."""

    database: Database
    clock: Clock


def platform(request: Request) -> Platform:
    """The collaborators the app was built with."""
    found = request.app.state.platform
    assert isinstance(found, Platform)
    return found


_bearer = HTTPBearer(auto_error=False, description="The kiosk credential from enrolment")


def credential(
    auth: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str | None:
    """The bearer credential of the request, if it carries one (checked by the handler)."""
    return None if auth is None else auth.credentials


PlatformDep = Annotated[Platform, Depends(platform)]
CredentialDep = Annotated[str | None, Depends(credential)]
