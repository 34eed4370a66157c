"""Statistics with charts drawn on the server (SVG), and exports of applications (CSV, XLSX)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from central.console import exports
from central.console.access import ConsoleRefusal, OverseerDep, StaffDep
from central.console.case_file import service_titles
from central.console.figures import figures
from central.console.i18n import N_, translations
from central.console.pages.page import staff_page
from central.console.queue import narrowed
from central.deadlines import local_date

router = APIRouter()

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/statistics", response_class=HTMLResponse)
def statistics(person: OverseerDep) -> Response:
    """Per service, township and month; on-time rate; satisfaction."""
    with person.platform.database.transaction() as connection:
        found = figures(connection, local_date(person.now).isoformat())
        titles = service_titles(connection, person.language)
    values = {
        "figures": found,
        "services": titles,
        "titles": titles,
        "service_bars": [
            (titles.get(group.name, group.name), group.applications) for group in found.by_service
        ],
        "month_bars": [(group.name, group.applications) for group in found.by_month],
    }
    return staff_page(person, "statistics.html", values)


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError as error:
        raise ConsoleRefusal(400, N_("A date is not in the form YYYY-MM-DD.")) from error


@router.get("/exports/applications.{kind}")
def export(
    person: StaffDep,
    kind: str,
    service: Annotated[str, Query(max_length=64)],
    received_from: Annotated[str, Query(alias="from", max_length=10)] = "",
    received_to: Annotated[str, Query(alias="to", max_length=10)] = "",
) -> Response:
    """Every application of one service with its answers, one column per question."""
    if kind not in ("csv", "xlsx"):
        raise ConsoleRefusal(404, N_("There is no such export."))
    account = person.account
    if account.services and service not in account.services:
        raise ConsoleRefusal(403, N_("This service is not assigned to you."))
    query = exports.ExportQuery(
        form_id=service,
        townships=narrowed([], account.townships),
        received_from=_date(received_from),
        received_to=_date(received_to),
    )
    translate = translations(person.language).gettext
    try:
        lines = exports.rows(
            person.platform.database, query, person.language, translate, person.platform.protection
        )
        first = next(lines)
    except LookupError as missing:
        raise ConsoleRefusal(404, N_("That service has no published form.")) from missing
    person.audit("applications.export", service, {"format": kind})

    def everything() -> Iterator[list[str]]:
        yield first
        yield from lines

    name = f"{service}-{local_date(person.now).isoformat()}.{kind}"
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    if kind == "csv":
        chunks, media = exports.csv_chunks(everything()), "text/csv; charset=utf-8"
    else:
        chunks, media = exports.xlsx_chunks(everything()), _XLSX
    return StreamingResponse(chunks, media_type=media, headers=disposition)
