"""Signing in and out: password, then a TOTP code (required for administrators).

Before sign-in there is no session to hold a CSRF token, so the sign-in form
uses a double-submit token: a random cookie that the form repeats. Every
attempt is audited; five failures in a row lock the account for a while.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from central.console import accounts, audit_trail, sessions
from central.console.access import (
    LANGUAGE_COOKIE,
    ConsoleRefusal,
    StaffDep,
    Visitor,
    VisitorDep,
    check_csrf,
)
from central.console.accounts import Account
from central.console.i18n import N_
from central.console.pages.page import console_url, page, redirect
from central.console.qr_image import qr_svg
from central.console.sessions import COOKIE_NAME

router = APIRouter()

_PRE_CSRF_COOKIE = "console_sign_in"
_BACK_TARGETS = (
    "sign-in",
    "applications",
    "kiosks",
    "accounts",
    "audit",
    "feedback",
    "statistics",
    "forms",
)
WRONG_CODE = N_("That code is not right. Try the newest one.")


def _set_cookie(response: Response, guest: Visitor, name: str, value: str) -> None:
    response.set_cookie(
        name,
        value,
        httponly=True,
        samesite="strict",
        secure=guest.secure,
        path=console_url(""),
    )


def _sign_in_page(guest: Visitor, error: str = "", status: int = 200) -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    response = page(guest.language, "sign_in.html", {"error": error, "csrf": token}, status)
    _set_cookie(response, guest, _PRE_CSRF_COOKIE, token)
    return response


@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_form(guest: VisitorDep) -> HTMLResponse:
    """The sign-in page."""
    return _sign_in_page(guest)


class _Halfway:
    """A session that passed the password but not yet the second factor."""

    def __init__(self, token: str, account: Account, csrf: str) -> None:
        self.token = token
        self.account = account
        self.csrf = csrf


def _halfway(request: Request, guest: VisitorDep) -> _Halfway:
    token = request.cookies.get(COOKIE_NAME)
    with guest.platform.database.transaction() as connection:
        session = sessions.find_session(connection, token, guest.now)
        account = None if session is None else accounts.find_account(connection, session.username)
    if token is None or session is None or account is None or account.disabled:
        raise ConsoleRefusal(401, N_("Your sign-in has expired. Please sign in again."))
    return _Halfway(token, account, session.csrf_token)


HalfwayDep = Annotated[_Halfway, Depends(_halfway)]


@router.post("/sign-in", response_class=HTMLResponse)
def sign_in(
    request: Request,
    guest: VisitorDep,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=accounts.MAX_PASSWORD_LENGTH)],
    csrf_token: Annotated[str, Form(max_length=64)],
) -> Response:
    """Check the password; then on to the code, its first set-up, or the queue."""
    expected = request.cookies.get(_PRE_CSRF_COOKIE, "")
    if not expected or not secrets.compare_digest(expected, csrf_token):
        return _sign_in_page(guest, N_("This form has expired. Please try again."), 403)
    name = username.strip().lower()
    with guest.platform.database.transaction() as connection:
        account = accounts.find_account(connection, name)
        if account is not None and accounts.is_locked(account, guest.now):
            audit_trail.record(connection, guest.now, name, guest.address, "sign_in.locked")
            return _sign_in_page(guest, N_("This account is locked after too many attempts."), 403)
        correct = accounts.check_password_of(connection, name, password)
        if not correct or account is None or account.disabled:
            accounts.record_failure(connection, name, guest.now)
            audit_trail.record(connection, guest.now, name, guest.address, "sign_in.failed")
            return _sign_in_page(guest, N_("The username or password is not right."), 401)
        verified = not account.needs_second_factor
        if verified:
            accounts.record_success(connection, name)
        audit_trail.record(connection, guest.now, name, guest.address, "sign_in.password")
        token = sessions.start_session(connection, name, verified, guest.address, guest.now)
    if verified:
        target = "applications"
    elif account.has_second_factor:
        target = "sign-in/code"
    else:
        target = "second-factor"
    response = redirect(target)
    _set_cookie(response, guest, COOKIE_NAME, token)
    _set_cookie(response, guest, LANGUAGE_COOKIE, account.language)
    response.delete_cookie(_PRE_CSRF_COOKIE, path=console_url(""))
    return response


@router.get("/sign-in/code", response_class=HTMLResponse)
def code_form(guest: VisitorDep, halfway: HalfwayDep) -> HTMLResponse:
    """Ask for the authenticator app's code."""
    return page(guest.language, "sign_in_code.html", {"error": "", "csrf": halfway.csrf})


