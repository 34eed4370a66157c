"""An applicant's "call staff", and the clerk answering it, both in the audit log.

The call is identified by the moment it was made: the clerk's answer names
that moment as its subject, so the log pairs each call with its answer (and
shows calls nobody answered).
"""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from kiosk import audit
from kiosk.clock import Clock, format_timestamp, parse_timestamp
from kiosk.staff import StaffAccount
from kiosk.store import transaction


def call_staff(db: Database, clock: Clock) -> datetime:
    """Record that the person at the kiosk asked for a member of staff; when they did."""
    with transaction(db):
        entry = audit.append(db, "staff_called", "kiosk", "applicant", {}, clock)
    return parse_timestamp(entry.at)


def answer_staff_call(
    db: Database, called_at: datetime, account: StaffAccount, clock: Clock
) -> None:
    """Record that `account` came to the person who called at `called_at`."""
    with transaction(db):
        audit.append(
            db, "staff_call_answered", format_timestamp(called_at), account.actor, {}, clock
        )
