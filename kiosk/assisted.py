"""A clerk's work on applicants' applications: consent to assisted filling, and views.

An assisted application is marked with the clerk's staff id
(``applications.assisted_by``); the consent the applicant gave on the screen
before it started is kept beside it, with the time and the same staff id, and
audited, so the back office can tell "the clerk helped, with consent" from a
clerk acting alone. A clerk opening someone's application (to resume a draft
or to correct it) is audited as ``application_viewed`` in the same read.
"""

from __future__ import annotations

from sqlite_utils import Database

from kiosk import audit
from kiosk.applications import Application, ApplicationStore
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


def open_for_clerk(
    db: Database,
    store: ApplicationStore,
    uuid: str,
    actor: str,
    clock: Clock,
    *,
    to_correct: bool = False,
) -> Application:
    """Read an application for a clerk, audited as viewed in the same transaction.

    ``to_correct`` opens only a submitted application that may still be
    corrected (:meth:`ApplicationStore.check_correctable` raises otherwise,
    and nothing is recorded as viewed).
    """
    with transaction(db):
        application = store.check_correctable(uuid) if to_correct else store.get(uuid)
        audit.append(db, "application_viewed", uuid, actor, {}, clock)
    return application
