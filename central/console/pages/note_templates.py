"""The openings of the notes applicants read at the kiosk, per service, status and language."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from central.console import notes
from central.console.access import AdministratorDep, ConsoleRefusal, FormDep
from central.console.case_file import service_titles
from central.console.i18n import N_
from central.console.pages.page import redirect, staff_page
from sync.protocol import ApplicationStatus

router = APIRouter()


@router.get("/notes", response_class=HTMLResponse)
def note_templates(
    person: AdministratorDep, service: Annotated[str, Query(max_length=64)] = ""
) -> Response:
    """Every template of one service, in the three languages applicants read."""
    with person.platform.database.transaction() as connection:
        titles = service_titles(connection, person.language)
        chosen = service if service in titles else next(iter(titles), "")
        templates = {
            (status.value, language): notes.template(connection, chosen, status, language)
            for status in ApplicationStatus
            for language in notes.APPLICANT_LANGUAGES
        }
    values = {
        "titles": titles,
        "service": chosen,
        "templates": templates,
        "statuses": [status.value for status in ApplicationStatus],
        "languages": notes.APPLICANT_LANGUAGES,
    }
    return staff_page(person, "note_templates.html", values)


@router.post("/notes")
def save_note_templates(person: AdministratorDep, form: FormDep) -> Response:
    """Replace the service's templates with the texts posted."""
    service = str(form.get("service", ""))[:64]
    with person.platform.database.transaction() as connection:
        if service not in service_titles(connection, person.language):
            raise ConsoleRefusal(404, N_("That service has no published form."))
        for status in ApplicationStatus:
            for language in notes.APPLICANT_LANGUAGES:
                text = str(form.get(f"{status.value}:{language}", "")).strip()
                if text and len(text) <= notes.MAX_NOTE_LENGTH:
                    notes.set_template(connection, service, status, language, text)
    person.audit("note_templates.save", service)
    return redirect(f"notes?service={service}")
