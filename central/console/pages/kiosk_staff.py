"""Staff accounts at the kiosks (clerks, supervisors, kiosk administrators), managed here.

Each change is a record signed with the form signing key (kiosks refuse
unsigned ones), so adding, disabling or enabling asks for the passphrase that
unlocks the key for that one request, as publishing a form does. PINs are
typed twice and kept only as argon2id hashes; an account for every kiosk
(``*``) needs a 12-digit PIN (docs/security.md, "Staff PINs").
"""

from __future__ import annotations

import hmac

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from central import staff_registry
from central.console.access import AdministratorDep, ConsoleRefusal, FormDep, StaffDep
from central.console.i18n import N_
from central.console.pages.page import redirect, staff_page
from central.errors import Refusal
from central.signing_key_store import unlock_signing_key
from kiosk.staff import Role
from sync.protocol import ALL_KIOSKS

router = APIRouter()

_REFUSALS = {
    "wrong_passphrase": N_("The passphrase does not unlock the signing key."),
    "no_signing_key": N_("No signing key is stored for the console yet."),
    "fleet_pin_too_short": N_("An account for every kiosk needs a PIN of 12 digits."),
    "invalid_staff": N_("A staff number is digits, and a PIN 4 to 12 digits."),
    "not_found": N_("There is no such kiosk or account."),
}


@router.get("/kiosk-staff", response_class=HTMLResponse)
def kiosk_staff(person: StaffDep) -> Response:
    """Every account provisioned to kiosks (never a PIN)."""
    with person.platform.database.transaction() as connection:
        records = staff_registry.list_staff(connection)
        kiosks = [str(row[0]) for row in connection.query("SELECT code FROM kiosks ORDER BY code")]
    values = {"records": records, "kiosks": [ALL_KIOSKS, *kiosks], "roles": list(Role)}
    return staff_page(person, "kiosk_staff.html", values)


def _refused(refused: Refusal) -> ConsoleRefusal:
    return ConsoleRefusal(
        403 if refused.status == 403 else 400,
        _REFUSALS.get(refused.code, N_("The request cannot be carried out.")),
    )


@router.post("/kiosk-staff")
def add(person: AdministratorDep, form: FormDep) -> Response:
    """Add (or replace) an account; kiosks pick it up at their next sync."""
    pin, again = str(form.get("pin", "")), str(form.get("pin_again", ""))
    if not hmac.compare_digest(pin, again):
        raise ConsoleRefusal(400, N_("The two PINs differ; nothing was changed."))
    try:
        role = Role(str(form.get("role", "")))
    except ValueError as error:
        raise ConsoleRefusal(400, N_("That role does not exist.")) from error
    staff_id, kiosk = str(form.get("staff_id", ""))[:32], str(form.get("kiosk", ""))[:16]
    try:
        with person.platform.database.transaction() as connection:
            key = unlock_signing_key(connection, str(form.get("passphrase", "")))
            staff_registry.add_staff(
                connection,
                staff_id,
                kiosk,
                str(form.get("name", ""))[:100],
                role,
                pin,
                key,
                person.now,
            )
    except Refusal as refused:
        person.audit("kiosk_staff.refused", f"{staff_id}@{kiosk}", {"reason": refused.code})
        raise _refused(refused) from refused
    person.audit("kiosk_staff.add", f"{staff_id}@{kiosk}", {"role": role.value})
    return redirect("kiosk-staff")


@router.post("/kiosk-staff/{kiosk}/{staff_id}/{change}")
def set_active(
    person: AdministratorDep, form: FormDep, kiosk: str, staff_id: str, change: str
) -> Response:
    """Disable an account (someone left, a PIN leaked) or enable it again."""
    if change not in ("disable", "enable"):
        raise ConsoleRefusal(404, N_("There is no such kiosk or account."))
    try:
        with person.platform.database.transaction() as connection:
            key = unlock_signing_key(connection, str(form.get("passphrase", "")))
            staff_registry.set_active(
                connection, staff_id[:32], kiosk[:16], change == "enable", key, person.now
            )
    except Refusal as refused:
        raise _refused(refused) from refused
    person.audit(f"kiosk_staff.{change}", f"{staff_id[:32]}@{kiosk[:16]}")
    return redirect("kiosk-staff")
