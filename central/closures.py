"""Local closure days: a centre closed on a day the national calendar calls a working day.

Recording one changes the deadlines already running, not only those computed
afterwards: every undecided application received before the day and due on
or after it gets one more working day (and loses it again when the day is
removed). Deadlines are stored dates (``applications.due_on``), so the
change is an update per distinct due date, a few hundred statements at most
however many applications are open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from central.database import Connection
from central.deadlines import (
    MAX_PROCESSING_DAYS,
    PLATFORM_TIME_ZONE,
    add_closure_day,
    add_working_days,
    closure_days,
    is_working_day,
)
from central.schema import OPEN_APPLICATION
from kiosk.clock import format_timestamp

MAX_REASON_LENGTH = 200


@dataclass(frozen=True)
class ClosureDay:
    """One recorded day and why the centre is closed."""

    day: date
    reason: str


def recorded(connection: Connection) -> list[ClosureDay]:
    """Every closure day, earliest first."""
    rows = connection.query("SELECT day, reason FROM closure_days ORDER BY day")
    return [ClosureDay(date.fromisoformat(str(day)), str(reason)) for day, reason in rows]


def close(connection: Connection, day: date, reason: str) -> int:
    """Record ``day`` as closed; returns how many open deadlines moved a day later."""
    before = closure_days(connection)
    add_closure_day(connection, day, reason.strip()[:MAX_REASON_LENGTH])
    if day in before or not is_working_day(day, before):
        return 0  # already closed, or no working day to lose (a weekend, a holiday)
    return _move_deadlines(connection, day, before | {day}, later=True)


def reopen(connection: Connection, day: date) -> int:
    """Remove ``day``; returns how many open deadlines moved a day earlier again."""
    before = closure_days(connection)
    if day not in before:
        return 0
    connection.execute("DELETE FROM closure_days WHERE day = ?", [day.isoformat()])
    after = before - {day}
    if not is_working_day(day, after):
        return 0
    return _move_deadlines(connection, day, after, later=False)


def _previous_working_day(day: date, closures: frozenset[date]) -> date:
    current = day
    for _ in range(MAX_PROCESSING_DAYS):
        current -= timedelta(days=1)
        if is_working_day(current, closures):
            return current
    return current


def _move_deadlines(
    connection: Connection, day: date, closures: frozenset[date], later: bool
) -> int:
    """Move by one working day the deadlines of open applications that ``day`` falls within."""
    opening = datetime.combine(day, time(0), tzinfo=PLATFORM_TIME_ZONE)
    received_before = format_timestamp(opening)
    affected = f"received_at < ? AND {OPEN_APPLICATION}"
    # Closing: due on the day or after. Reopening: after it (none was left due on a closed day).
    bound = ">=" if later else ">"
    rows = connection.query(
        f"SELECT DISTINCT due_on FROM applications WHERE due_on {bound} ? AND {affected}",
        [day.isoformat(), received_before],
    )
    moved = 0
    # Latest first when moving later (earliest first when earlier): a date never
    # lands on one still to be moved, so no deadline moves twice.
    for (due_text,) in sorted(rows, reverse=later):
        due = date.fromisoformat(str(due_text))
        target = (
            add_working_days(due, 1, closures) if later else _previous_working_day(due, closures)
        )
        moved += connection.execute(
            f"UPDATE applications SET due_on = ? WHERE due_on = ? AND {affected}",
            [target.isoformat(), due.isoformat(), received_before],
        )
    return moved
