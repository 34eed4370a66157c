"""Asking the central platform for a person's applications by ID number and date of birth.

The kiosk's own applications are found without it (:mod:`kiosk.status_by_id`);
the centre adds the newest statuses and the applications made at other
kiosks. A person is waiting at the screen, so the question gets short
timeouts: on a link too slow for them the kiosk shows what it has.
"""

from __future__ import annotations

from dataclasses import replace

from sqlite_utils import Database

from kiosk.status_by_id import IdQuery, StatusSummary
from sync import sync_settings
from sync.client import CentralClient, CentralRefused, Timeouts
from sync.protocol import IdLookupRequest
from sync.status_pull import latest_status

WAITING_TIMEOUTS = Timeouts(connect=5.0, read=10.0)
"""How long the person at the screen waits for the centre before local results show."""


def ask_centre(db: Database, client: CentralClient, query: IdQuery) -> tuple[StatusSummary, ...]:
    """The centre's answer for ``query``; :class:`~sync.client.CentralUnavailable` or
    :class:`~sync.client.CentralRefused` when there is none."""
    enrolment = sync_settings.enrolment(db)
    if enrolment is None:
        raise CentralRefused(401, "not_enrolled", "this kiosk is not enrolled yet")
    asking = replace(client, credential=enrolment.credential, timeouts=WAITING_TIMEOUTS)
    request = IdLookupRequest(id_number=query.id_number, birth_date=query.birth_date.isoformat())
    answer = asking.applications_by_id(request)
    return tuple(
        StatusSummary(
            item.form_id, item.form_version, item.tracking_number, item.status.value, item.day
        )
        for item in answer.applications
    )


def status_and_time(db: Database, application_uuid: str) -> tuple[str, str] | None:
    """The newest status the kiosk knows for an application and when it was set, or
    None while the centre has not acknowledged it (:data:`kiosk.status_by_id.StatusOf`)."""
    latest = latest_status(db, application_uuid)
    return None if latest is None else (latest.status.value, latest.changed_at)
