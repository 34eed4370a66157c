"""An officer's decision on an application: its new status, the note, and the deadline clock.

The decision is one transaction: the application's current status, the
kiosk's status feed (which carries the note to the applicant at the kiosk)
and the deadline. While documents are needed (补正材料) the clock stops: when
the application leaves that status, its due date moves on by the working days
it waited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from central import statuses
from central.database import Connection
from central.deadlines import add_working_days, closure_days, local_date, working_days_between
from central.errors import not_found
from kiosk.clock import format_timestamp
from sync.protocol import ApplicationStatus, StatusUpdate

FINAL_STATUSES = frozenset({ApplicationStatus.APPROVED, ApplicationStatus.REJECTED})
"""Decided applications: no longer in anyone's queue, never overdue."""


@dataclass(frozen=True)
class Decision:
    """What an officer decided, with the note to the applicant in their language."""

    status: ApplicationStatus
    note: str
    language: str


def decide(connection: Connection, uuid: str, decision: Decision, now: datetime) -> StatusUpdate:
    """Record ``decision`` on the application ``uuid`` and queue it for its kiosk."""
    rows = connection.query(
        "SELECT status, due_on, paused_on FROM applications WHERE uuid = ?", [uuid]
    )
    if not rows:
        raise not_found(f"application {uuid}")
    previous, due_on, paused_on = rows[0]
    today = local_date(now)
    due = _due_after(previous, due_on, paused_on, decision.status, today, connection)
    paused = today.isoformat() if decision.status is ApplicationStatus.DOCUMENTS_NEEDED else None
    if previous == ApplicationStatus.DOCUMENTS_NEEDED.value and paused is not None:
        paused = str(paused_on)  # still waiting: the pause began when documents were first asked
    decided = today.isoformat() if decision.status in FINAL_STATUSES else None
    connection.execute(
        "UPDATE applications SET status = ?, status_changed_at = ?, due_on = ?, paused_on = ?,"
        " decided_on = ? WHERE uuid = ?",
        [decision.status.value, format_timestamp(now), due, paused, decided, uuid],
    )
    note = {decision.language: decision.note} if decision.note.strip() else {}
    return statuses.set_status(connection, uuid, decision.status, note, now)


def _due_after(
    previous: object,
    due_on: object,
    paused_on: object,
    status: ApplicationStatus,
    today: date,
    connection: Connection,
) -> str | None:
    """The due date once the status changes: moved on by a pause that ends now."""
    if due_on is None:
        return None
    resuming = (
        previous == ApplicationStatus.DOCUMENTS_NEEDED.value
        and status is not ApplicationStatus.DOCUMENTS_NEEDED
        and paused_on is not None
    )
    if not resuming:
        return str(due_on)
    closures = closure_days(connection)
    waited = working_days_between(date.fromisoformat(str(paused_on)), today, closures)
    return add_working_days(date.fromisoformat(str(due_on)), waited, closures).isoformat()
