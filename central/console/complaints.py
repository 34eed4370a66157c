"""Public evaluation as cases to handle (好差评): poor ratings and every complaint.

A rating of 2 (不满意) or less, or any words left at the kiosk, is a case:
someone reads it, answers the person when they left a contact, and closes it
with what was done (差评整改). Comments and contacts are personal data: the
page that shows them is audited like an application.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from central.database import Connection, Row
from central.errors import not_found
from kiosk.clock import format_timestamp

POOR_RATING = 2
MAX_REPLY = 1000
PAGE_SIZE = 100


@dataclass(frozen=True)
class FeedbackCase:
    """One rating or complaint that needs a person's attention."""

    uuid: str
    kiosk_code: str
    received_at: str
    language: str
    rating: int | None
    topic: str | None
    comment: str | None
    contact: str | None
    handled_at: str | None
    handled_by: str | None
    reply: str | None


def _case(row: Row) -> FeedbackCase:
    return FeedbackCase(
        uuid=str(row[0]),
        kiosk_code=str(row[1]),
        received_at=str(row[2]),
        language=str(row[3]),
        rating=None if row[4] is None else int(row[4]),
        topic=None if row[5] is None else str(row[5]),
        comment=None if row[6] is None else str(row[6]),
        contact=None if row[7] is None else str(row[7]),
        handled_at=None if row[8] is None else str(row[8]),
        handled_by=None if row[9] is None else str(row[9]),
        reply=None if row[10] is None else str(row[10]),
    )


def cases(connection: Connection, open_only: bool) -> list[FeedbackCase]:
    """Cases, oldest unhandled first (newest first once handled ones are included)."""
    condition = "(rating <= ? OR comment IS NOT NULL)"
    if open_only:
        condition += " AND handled_at IS NULL"
    order = "received_at" if open_only else "received_at DESC"
    rows = connection.query(
        "SELECT uuid, kiosk_code, received_at, language, rating, topic, comment, contact,"
        f" handled_at, handled_by, reply FROM feedback WHERE {condition} ORDER BY {order} LIMIT ?",
        [POOR_RATING, PAGE_SIZE],
    )
    return [_case(row) for row in rows]


def close_case(connection: Connection, uuid: str, username: str, reply: str, now: datetime) -> None:
    """Close a case with what was done (and what the person was told)."""
    changed = connection.execute(
        "UPDATE feedback SET handled_at = ?, handled_by = ?, reply = ? WHERE uuid = ?",
        [format_timestamp(now), username, reply.strip()[:MAX_REPLY], uuid],
    )
    if changed != 1:
        raise not_found(f"feedback {uuid}")
