"""Answering with a page: templates filled with what every page shows.

Every page carries the same frame (who is signed in, the navigation allowed
for their role, the CSRF token for the forms on it, the time zone label), so
handlers only pass what is their own.
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import HTMLResponse, RedirectResponse

from central.console import i18n
from central.console.access import Staff
from central.console.accounts import Role
from central.console.rendering import render

CONSOLE_PREFIX = "/console"

_SECURITY_HEADERS = {
    # No script, style or image from anywhere but the console itself (no CDN, ever),
    # no framing (clickjacking), no referrer leaking tracking numbers in URLs.
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
        " frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def console_url(path: str) -> str:
    """The absolute path of a console page."""
    return f"{CONSOLE_PREFIX}/{path}".rstrip("/") if path else f"{CONSOLE_PREFIX}/"


def page(language: str, template: str, values: dict[str, Any], status: int = 200) -> HTMLResponse:
    """A page for someone not signed in (sign-in, errors)."""
    filled = {"me": None, "csrf": "", "language": language, "url": console_url, **values}
    return HTMLResponse(render(language, template, filled), status, headers=_SECURITY_HEADERS)


def staff_page(
    person: Staff, template: str, values: dict[str, Any], status: int = 200
) -> HTMLResponse:
    """A page for a signed-in account, with its navigation and CSRF token."""
    role = person.account.role
    filled = {
        "me": person.account,
        "csrf": person.session.csrf_token,
        "is_admin": role is Role.ADMINISTRATOR,
        "can_change": person.account.can_change,
        "can_oversee": role is not Role.OFFICER,
        "now_local": i18n.local_now(person.now),
        **values,
    }
    return page(person.language, template, filled, status)


def redirect(path: str) -> RedirectResponse:
    """After a POST, go (303: as a GET) to a console page."""
    return RedirectResponse(console_url(path), status_code=303, headers=_SECURITY_HEADERS)
