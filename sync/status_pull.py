"""Pulling status updates from the centre's feed into ``status_updates``.

The cursor is stored in the same transaction as the updates of the page it
ends, so a crash between pages neither loses nor repeats one; the feed's
cursor is also the table's key, so a page delivered twice is stored once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from kiosk.clock import Clock, format_timestamp
from kiosk.store import transaction
from sync import sync_settings
from sync.client import CentralClient
from sync.protocol import ApplicationStatus, StatusUpdate

MAX_PAGES_PER_PULL = 50


@dataclass(frozen=True)
class LatestStatus:
    """The newest status the kiosk knows for one application."""

    status: ApplicationStatus
    note: dict[str, str]
    changed_at: str

    def note_in(self, language: str) -> str | None:
        """The note in ``language``, else the one meant for every language, else any."""
        return self.note.get(language) or self.note.get("*") or next(iter(self.note.values()), None)


def pull_status_updates(db: Database, client: CentralClient, clock: Clock) -> int:
    """Fetch pages after the stored cursor until the feed is drained; return how many."""
    stored = 0
    for _ in range(MAX_PAGES_PER_PULL):
        cursor = int(sync_settings.read(db, sync_settings.STATUS_CURSOR) or 0)
        page = client.status_updates(after=cursor)
        with transaction(db):
            for update in page.updates:
                stored += _store(db, update, format_timestamp(clock.now()))
            sync_settings.write(db, sync_settings.STATUS_CURSOR, str(page.next_cursor))
        if not page.more:
            break
    return stored


def _store(db: Database, update: StatusUpdate, received_at: str) -> int:
    return int(
        db.execute(
            "INSERT INTO status_updates (cursor, application_uuid, tracking_number, status,"
            " note, changed_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (cursor) DO NOTHING",
            [
                update.cursor,
                update.application_uuid,
                update.tracking_number,
                update.status.value,
                json.dumps(update.note, ensure_ascii=False),
                update.changed_at,
                received_at,
            ],
        ).rowcount
    )


def latest_status(db: Database, application_uuid: str) -> LatestStatus | None:
    """The newest status for an application, or None when the centre has sent none.

    An application the centre acknowledged but has not yet reviewed has no
    row here; the outbox's ``acknowledged_at`` says it was received.
    """
    row = db.execute(
        "SELECT status, note, changed_at FROM status_updates WHERE application_uuid = ?"
        " ORDER BY cursor DESC LIMIT 1",
        [application_uuid],
    ).fetchone()
    if row is None:
        acknowledged = db.execute(
            "SELECT acknowledged_at FROM outbox WHERE application_uuid = ?"
            " AND acknowledged_at IS NOT NULL",
            [application_uuid],
        ).fetchone()
        if acknowledged is None:
            return None
        return LatestStatus(ApplicationStatus.RECEIVED, {}, str(acknowledged[0]))
    return LatestStatus(ApplicationStatus(str(row[0])), json.loads(str(row[1])), str(row[2]))
