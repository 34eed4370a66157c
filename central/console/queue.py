"""An officer's queue: the applications they process, due soonest first.

Pages are cut by keyset (the last row's due date and UUID), not by offset, so
the thousandth page costs what the first does on a million applications
(indexes ``applications_queue`` and, for undecided ones, ``applications_open*``).
An officer's assignment (services and townships) always narrows what they see;
filters narrow further.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from central.database import Connection, Row
from central.deadlines import WARNING_WORKING_DAYS, add_working_days
from central.decisions import FINAL_STATUSES
from central.schema import OPEN_APPLICATION
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


MAX_PARTS = 64
"""A page is read per kiosk or per service up to this many parts (else in one pass)."""

_COLUMNS = (
    "a.uuid, a.tracking_number, a.form_id, a.kiosk_code, a.received_at, a.assisted,"
    " a.status, a.due_on"
)


def _open_only(filters: QueueFilter) -> bool:
    """Whether every row the filters let through is undecided."""
    return filters.overdue_only or filters.status not in ("all", *_FINAL)


def _conditions(filters: QueueFilter, today: date) -> tuple[list[str], list[object]]:
    """The filters except where (services, townships, kiosk): those choose the parts."""
    where: list[str] = []
    params: list[object] = []
    if _open_only(filters):
        where.append(OPEN_APPLICATION)  # in the indexes' own words: they serve the page
    if filters.status == SUBMITTED:
        where.append("a.status IS NULL")
    elif filters.status not in ("open", "all"):
        where.append("a.status = ?")
        params.append(filters.status)
    if filters.received_from is not None:
        where.append("a.received_at >= ?")
        params.append(filters.received_from.isoformat())
    if filters.received_to is not None:
        where.append("a.received_at < ?")
        params.append(f"{filters.received_to.isoformat()}T99")  # the whole last day
    if filters.overdue_only:
        where.append("a.due_on < ?")
        params.append(today.isoformat())
    if filters.id_lookup:
        where.append("a.id_lookup = ?")
        params.append(filters.id_lookup)
    if filters.assisted is not None:
        where.append("a.assisted = ?")
        params.append(int(filters.assisted))
    return where, params


def _one_of(column: str, values: Collection[str]) -> tuple[str, list[object]]:
    return f"{column} IN ({', '.join('?' for _ in values)})", list(values)


def _kiosks_of(connection: Connection, filters: QueueFilter) -> list[str]:
    """The kiosks a township or kiosk filter lets through."""
    where: list[str] = ["1 = 1"]
    params: list[object] = []
    if filters.townships:
        condition, params = _one_of("township", filters.townships)
        where = [condition]
    if filters.kiosk:
        where.append("code = ?")
        params.append(filters.kiosk)
    rows = connection.query(f"SELECT code FROM kiosks WHERE {' AND '.join(where)}", params)
    return sorted(str(row[0]) for row in rows)


def _parts(connection: Connection, filters: QueueFilter) -> tuple[str, list[str]] | None:
    """The column to read the page by parts on, and its values; None for one pass.

    An undecided page narrowed to some kiosks (a township) or services is
    read per kiosk or per service, each part from its own index in due order
    and cut at the page's size, then merged: a filter that matches few rows
    then costs as little as one that matches many. The indexes cover open
    applications only, so decided ones are read in one pass.
    """
    if not _open_only(filters):
        return None
    if filters.townships or filters.kiosk:
        return "a.kiosk_code", _kiosks_of(connection, filters)
    if filters.services:
        return "a.form_id", sorted(filters.services)
    return None


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
        # A row comparison, which both databases answer from a (…, due_on, uuid) index.
        where.append("(a.due_on, a.uuid) > (?, ?)")
        params.extend([due, uuid])
    parts = _parts(connection, filters)
    if parts is not None and len(parts[1]) <= MAX_PARTS:
        column, values = parts
        if filters.services and column != "a.form_id":
            condition, services = _one_of("a.form_id", filters.services)
            where.append(condition)
            params.extend(services)
        rows = _by_parts(connection, column, values, where, params, limit + 1)
    else:
        for place, chosen_places in (
            ("a.form_id", filters.services),
            ("k.township", filters.townships),
        ):
            if chosen_places:
                condition, chosen = _one_of(place, chosen_places)
                where.append(condition)
                params.extend(chosen)
        if filters.kiosk:
            where.append("a.kiosk_code = ?")
            params.append(filters.kiosk)
        rows = connection.query(
            f"SELECT {_COLUMNS}, k.township FROM applications a"
            f" JOIN kiosks k ON k.code = a.kiosk_code {_where(where)}"
            " ORDER BY a.due_on, a.uuid LIMIT ?",
            [*params, limit + 1],
        )
    warning_day = add_working_days(today, WARNING_WORKING_DAYS)
    items = [_item(row, today, warning_day) for row in rows[:limit]]
    more = len(rows) > limit
    next_after = f"{items[-1].due_on}|{items[-1].uuid}" if more and items else None
    return QueuePage(items=items, next_after=next_after, filters=filters)


def _where(conditions: list[str]) -> str:
    return f"WHERE {' AND '.join(conditions)}" if conditions else ""


def _by_parts(
    connection: Connection,
    column: str,
    values: list[str],
    where: list[str],
    params: list[object],
    limit: int,
) -> list[Row]:
    """The first ``limit`` rows of every part, merged in due order (one statement)."""
    if not values:
        return []
    branch = (
        f"SELECT * FROM (SELECT {_COLUMNS} FROM applications a"
        f" {_where([f'{column} = ?', *where])} ORDER BY a.due_on, a.uuid LIMIT ?) AS part"
    )
    branches = " UNION ALL ".join(
        branch.replace("AS part", f"AS part{n}") for n in range(len(values))
    )
    branch_params: list[object] = []
    for value in values:
        branch_params.extend([value, *params, limit])
    return connection.query(
        f"SELECT p.uuid, p.tracking_number, p.form_id, p.kiosk_code, p.received_at, p.assisted,"
        f" p.status, p.due_on, k.township FROM ({branches}) AS p"
        " JOIN kiosks k ON k.code = p.kiosk_code ORDER BY p.due_on, p.uuid LIMIT ?",
        [*branch_params, limit],
    )


def _item(row: Row, today: date, warning_day: date) -> QueueItem:
    uuid, tracking, form_id, kiosk_code, received_at, assisted, status, due_on, township = row
    shown = SUBMITTED if status is None else str(status)
    due = None if due_on is None else str(due_on)
    return QueueItem(
        uuid=str(uuid),
        tracking_number=str(tracking),
        form_id=str(form_id),
        kiosk_code=str(kiosk_code),
        township=None if township is None else str(township),
        received_at=str(received_at),
        assisted=bool(assisted),
        status=shown,
        due_on=due,
        urgency=urgency(shown, due, today, warning_day),
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
