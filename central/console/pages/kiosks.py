"""The fleet as an administrator sees it: every kiosk, enrolment and revocation.

Enrolling shows a one-time code and the same code as a QR (with the
platform's address) that the kiosk's enrolment screen scans, so nobody types
a URL on a touchscreen. Revoking takes effect at the kiosk's next request.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from central import kiosk_health, kiosk_registry
from central.console.access import AdministratorDep, ConsoleRefusal, FormDep, StaffDep
from central.console.case_file import service_titles
from central.console.i18n import N_
from central.console.pages.page import redirect, staff_page
from central.console.qr_image import qr_svg
from central.errors import Refusal
from central.form_registry import setting
from central.update_repository import current_rollout
from central.update_rollout import rollout_progress
from kiosk.kiosk_code import is_valid_kiosk_code
from sync.protocol import enrolment_qr_text

router = APIRouter()

PUBLIC_URL_SETTING = "public_url"
"""The address kiosks reach the platform at, when it differs from the console's own."""


@router.get("/kiosks", response_class=HTMLResponse)
def kiosks(person: StaffDep) -> Response:
    """Every kiosk: contact, backlog, audit-chain health, township, and what it reported."""
    database = person.platform.database
    rollout = current_rollout(database)
    with database.transaction() as connection:
        health = kiosk_health.kiosk_health(connection)
        titles = service_titles(connection, person.language)
        townships = dict(
            (str(row[0]), None if row[1] is None else str(row[1]))
            for row in connection.query("SELECT code, township FROM kiosks")
        )
        progress = rollout_progress(connection, rollout)
    return staff_page(
        person,
        "kiosks.html",
        {
            "kiosks": health,
            "townships": townships,
            "titles": titles,
            "progress": progress,
            "offered": {kiosk.code for kiosk in progress.kiosks if kiosk.offered},
        },
    )


def _public_url(request: Request, stored: str | None) -> str:
    return (stored or str(request.base_url)).rstrip("/")


@router.post("/kiosks", response_class=HTMLResponse)
def add_kiosk(request: Request, person: AdministratorDep, form: FormDep) -> Response:
    """Register a kiosk and show its enrolment code (an existing code gets a fresh one)."""
    code = str(form.get("code", "")).strip().upper()
    if not is_valid_kiosk_code(code):
        raise ConsoleRefusal(400, N_("A kiosk code is 2 to 8 capital letters or digits."))
    name = str(form.get("name", "")).strip()[:100] or code
    township = str(form.get("township", "")).strip()[:64] or None
    with person.platform.database.transaction() as connection:
        created = kiosk_registry.create_kiosk(connection, code, name, person.now)
        if township is not None:
            connection.execute("UPDATE kiosks SET township = ? WHERE code = ?", [township, code])
        try:
            enrolment_code = kiosk_registry.create_enrolment_code(connection, code, person.now)
        except Refusal as refused:
            raise ConsoleRefusal(
                409, N_("This kiosk was revoked; enrol the new machine under a new code.")
            ) from refused
        public_url = _public_url(request, setting(connection, PUBLIC_URL_SETTING))
    person.audit("kiosk.enrolment_code", code, {"created": created})
    values = {
        "code": code,
        "name": name,
        "enrolment_code": enrolment_code,
        "central": public_url,
        "qr": qr_svg(enrolment_qr_text(public_url, enrolment_code)),
    }
    return staff_page(person, "kiosk_enrolment.html", values)


@router.post("/kiosks/{code}/revoke")
def revoke(person: AdministratorDep, form: FormDep, code: str) -> Response:
    """Revoke a lost or stolen kiosk: its credential stops working at once."""
    if not is_valid_kiosk_code(code):
        raise ConsoleRefusal(404, N_("There is no such kiosk."))
    with person.platform.database.transaction() as connection:
        try:
            kiosk_registry.revoke(connection, code, person.now)
        except Refusal as missing:
            raise ConsoleRefusal(404, N_("There is no such kiosk.")) from missing
    person.audit("kiosk.revoke", code)
    return redirect("kiosks")
