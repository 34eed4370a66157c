"""Who is asking: the console's FastAPI dependencies.

Handlers never read cookies or check roles themselves. They declare what
they need — :data:`VisitorDep` (anyone, for the sign-in pages),
:data:`StaffDep` (signed in, second factor passed), :data:`ChangerDep`
(allowed to change things: administrators and officers),
:data:`AdministratorDep` — and a refusal becomes a page: back to sign-in, or
a 403 that is recorded in the audit trail. Forms posted to the console carry
the session's CSRF token; :func:`posted_form` checks it before the handler
sees a field.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData

from central.api.deps import Platform, PlatformDep
from central.console import audit_trail, i18n
from central.console.accounts import Account, Role, find_account
from central.console.i18n import N_
from central.console.sessions import COOKIE_NAME, Session, find_session

LANGUAGE_COOKIE = "console_language"


FORM_EXPIRED = N_("This form has expired. Go back, reload the page and try again.")
"""The answer to a form posted without this session's CSRF token."""


class NotSignedIn(Exception):
    """The request has no live, fully verified session: go to the sign-in page."""


class ConsoleRefusal(Exception):
    """A request the console refuses, shown as a page with a translated message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Visitor:
    """Any request to the console: its platform, language, address and moment."""

    platform: Platform
    language: str
    address: str
    now: datetime
    secure: bool
    """Served over https (directly or behind a proxy that says so): cookies get Secure."""


@dataclass(frozen=True)
class Staff:
    """A signed-in account with a live session."""

    visitor: Visitor
    account: Account
    session: Session

    @property
    def platform(self) -> Platform:
        """The platform the console runs on."""
        return self.visitor.platform

    @property
    def now(self) -> datetime:
        """The moment of the request."""
        return self.visitor.now

    @property
    def language(self) -> str:
        """The account's console language."""
        return self.account.language

    def audit(self, action: str, target: str = "", detail: dict[str, object] | None = None) -> None:
        """Record an action of this account in its own short transaction.

        Never call it inside an open transaction: SQLite would make it wait for
        the outer one (use :func:`audit_trail.record` on that connection instead).
        """
        with self.platform.database.transaction() as connection:
            audit_trail.record(
                connection,
                self.now,
                self.account.username,
                self.visitor.address,
                action,
                target,
                detail,
            )


def client_address(request: Request) -> str:
    """The address the request came from (the proxy's, unless it says otherwise)."""
    forwarded = request.headers.get("x-forwarded-for", "")
    first = forwarded.split(",")[0].strip()[:64]
    if first:
        return first
    return request.client.host if request.client else "unknown"


def visitor(request: Request, platform: PlatformDep) -> Visitor:
    """Any console request."""
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    secure = request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
    return Visitor(
        platform=platform,
        language=i18n.pick_language(chosen, request.headers.get("accept-language")),
        address=client_address(request),
        now=platform.clock.now(),
        secure=secure,
    )


VisitorDep = Annotated[Visitor, Depends(visitor)]


def staff(request: Request, guest: VisitorDep) -> Staff:
    """The signed-in account; NotSignedIn otherwise (also for a disabled account)."""
    token = request.cookies.get(COOKIE_NAME)
    with guest.platform.database.transaction() as connection:
        session = find_session(connection, token, guest.now)
        account = None if session is None else find_account(connection, session.username)
    if session is None or account is None or account.disabled or not session.verified:
        raise NotSignedIn()
    return Staff(visitor=guest, account=account, session=session)


StaffDep = Annotated[Staff, Depends(staff)]


def _refuse(person: Staff, needed: str) -> ConsoleRefusal:
    person.audit("access.refused", needed)
    return ConsoleRefusal(403, N_("Your role does not allow this."))


def changer(person: StaffDep) -> Staff:
    """An administrator or officer: supervisors read and never change."""
    if not person.account.can_change:
        raise _refuse(person, "change")
    return person


def administrator(person: StaffDep) -> Staff:
    """Only administrators run the fleet, forms, trust lists and accounts."""
    if person.account.role is not Role.ADMINISTRATOR:
        raise _refuse(person, "administrator")
    return person


def overseer(person: StaffDep) -> Staff:
    """Administrators and supervisors read the audit trail and every statistic."""
    if person.account.role is Role.OFFICER:
        raise _refuse(person, "audit")
    return person


ChangerDep = Annotated[Staff, Depends(changer)]
AdministratorDep = Annotated[Staff, Depends(administrator)]
OverseerDep = Annotated[Staff, Depends(overseer)]


def check_csrf(expected: str, form: FormData) -> None:
    """Refuse a posted form without this session's CSRF token."""
    given = form.get("csrf_token")
    if not isinstance(given, str) or not hmac.compare_digest(given, expected):
        raise ConsoleRefusal(
            403, N_("This form has expired. Go back, reload the page and try again.")
        )


async def posted_form(request: Request, person: StaffDep) -> FormData:
    """The posted form of a signed-in account, after its CSRF token was checked."""
    form = await request.form()
    try:
        check_csrf(person.session.csrf_token, form)
    except ConsoleRefusal:
        person.audit("csrf.refused", request.url.path)
        raise
    return form


FormDep = Annotated[FormData, Depends(posted_form)]