@router.post("/sign-in/code", response_class=HTMLResponse)
def check_code(
    guest: VisitorDep,
    halfway: HalfwayDep,
    code: Annotated[str, Form(max_length=16)],
    csrf_token: Annotated[str, Form(max_length=64)],
) -> Response:
    """Pass the second factor, or count a failure."""
    if not secrets.compare_digest(csrf_token, halfway.csrf):
        raise ConsoleRefusal(
            403, N_("This form has expired. Go back, reload the page and try again.")
        )
    name = halfway.account.username
    with guest.platform.database.transaction() as connection:
        if accounts.is_locked(halfway.account, guest.now):
            sessions.end_session(connection, halfway.token)
            return _sign_in_page(guest, N_("This account is locked after too many attempts."), 403)
        if not accounts.check_totp(connection, name, code):
            locked = accounts.record_failure(connection, name, guest.now)
            audit_trail.record(connection, guest.now, name, guest.address, "sign_in.code_failed")
            if locked:
                sessions.end_session(connection, halfway.token)
            values = {
                "error": WRONG_CODE,
                "csrf": halfway.csrf,
            }
            return page(guest.language, "sign_in_code.html", values, 401)
        accounts.record_success(connection, name)
        sessions.mark_verified(connection, halfway.token)
        audit_trail.record(connection, guest.now, name, guest.address, "sign_in.complete")
    return redirect("applications")


@router.get("/second-factor", response_class=HTMLResponse)
def second_factor_form(guest: VisitorDep, halfway: HalfwayDep) -> HTMLResponse:
    """First sign-in of an account that needs a second factor: set up the authenticator app."""
    secret = accounts.new_totp_secret()
    uri = accounts.provisioning_uri(halfway.account.username, secret)
    values = {"secret": secret, "qr": qr_svg(uri), "error": "", "csrf": halfway.csrf}
    return page(guest.language, "second_factor.html", values)


@router.post("/second-factor", response_class=HTMLResponse)
def second_factor_setup(
    guest: VisitorDep,
    halfway: HalfwayDep,
    secret: Annotated[str, Form(min_length=16, max_length=64)],
    code: Annotated[str, Form(max_length=16)],
    csrf_token: Annotated[str, Form(max_length=64)],
) -> Response:
    """Keep the new secret once a code from it proves the app holds it."""
    if not secrets.compare_digest(csrf_token, halfway.csrf):
        raise ConsoleRefusal(
            403, N_("This form has expired. Go back, reload the page and try again.")
        )
    if halfway.account.has_second_factor:
        raise ConsoleRefusal(409, N_("A second factor is already set up for this account."))
    if not accounts.check_totp_code(secret, code):
        uri = accounts.provisioning_uri(halfway.account.username, secret)
        values = {
            "secret": secret,
            "qr": qr_svg(uri),
            "error": WRONG_CODE,
            "csrf": halfway.csrf,
        }
        return page(guest.language, "second_factor.html", values, 401)
    name = halfway.account.username
    with guest.platform.database.transaction() as connection:
        accounts.set_totp_secret(connection, name, secret)
        accounts.record_success(connection, name)
        sessions.mark_verified(connection, halfway.token)
        audit_trail.record(connection, guest.now, name, guest.address, "second_factor.set_up")
    return redirect("applications")


@router.post("/sign-out")
async def sign_out(request: Request, person: StaffDep) -> Response:
    """End the session at once (the cookie alone would outlive it)."""
    check_csrf(person.session.csrf_token, await request.form())
    with person.platform.database.transaction() as connection:
        sessions.end_session(connection, request.cookies.get(COOKIE_NAME))
    person.audit("sign_out")
    response = redirect("sign-in")
    response.delete_cookie(COOKIE_NAME, path=console_url(""))
    return response


@router.post("/language")
async def choose_language(request: Request, guest: VisitorDep) -> Response:
    """Switch the console's language (kept for the account once signed in)."""
    form = await request.form()
    language = str(form.get("language", ""))
    back = str(form.get("back", "applications"))
    if language not in ("zh_CN", "en"):
        raise ConsoleRefusal(400, N_("That language is not available."))
    token = request.cookies.get(COOKIE_NAME)
    with guest.platform.database.transaction() as connection:
        session = sessions.find_session(connection, token, guest.now)
        if session is not None:
            check_csrf(session.csrf_token, form)
            connection.execute(
                "UPDATE console_accounts SET language = ? WHERE username = ?",
                [language, session.username],
            )
    target = (
        back
        if back in ("sign-in", "applications", "kiosks", "accounts", "audit")
        else "applications"
    )
    response = redirect(target)
    _set_cookie(response, guest, LANGUAGE_COOKIE, language)
    return response
