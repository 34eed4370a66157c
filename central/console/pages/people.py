"""Console accounts (administrators only) and the audit trail (administrators and supervisors)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from central.console import accounts, audit_trail, sessions
from central.console.access import AdministratorDep, ConsoleRefusal, FormDep, OverseerDep
from central.console.accounts import Role
from central.console.i18n import N_
from central.console.pages.page import redirect, staff_page
from central.errors import Refusal

router = APIRouter()


def _list(text: str) -> tuple[str, ...]:
    """A comma-separated assignment (services or townships) as a tuple."""
    return tuple(part.strip() for part in text.replace("，", ",").split(",") if part.strip())[:100]


@router.get("/accounts", response_class=HTMLResponse)
def account_list(person: AdministratorDep) -> Response:
    """Every account with its role and assignment."""
    with person.platform.database.transaction() as connection:
        everyone = accounts.all_accounts(connection)
    return staff_page(person, "accounts.html", {"accounts": everyone, "roles": list(Role)})


@router.post("/accounts")
def add_account(person: AdministratorDep, form: FormDep) -> Response:
    """Create an account (the person sets up their second factor at first sign-in)."""
    try:
        role = Role(str(form.get("role", "")))
    except ValueError as error:
        raise ConsoleRefusal(400, N_("That role does not exist.")) from error
    with person.platform.database.transaction() as connection:
        try:
            created = accounts.add_account(
                connection,
                str(form.get("username", "")),
                str(form.get("display_name", ""))[:100],
                role,
                str(form.get("password", "")),
                person.now,
                language=str(form.get("language", "zh_CN")),
                services=_list(str(form.get("services", ""))),
                townships=_list(str(form.get("townships", ""))),
            )
        except Refusal as refused:
            raise ConsoleRefusal(
                400, _ACCOUNT_PROBLEMS.get(refused.code, refused.message)
            ) from refused
    person.audit("account.add", created.username, {"role": role.value})
    return redirect("accounts")


_ACCOUNT_PROBLEMS = {
    "bad_username": N_("A username is 2–64 letters, digits, dots, dashes or underscores."),
    "weak_password": N_("A password has at least 12 characters."),
    "account_exists": N_("That username is taken."),
    "bad_language": N_("That language is not available."),
}


@router.post("/accounts/{username}/disable")
def disable_account(person: AdministratorDep, form: FormDep, username: str) -> Response:
    """Disable an account and end its sessions at once (someone left, a password leaked)."""
    name = username[:64]
    if name == person.account.username:
        raise ConsoleRefusal(400, N_("You cannot disable your own account."))
    with person.platform.database.transaction() as connection:
        if accounts.find_account(connection, name) is None:
            raise ConsoleRefusal(404, N_("There is no such account."))
        accounts.set_disabled(connection, name, True, person.now)
        sessions.end_sessions_of(connection, name)
    person.audit("account.disable", name)
    return redirect("accounts")


@router.get("/audit", response_class=HTMLResponse)
def audit(person: OverseerDep, target: Annotated[str, Query(max_length=64)] = "") -> Response:
    """The newest actions, all or about one application, kiosk or account."""
    with person.platform.database.transaction() as connection:
        found = audit_trail.entries(connection, target or None)
    return staff_page(person, "audit.html", {"entries": found, "target": target})
