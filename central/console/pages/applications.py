"""The officer's work: the queue, one application, and deciding on it.

Reading an application shows an applicant's personal data, so every view is
audited (查阅留痕) before the page is sent. A decision is one transaction:
the status, the note to the applicant (in their language) and the deadline
clock, then the kiosk picks the change up on its next sync.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from central import attachments
from central.console import audit_trail, notes
from central.console.access import ChangerDep, ConsoleRefusal, FormDep, Staff, StaffDep
from central.console.case_file import CaseFile, read_case_file, service_titles
from central.console.i18n import N_, translations
from central.console.pages.page import redirect, staff_page
from central.console.queue import (
    QueueFilter,
    find_by_tracking_number,
    looks_like_id_number,
    narrowed,
    queue_page,
)
from central.database import Connection
from central.deadlines import local_date
from central.decisions import Decision, decide
from central.errors import Refusal
from kiosk.photos import media_type_of
from sync.protocol import ApplicationStatus

router = APIRouter()

MAX_BULK = 200
_STATUS_CHOICES = ("open", "all", "submitted", *(status.value for status in ApplicationStatus))


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise ConsoleRefusal(400, N_("A date is not in the form YYYY-MM-DD.")) from error


def _townships(connection: Connection) -> list[str]:
    rows = connection.query(
        "SELECT DISTINCT township FROM kiosks WHERE township IS NOT NULL ORDER BY township"
    )
    return [str(row[0]) for row in rows]


@router.get("/", response_class=HTMLResponse)
def home(person: StaffDep) -> Response:
    """The console opens on the queue."""
    return redirect("applications")


@router.get("/applications", response_class=HTMLResponse)
def queue(
    person: StaffDep,
    service: Annotated[str, Query(max_length=64)] = "",
    township: Annotated[str, Query(max_length=64)] = "",
    status: Annotated[str, Query(max_length=32)] = "open",
    kiosk: Annotated[str, Query(max_length=64)] = "",
    received_from: Annotated[str, Query(alias="from", max_length=10)] = "",
    received_to: Annotated[str, Query(alias="to", max_length=10)] = "",
    overdue: Annotated[bool, Query()] = False,
    assisted: Annotated[str, Query(pattern="^(|yes|no)$")] = "",
    after: Annotated[str, Query(max_length=80)] = "",
    q: Annotated[str, Query(max_length=64)] = "",
) -> Response:
    """The queue, due soonest first; a tracking number in ``q`` opens that application."""
    if status not in _STATUS_CHOICES:
        raise ConsoleRefusal(400, N_("That status does not exist."))
    account = person.account
    with person.platform.database.transaction() as connection:
        id_lookup = ""
        if q.strip():
            found = find_by_tracking_number(connection, q)
            if found is not None:
                return redirect(f"applications/{found}")
            if looks_like_id_number(q):
                id_lookup = person.platform.protection.lookup_hash(q)
                audit_trail.record(
                    connection,
                    person.now,
                    account.username,
                    person.visitor.address,
                    "application.search_by_id_number",
                )
        filters = QueueFilter(
            services=narrowed([service] if service else [], account.services),
            townships=narrowed([township] if township else [], account.townships),
            status=status,
            kiosk=kiosk.strip(),
            received_from=_date(received_from),
            received_to=_date(received_to),
            overdue_only=overdue,
            assisted=None if not assisted else assisted == "yes",
            id_lookup=id_lookup,
        )
        if id_lookup:
            filters = replace(filters, status="all")
        listing = queue_page(connection, filters, local_date(person.now), after or None)
        titles = service_titles(connection, person.language)
        townships = _townships(connection)
    values = {
        "page": listing,
        "services": {
            form_id: title
            for form_id, title in titles.items()
            if not account.services or form_id in account.services
        },
        "titles": titles,
        "townships": [t for t in townships if not account.townships or t in account.townships],
        "statuses": _STATUS_CHOICES,
        "chosen": {
            "service": service,
            "township": township,
            "status": status,
            "kiosk": kiosk,
            "from": received_from,
            "to": received_to,
            "overdue": overdue,
            "assisted": assisted,
            "q": q,
        },
        "not_found": bool(q.strip()) and not (id_lookup and listing.items),
        "next_query": _next_query(
            listing.next_after,
            service,
            township,
            status,
            kiosk,
            received_from,
            received_to,
            overdue,
            assisted,
        ),
    }
    return staff_page(person, "queue.html", values)


def _next_query(
    after: str | None,
    service: str,
    township: str,
    status: str,
    kiosk: str,
    received_from: str,
    received_to: str,
    overdue: bool,
    assisted: str,
) -> str:
    """The query of the next page: the same filters, starting after the last row."""
    if after is None:
        return ""
    values = {
        "service": service,
        "township": township,
        "status": status,
        "kiosk": kiosk,
        "from": received_from,
        "to": received_to,
        "assisted": assisted,
        "overdue": "true" if overdue else "",
        "after": after,
    }
    return urlencode({key: value for key, value in values.items() if value})


def _may_see(person: Staff, form_id: str, township: str | None) -> bool:
    account = person.account
    return (not account.services or form_id in account.services) and (
        not account.townships or township in account.townships
    )


@router.get("/applications/{uuid}", response_class=HTMLResponse)
def application(person: StaffDep, uuid: str) -> Response:
    """One application: answers, identity check, documents, history, audit trail."""
    translate = translations(person.language).gettext
    with person.platform.database.transaction() as connection:
        try:
            case = read_case_file(
                connection, uuid[:64], person.language, translate, person.platform.protection
            )
        except Refusal as missing:
            raise ConsoleRefusal(404, N_("There is no such application.")) from missing
        if not _may_see(person, case.form_id, case.township):
            audit_trail.record(
                connection,
                person.now,
                person.account.username,
                person.visitor.address,
                "access.refused",
                case.uuid,
            )
            raise ConsoleRefusal(403, N_("This application is not assigned to you."))
        audit_trail.record(
            connection,
            person.now,
            person.account.username,
            person.visitor.address,
            "application.view",
            case.uuid,
        )
        trail = audit_trail.entries(connection, case.uuid, limit=50)
        templates = notes.templates(connection, case.form_id, case.language)
    values = {
        "case": case,
        "trail": trail,
        "templates": templates,
        "statuses": [status.value for status in ApplicationStatus],
    }
    return staff_page(person, "application.html", values)


@router.get("/applications/{uuid}/photos/{digest}")
def photo(person: StaffDep, uuid: str, digest: str) -> Response:
    """A document photo of an application, for those who may read it; every view audited."""
    with person.platform.database.transaction() as connection:
        rows = connection.query(
            "SELECT a.form_id, k.township, t.completed_at FROM attachments t"
            " JOIN applications a ON a.uuid = t.application_uuid"
            " JOIN kiosks k ON k.code = a.kiosk_code"
            " WHERE t.application_uuid = ? AND t.digest = ?",
            [uuid[:64], digest[:64]],
        )
        if not rows or rows[0][2] is None:
            raise ConsoleRefusal(404, N_("This photo has not arrived yet."))
        form_id, township = str(rows[0][0]), None if rows[0][1] is None else str(rows[0][1])
        allowed = _may_see(person, form_id, township)
        audit_trail.record(
            connection,
            person.now,
            person.account.username,
            person.visitor.address,
            "attachment.view" if allowed else "access.refused",
            uuid[:64],
        )
    if not allowed:
        raise ConsoleRefusal(403, N_("This application is not assigned to you."))
    platform = person.platform
    try:
        data = attachments.read_attachment(
            platform.attachments, platform.protection, uuid[:64], digest[:64]
        )
    except KeyError as missing:
        raise ConsoleRefusal(404, N_("This photo has not arrived yet.")) from missing
    return Response(
        data,
        media_type=media_type_of(data) or "application/octet-stream",
        headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
    )


def _status(value: object) -> ApplicationStatus:
    try:
        return ApplicationStatus(str(value))
    except ValueError as error:
        raise ConsoleRefusal(400, N_("That status does not exist.")) from error


def _decision(
    status: ApplicationStatus, language: str, opening: str, documents: list[str], text: str
) -> Decision:
    """The decision as the applicant will read it; refused when it would leave them guessing."""
    if status is ApplicationStatus.DOCUMENTS_NEEDED and not documents:
        raise ConsoleRefusal(400, N_("Name every document the applicant must bring."))
    if status is ApplicationStatus.REJECTED and not text.strip():
        raise ConsoleRefusal(400, N_("A rejection must say why."))
    if len(text) > notes.MAX_NOTE_LENGTH:
        raise ConsoleRefusal(400, N_("The note is too long."))
    note = notes.compose(opening, documents, text, language)
    return Decision(status=status, note=note, language=language)


def _case_for_change(person: Staff, connection: Connection, uuid: str) -> CaseFile:
    """The application a change is about, when this account may change it."""
    translate = translations(person.language).gettext
    try:
        case = read_case_file(
            connection, uuid[:64], person.language, translate, person.platform.protection
        )
    except Refusal as missing:
        raise ConsoleRefusal(404, N_("There is no such application.")) from missing
    if not _may_see(person, case.form_id, case.township):
        raise ConsoleRefusal(403, N_("This application is not assigned to you."))
    return case


def _record_decision(
    person: Staff, connection: Connection, case: CaseFile, decision: Decision, bulk: bool
) -> None:
    decide(connection, case.uuid, decision, person.now)
    detail: dict[str, object] = {"status": decision.status.value, "bulk": bulk}
    audit_trail.record(
        connection,
        person.now,
        person.account.username,
        person.visitor.address,
        "application.status",
        case.uuid,
        detail,
    )


@router.post("/applications/{uuid}/status")
def set_status(person: ChangerDep, form: FormDep, uuid: str) -> Response:
    """Decide on one application and queue the note for its kiosk."""
    status = _status(form.get("status"))
    documents = [str(item) for item in form.getlist("document")][:50]
    with person.platform.database.transaction() as connection:
        case = _case_for_change(person, connection, uuid)
        opening = notes.template(connection, case.form_id, status, case.language)
        text = str(form.get("note", ""))
        decision = _decision(status, case.language, opening, documents, text)
        _record_decision(person, connection, case, decision, bulk=False)
    return redirect(f"applications/{case.uuid}")


BULK_STATUSES = (ApplicationStatus.RECEIVED, ApplicationStatus.IN_REVIEW)
"""Decisions that need no words of their own, so several applications may share one."""


@router.post("/applications/bulk-status")
def bulk_status(person: ChangerDep, form: FormDep) -> Response:
    """The same decision for several applications (e.g. accepting a morning's arrivals)."""
    chosen = [str(item)[:64] for item in form.getlist("uuid")]
    if not chosen:
        raise ConsoleRefusal(400, N_("Choose at least one application."))
    if len(chosen) > MAX_BULK:
        raise ConsoleRefusal(400, N_("Too many applications at once."))
    status = _status(form.get("status"))
    if status not in BULK_STATUSES:
        raise ConsoleRefusal(400, N_("Only 'accepted' and 'under review' can be set at once."))
    with person.platform.database.transaction() as connection:
        for uuid in chosen:
            case = _case_for_change(person, connection, uuid)
            opening = notes.template(connection, case.form_id, status, case.language)
            decision = _decision(status, case.language, opening, [], "")
            _record_decision(person, connection, case, decision, bulk=True)
    return redirect("applications")
