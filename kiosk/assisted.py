"""The applicant's consent to a clerk filling in their application with them.

An assisted application is marked with the clerk's staff id
(``applications.assisted_by``); the consent the applicant gave on the screen
before it started is kept beside it, with the time and the same staff id, and
audited, so the back office can tell "the clerk helped, with consent" from a
clerk acting alone.
"""

from __future__ import annotations

from sqlite_utils import Database

from kiosk import audit
from kiosk.clock import Clock, format_timestamp
from kiosk.store import transaction


def record_assisted_consent(
    db: Database, application_uuid: str, staff_id: str, clock: Clock
) -> None:
    """Keep the applicant's consent to assisted filling of this application; audited."""
    with transaction(db):
        db.execute(
            "INSERT INTO assisted_consents (application_uuid, staff_id, consented_at)"
            " VALUES (?, ?, ?)",
            [application_uuid, staff_id, format_timestamp(clock.now())],
        )
        audit.append(db, "assisted_consent_given", application_uuid, f"clerk:{staff_id}", {}, clock)


def consent_of(db: Database, application_uuid: str) -> str | None:
    """The staff id the applicant consented to be helped by, or None."""
    row = db.execute(
        "SELECT staff_id FROM assisted_consents WHERE application_uuid = ?", [application_uuid]
    ).fetchone()
    return None if row is None else str(row[0])
