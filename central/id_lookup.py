"""A kiosk asks, for a person who lost their receipt, which applications they made.

The person gives their ID number and date of birth at a kiosk; the kiosk
asks here. Applications are found by the keyed hash of the ID number
(:meth:`~central.personal_data.DataProtection.lookup_hash`), and the answer
names only service, tracking number, status and date.

Because ID numbers are guessable, every question is bounded three ways:
the date of birth must be the one the ID number carries and the one the
application recorded (a wrong one, like an ID number that cannot exist, is
answered exactly like "nothing found"); each kiosk may ask
:data:`PER_KIOSK_PER_HOUR` times an hour and each ID number may be asked
about :data:`PER_ID_PER_HOUR` times an hour, from all kiosks together; and
every question, answered or refused, is kept in ``id_lookups`` (kiosk,
hashed ID number, time, outcome) for the audit.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from central.database import Connection
from central.errors import Refusal
from central.personal_data import DataProtection
from kiosk.clock import format_timestamp
from kiosk.forms import check_id_number
from sync.protocol import (
    MAX_ID_LOOKUP_ITEMS,
    ApplicationStatus,
    IdLookupAnswer,
    IdLookupItem,
    IdLookupRequest,
)

PER_KIOSK_PER_HOUR = 30
"""Checks one kiosk may make in an hour: a busy service day, never a directory."""
PER_ID_PER_HOUR = 5
"""Checks of one ID number in an hour, all kiosks together."""
WINDOW = timedelta(hours=1)
_BIRTH_DATE_ANSWER = "birth_date"


class Outcome:
    """What became of a question, as the audit row says it."""

    ANSWERED = "answered"
    NOTHING_FOUND = "nothing_found"
    TOO_MANY = "too_many"


def look_up(
    connection: Connection,
    protection: DataProtection,
    kiosk_code: str,
    request: IdLookupRequest,
    now: datetime,
) -> IdLookupAnswer | Refusal:
    """The applications of the person asked about, or the refusal to answer.

    An ID number that cannot exist (its check character, region or birth
    date) or an impossible date of birth finds nothing, like a wrong date:
    the kiosk checks both before asking, so only a guesser sends them. A
    refusal for too many questions is returned, not raised, so that the
    caller's transaction commits its audit row: refused questions count
    against the limits too.
    """
    digest = protection.lookup_hash(request.id_number)
    since = format_timestamp(now - WINDOW)
    if _asked(connection, "kiosk_code", kiosk_code, since) >= PER_KIOSK_PER_HOUR or (
        _asked(connection, "id_lookup", digest, since) >= PER_ID_PER_HOUR
    ):
        _record(connection, kiosk_code, digest, now, Outcome.TOO_MANY)
        return Refusal(429, "too_many_lookups", "too many checks by ID number; try again later")
    birth_date = _birth_date(request, now.date())
    items = (
        [] if birth_date is None else _items(connection, protection, digest, request, birth_date)
    )
    _record(
        connection, kiosk_code, digest, now, Outcome.ANSWERED if items else Outcome.NOTHING_FOUND
    )
    return IdLookupAnswer(applications=items)


def _birth_date(request: IdLookupRequest, today: date) -> date | None:
    """The date given, when it and the ID number can both be real and agree."""
    if check_id_number(request.id_number, today) is not None:
        return None
    try:
        given = date.fromisoformat(request.birth_date)
    except ValueError:
        return None
    agrees = request.id_number[6:14] == given.strftime("%Y%m%d")
    return given if agrees else None


def _asked(connection: Connection, column: str, value: str, since: str) -> int:
    rows = connection.query(
        f"SELECT COUNT(*) FROM id_lookups WHERE {column} = ? AND asked_at > ?", [value, since]
    )
    return int(rows[0][0])


def _record(
    connection: Connection, kiosk_code: str, digest: str, now: datetime, outcome: str
) -> None:
    connection.execute(
        "INSERT INTO id_lookups (kiosk_code, id_lookup, asked_at, outcome) VALUES (?, ?, ?, ?)",
        [kiosk_code, digest, format_timestamp(now), outcome],
    )


def _items(
    connection: Connection,
    protection: DataProtection,
    digest: str,
    request: IdLookupRequest,
    birth_date: date,
) -> list[IdLookupItem]:
    rows = connection.query(
        "SELECT uuid, form_id, form_version, tracking_number, status, status_changed_at,"
        " received_at, answers FROM applications WHERE id_lookup = ?"
        " ORDER BY received_at DESC LIMIT ?",
        [digest, MAX_ID_LOOKUP_ITEMS],
    )
    items = []
    for uuid, form_id, version, number, status, changed_at, received_at, answers in rows:
        recorded = json.loads(protection.open(str(uuid), str(answers))).get(_BIRTH_DATE_ANSWER)
        if isinstance(recorded, str) and recorded != birth_date.isoformat():
            continue
        items.append(
            IdLookupItem(
                form_id=str(form_id),
                form_version=int(version),
                tracking_number=str(number),
                status=ApplicationStatus(str(status or ApplicationStatus.RECEIVED.value)),
                day=str(changed_at or received_at)[:10],
            )
        )
    return items
