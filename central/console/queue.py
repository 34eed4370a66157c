"""An officer's queue: the applications they process, due soonest first.

Pages are cut by keyset (the last row's due date and UUID), not by offset, so
the thousandth page costs what the first does on a million applications
(index ``applications_queue``). An officer's assignment (services and
townships) always narrows what they see; filters narrow further.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from central.database import Connection, Row
from central.deadlines import WARNING_WORKING_DAYS, add_working_days
from central.decisions import FINAL_STATUSES
from sync.protocol import ApplicationStatus

PAGE_SIZE = 50
SUBMITTED = "submitted"
"""The status of an application no officer has touched yet (NULL in the table)."""

_FINAL = tuple(status.value for status in FINAL_STATUSES)


class Urgency(StrEnum):
    """How an open application stands against its deadline."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    ON_TIME = "on_time"
    PAUSED = "paused"
    """Documents were asked for: the clock waits for the applicant."""
    DECIDED = "decided"


@dataclass(frozen=True)
class QueueFilter:
    """What to show; empty values mean 'any'."""

    services: tuple[str, ...] = ()
    townships: tuple[str, ...] = ()
    status: str = "open"
    """``open`` (not yet decided), ``all``, ``submitted`` or one status value."""
    kiosk: str = ""
    received_from: date | None = None
    received_to: date | None = None
    overdue_only: bool = False
    assisted: bool | None = None
    id_lookup: str = ""
    """The keyed hash of an ID number (:mod:`central.personal_data`): one person's applications."""


@dataclass(frozen=True)
class QueueItem:
    """One row of the queue."""

    uuid: str
    tracking_number: str
    form_id: str
    kiosk_code: str
    township: str | None
    received_at: str
    assisted: bool
    status: str
    due_on: str | None
    urgency: Urgency


@dataclass(frozen=True)
class QueuePage:
    """One page and where the next begins (None on the last page)."""

    items: list[QueueItem]
    next_after: str | None = None
    """``due_on|uuid`` of the last row, for the next page's ``after``."""
    filters: QueueFilter = field(default_factory=QueueFilter)


def narrowed(requested: Collection[str], assigned: Collection[str]) -> tuple[str, ...]:
    """What an account may see of ``requested``: all of it when unassigned, else the overlap.

    An officer assigned to services A and B who asks for C sees nothing (a
    one-element tuple no form has), never everything.
    """
    if not assigned:
        return tuple(sorted(requested))
    if not requested:
        return tuple(sorted(assigned))
    overlap = sorted(set(requested) & set(assigned))
    return tuple(overlap) if overlap else ("\x00none",)


def _conditions(filters: QueueFilter, today: date) -> tuple[list[str], list[object]]:
    where: list[str] = []
    params: list[object] = []

    def one_of(column: str, values: tuple[str, ...]) -> None:
        if values:
            where.append(f"{column} IN ({', '.join('?' for _ in values)})")
            params.extend(values)

    one_of("a.form_id", filters.services)
    one_of("k.township", filters.townships)
    if filters.status == "open":
        where.append(f"(a.status IS NULL OR a.status NOT IN ({', '.join('?' for _ in _FINAL)}))")
        params.extend(_FINAL)
    elif filters.status == SUBMITTED:
        where.append("a.status IS NULL")
    elif filters.status != "all":
        where.append("a.status = ?")
        params.append(filters.status)
    if filters.kiosk:
        where.append("a.kiosk_code = ?")
        params.append(filters.kiosk)
    if filters.received_from is not None:
        where.append("a.received_at >= ?")
        params.append(filters.received_from.isoformat())
    if filters.received_to is not None:
        where.append("a.received_at < ?")
        params.append(f"{filters.received_to.isoformat()}T99")  # the whole last day
    if filters.overdue_only:
        where.append(
            f"a.due_on < ? AND (a.status IS NULL OR a.status NOT IN"
            f" ({', '.join('?' for _ in _FINAL)}))"
        )
        params.extend([today.isoformat(), *_FINAL])
    if filters.id_lookup:
        where.append("a.id_lookup = ?")
        params.append(filters.id_lookup)
    if filters.assisted is not None:
        where.append("a.assisted = ?")
        params.append(int(filters.assisted))
    return where, params


def queue_page(
    connection: Connection,
    filters: QueueFilter,
    today: date,
    after: str | None = None,
    limit: int = PAGE_SIZE,
) -> QueuePage:
    """One page of the queue, due soonest first, starting after the keyset ``after``."""
    where, params = _conditions(filters, today)
    if after and "|" in after:
        due, uuid = after.split("|", 1)
        # A row comparison, which both databases answer from the (due_on, uuid) index.
        where.append("(a.due_on, a.uuid) > (?, ?)")
        params.extend([due, uuid])
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    rows = connection.query(
        "SELECT a.uuid, a.tracking_number, a.form_id, a.kiosk_code, k.township, a.received_at,"
        " a.assisted, a.status, a.due_on FROM applications a"
        f" JOIN kiosks k ON k.code = a.kiosk_code {clause}"
        " ORDER BY a.due_on, a.uuid LIMIT ?",
        [*params, limit + 1],
    )
    warning_day = add_working_days(today, WARNING_WORKING_DAYS)
    items = [_item(row, today, warning_day) for row in rows[:limit]]
    more = len(rows) > limit
    next_after = f"{items[-1].due_on}|{items[-1].uuid}" if more and items else None
    return QueuePage(items=items, next_after=next_after, filters=filters)


def _item(row: Row, today: date, warning_day: date) -> QueueItem:
    status = SUBMITTED if row[7] is None else str(row[7])
    due_on = None if row[8] is None else str(row[8])
    return QueueItem(
        uuid=str(row[0]),
        tracking_number=str(row[1]),
        form_id=str(row[2]),
        kiosk_code=str(row[3]),
        township=None if row[4] is None else str(row[4]),
        received_at=str(row[5]),
        assisted=bool(row[6]),
        status=status,
        due_on=due_on,
        urgency=urgency(status, due_on, today, warning_day),
    )


def urgency(status: str, due_on: str | None, today: date, warning_day: date) -> Urgency:
    """Overdue (超期) after the due date, due soon (预警) within the warning days."""
    if status in _FINAL:
        return Urgency.DECIDED
    if status == ApplicationStatus.DOCUMENTS_NEEDED.value:
        return Urgency.PAUSED
    if due_on is None:
        return Urgency.ON_TIME
    due = date.fromisoformat(due_on)
    if due < today:
        return Urgency.OVERDUE
    if due <= warning_day:
        return Urgency.DUE_SOON
    return Urgency.ON_TIME


def looks_like_id_number(text: str) -> bool:
    """Whether a search is an ID number (18 characters, the last may be X) rather than a
    tracking number."""
    compact = "".join(text.split()).upper()
    return (
        len(compact) == 18
        and compact[:17].isdigit()
        and (compact[17].isdigit() or compact[17] == "X")
    )


def find_by_tracking_number(connection: Connection, tracking_number: str) -> str | None:
    """The UUID of the application with this tracking number, if any."""
    rows = connection.query(
        "SELECT uuid FROM applications WHERE tracking_number = ?",
        [tracking_number.strip().upper()],
    )
    return str(rows[0][0]) if rows else None
