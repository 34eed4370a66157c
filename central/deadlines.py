"""Processing deadlines in working days, as Chinese service centres count them.

A service promises a processing time in working days (承诺时限). Working days
follow the State Council's holiday calendar, make-up working weekends (调休)
included; the `chinesecalendar` package carries that calendar, so no table of
holidays is written by hand here. A county may close on other days (a flood,
a local festival): an administrator records those as closure days.

The calendar package only knows the years the State Council has announced.
For a later year, weekends alone are non-working days until the package is
updated; :func:`calendar_covers` lets the console say so.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar

from central.database import Connection

PLATFORM_TIME_ZONE = ZoneInfo("Asia/Shanghai")
"""Where the service centres are: due dates are calendar dates there."""

WARNING_WORKING_DAYS = 2
"""An application is 'due soon' (预警) this many working days before its deadline."""

MAX_PROCESSING_DAYS = 366
"""No promise is longer than a year of working days; bounds every loop below."""


def calendar_covers(day: date) -> bool:
    """True when the holiday calendar knows ``day``'s year (else weekends only)."""
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return False
    return True


def is_working_day(day: date, closures: Collection[date] = ()) -> bool:
    """Whether the service centre works on ``day``."""
    if day in closures:
        return False
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(start: date, days: int, closures: Collection[date] = ()) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself not counted)."""
    days = max(0, min(days, MAX_PROCESSING_DAYS))
    current = start
    while days > 0:
        current += timedelta(days=1)
        if is_working_day(current, closures):
            days -= 1
    return current


def working_days_between(start: date, end: date, closures: Collection[date] = ()) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end ≤ start)."""
    count = 0
    current = start
    limit = start + timedelta(days=MAX_PROCESSING_DAYS * 2)
    while current < end and current < limit:
        current += timedelta(days=1)
        if is_working_day(current, closures):
            count += 1
    return count


def local_date(moment: datetime) -> date:
    """The calendar date of an aware moment at the service centres."""
    return moment.astimezone(PLATFORM_TIME_ZONE).date()


def closure_days(connection: Connection) -> frozenset[date]:
    """Every local closure day an administrator recorded."""
    rows = connection.query("SELECT day FROM closure_days")
    return frozenset(date.fromisoformat(str(row[0])) for row in rows)


def add_closure_day(connection: Connection, day: date, reason: str) -> None:
    """Record a day the service centres are closed (idempotent)."""
    connection.execute(
        "INSERT INTO closure_days (day, reason) VALUES (?, ?)"
        " ON CONFLICT (day) DO UPDATE SET reason = excluded.reason",
        [day.isoformat(), reason],
    )


def due_date(received: datetime, processing_days: int | None, closures: Collection[date]) -> date:
    """When an application received at ``received`` must be decided.

    A service without a promise (即办件, decided on the spot) is due the day it
    arrives.
    """
    return add_working_days(local_date(received), processing_days or 0, closures)
