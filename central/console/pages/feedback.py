"""Ratings and complaints from the public, handled as cases (audited: they hold personal data)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from central.console import complaints
from central.console.access import ChangerDep, ConsoleRefusal, FormDep, StaffDep
from central.console.i18n import N_
from central.console.pages.page import redirect, staff_page
from central.errors import Refusal

router = APIRouter()


@router.get("/feedback", response_class=HTMLResponse)
def feedback(person: StaffDep, everything: Annotated[bool, Query(alias="all")] = False) -> Response:
    """Open cases first; with ``all``, the handled ones too."""
    with person.platform.database.transaction() as connection:
        found = complaints.cases(connection, open_only=not everything)
    person.audit("feedback.view", "", {"cases": len(found)})
    return staff_page(person, "feedback.html", {"cases": found, "everything": everything})


@router.post("/feedback/{uuid}/close")
def close(person: ChangerDep, form: FormDep, uuid: str) -> Response:
    """Close a case with what was done about it."""
    reply = str(form.get("reply", ""))
    if not reply.strip():
        raise ConsoleRefusal(400, N_("Say what was done before closing the case."))
    with person.platform.database.transaction() as connection:
        try:
            complaints.close_case(connection, uuid[:64], person.account.username, reply, person.now)
        except Refusal as missing:
            raise ConsoleRefusal(404, N_("There is no such feedback.")) from missing
    person.audit("feedback.close", uuid[:64])
    return redirect("feedback")
