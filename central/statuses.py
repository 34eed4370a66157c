"""Application status changes set by administrators, and each kiosk's feed of them.

The feed cursor is the change's id. On PostgreSQL, ids are handed out before
commit, so two concurrent writers could commit out of order and a kiosk that
read in between would step over the earlier one; writers therefore take one
advisory lock, which makes commit order equal id order.
"""

from __future__ import annotations

import json
from datetime import datetime

from central.database import Connection, Dialect
from central.errors import not_found
from kiosk.clock import format_timestamp
from sync.protocol import ApplicationStatus, StatusFeed, StatusUpdate

_FEED_LOCK = 731_455_002


def set_status(
    connection: Connection,
    tracking_number_or_uuid: str,
    status: ApplicationStatus,
    note: dict[str, str],
    now: datetime,
) -> StatusUpdate:
    """Record a status change for an application named by tracking number or UUID."""
    rows = connection.query(
        "SELECT uuid, kiosk_code, tracking_number FROM applications"
        " WHERE tracking_number = ? OR uuid = ?",
        [tracking_number_or_uuid, tracking_number_or_uuid],
    )
    if not rows:
        raise not_found(f"application {tracking_number_or_uuid}")
    uuid, kiosk_code, tracking_number = (str(value) for value in rows[0])
    if connection.dialect is Dialect.POSTGRESQL:
        connection.query("SELECT pg_advisory_xact_lock(?)", [_FEED_LOCK])
    stamp = format_timestamp(now)
    inserted = connection.query(
        "INSERT INTO status_updates (application_uuid, kiosk_code, status, note, changed_at)"
        " VALUES (?, ?, ?, ?, ?) RETURNING id",
        [uuid, kiosk_code, status.value, json.dumps(note, ensure_ascii=False), stamp],
    )
    return StatusUpdate(
        cursor=int(inserted[0][0]),
        application_uuid=uuid,
        tracking_number=tracking_number,
        status=status,
        note=note,
        changed_at=stamp,
    )


def feed(connection: Connection, kiosk_code: str, after: int, limit: int) -> StatusFeed:
    """The kiosk's status changes after ``after``, oldest first, at most ``limit``."""
    rows = connection.query(
        "SELECT s.id, s.application_uuid, a.tracking_number, s.status, s.note, s.changed_at"
        " FROM status_updates s JOIN applications a ON a.uuid = s.application_uuid"
        " WHERE s.kiosk_code = ? AND s.id > ? ORDER BY s.id LIMIT ?",
        [kiosk_code, after, limit + 1],
    )
    updates = [
        StatusUpdate(
            cursor=int(r[0]),
            application_uuid=str(r[1]),
            tracking_number=str(r[2]),
            status=ApplicationStatus(str(r[3])),
            note=json.loads(str(r[4])),
            changed_at=str(r[5]),
        )
        for r in rows[:limit]
    ]
    next_cursor = updates[-1].cursor if updates else after
    return StatusFeed(updates=updates, next_cursor=next_cursor, more=len(rows) > limit)
