"""Local closure days: the days a county's centres close that the national calendar
does not know (a flood, a local festival). Deadlines in working days skip them."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from central import closures
from central.console.access import AdministratorDep, ConsoleRefusal, FormDep, StaffDep
from central.console.i18n import N_
from central.console.pages.page import redirect, staff_page
from central.deadlines import calendar_covers, is_working_day, local_date

router = APIRouter()


@router.get("/closure-days", response_class=HTMLResponse)
def closure_days(person: StaffDep) -> Response:
    """Every recorded day; administrators add and remove them here."""
    with person.platform.database.transaction() as connection:
        days = closures.recorded(connection)
    today = local_date(person.now)
    values = {
        "days": days,
        "today": today,
        "calendar_missing": [
            year for year in (today.year, today.year + 1) if not calendar_covers(date(year, 1, 1))
        ],
        "working": {day.day: is_working_day(day.day) for day in days},
    }
    return staff_page(person, "closure_days.html", values)


def _day(text: object) -> date:
    try:
        return date.fromisoformat(str(text))
    except ValueError as error:
        raise ConsoleRefusal(400, N_("A date is not in the form YYYY-MM-DD.")) from error


@router.post("/closure-days")
def add_closure_day(person: AdministratorDep, form: FormDep) -> Response:
    """Record a closed day; open deadlines it falls within move a working day later."""
    day = _day(form.get("day", ""))
    reason = str(form.get("reason", "")).strip()
    if not reason:
        raise ConsoleRefusal(400, N_("Say why the centres are closed that day."))
    with person.platform.database.transaction() as connection:
        moved = closures.close(connection, day, reason)
    person.audit("closure_day.add", day.isoformat(), {"reason": reason, "deadlines_moved": moved})
    return redirect("closure-days")


@router.post("/closure-days/{day}/remove")
def remove_closure_day(person: AdministratorDep, form: FormDep, day: str) -> Response:
    """Remove a closed day; the deadlines it had moved move back."""
    chosen = _day(day)
    with person.platform.database.transaction() as connection:
        moved = closures.reopen(connection, chosen)
    person.audit("closure_day.remove", chosen.isoformat(), {"deadlines_moved": moved})
    return redirect("closure-days")
