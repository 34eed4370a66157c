"""Applications as the back office lists them: who sent what, and how the applicant was identified.

Answers are not listed (they hold personal data and are read one application
at a time); the identity check is, because it decides how much checking an
application needs: a verified ID code, an unverified one, or a typed number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from central.database import Connection

MAX_LISTED = 1000


@dataclass(frozen=True)
class ApplicationSummary:
    """One stored application without its answers."""

    uuid: str
    kiosk_code: str
    tracking_number: str
    form_id: str
    form_version: int
    submitted_at: str
    received_at: str
    assisted: bool
    identity: dict[str, Any] | None
    """The kiosk's identity check (format, outcome, issuer, key id, …); None when the
    kiosk sent none (a kiosk older than identity checks)."""


def list_applications(
    connection: Connection, kiosk_code: str | None = None, limit: int = 50
) -> list[ApplicationSummary]:
    """The most recently received applications, newest first, optionally of one kiosk."""
    condition, params = ("WHERE kiosk_code = ?", [kiosk_code]) if kiosk_code else ("", [])
    rows = connection.query(
        "SELECT uuid, kiosk_code, tracking_number, form_id, form_version, submitted_at,"
        f" received_at, assisted, identity FROM applications {condition}"
        " ORDER BY received_at DESC, uuid LIMIT ?",
        [*params, max(1, min(limit, MAX_LISTED))],
    )
    return [
        ApplicationSummary(
            uuid=str(row[0]),
            kiosk_code=str(row[1]),
            tracking_number=str(row[2]),
            form_id=str(row[3]),
            form_version=int(row[4]),
            submitted_at=str(row[5]),
            received_at=str(row[6]),
            assisted=bool(row[7]),
            identity=None if row[8] is None else json.loads(str(row[8])),
        )
        for row in rows
    ]
