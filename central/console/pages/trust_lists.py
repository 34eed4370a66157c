"""Issuer trust lists for ID codes: the one in force, and publishing a new one (administrators)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from central import trust_list_registry
from central.console.access import AdministratorDep, ConsoleRefusal, FormDep
from central.console.i18n import N_
from central.console.pages.forms import as_text, uploaded_bytes
from central.console.pages.page import redirect, staff_page
from central.errors import Refusal
from central.signing_key_store import has_signing_key, unlock_signing_key
from kiosk.identity import TrustListError, parse_trust_list

router = APIRouter()


@router.get("/trust-lists", response_class=HTMLResponse)
def trust_lists(person: AdministratorDep) -> Response:
    """The newest published list: its issuers and each key's state."""
    with person.platform.database.transaction() as connection:
        newest = trust_list_registry.newest(connection)
        can_publish = has_signing_key(connection)
    values = {
        "current": None if newest is None else trust_list_registry.describe(newest),
        "can_publish": can_publish,
        "problem": "",
    }
    return staff_page(person, "trust_lists.html", values)


@router.post("/trust-lists", response_class=HTMLResponse)
async def publish(person: AdministratorDep, form: FormDep) -> Response:
    """Check an uploaded list as kiosks check it, then sign and publish it."""
    raw, name = await uploaded_bytes(form)
    text = as_text(raw)
    try:
        parse_trust_list(text)
    except (TrustListError, ValueError) as error:
        person.audit("trust_list.refused", name)
        values = {"current": None, "can_publish": True, "problem": str(error)}
        return staff_page(person, "trust_lists.html", values, 422)
    passphrase = str(form.get("passphrase", ""))
    try:
        with person.platform.database.transaction() as connection:
            key = unlock_signing_key(connection, passphrase)
            published = trust_list_registry.publish(connection, text, key, person.now)
    except Refusal as refused:
        person.audit("trust_list.refused", name, {"reason": refused.code})
        raise ConsoleRefusal(
            403, N_("The passphrase does not unlock the signing key.")
        ) from refused
    person.audit("trust_list.publish", str(published.serial), {"created": published.created})
    return redirect("trust-lists")
