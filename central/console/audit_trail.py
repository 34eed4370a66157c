"""Who did what in the console, when and from where (查阅留痕).

Every change is recorded, and so is every look at an applicant's personal
data (an application's answers, a feedback contact): the supervisor can
always tell who read an application. Entries are only ever added.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from central.database import Connection
from kiosk.clock import format_timestamp

MAX_LISTED = 200


@dataclass(frozen=True)
class AuditEntry:
    """One recorded action."""

    at: str
    username: str
    address: str
    action: str
    target: str
    detail: dict[str, object]


def record(
    connection: Connection,
    now: datetime,
    username: str,
    address: str,
    action: str,
    target: str = "",
    detail: dict[str, object] | None = None,
) -> None:
    """Add one entry; ``action`` is a stable dotted name such as ``application.view``."""
    connection.execute(
        "INSERT INTO console_audit (at, username, address, action, target, detail)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            format_timestamp(now),
            username,
            address,
            action,
            target,
            json.dumps(detail or {}, ensure_ascii=False, sort_keys=True),
        ],
    )


def entries(
    connection: Connection, target: str | None = None, limit: int = MAX_LISTED
) -> list[AuditEntry]:
    """The newest entries first, all or about one target."""
    condition, params = ("WHERE target = ?", [target]) if target else ("", [])
    rows = connection.query(
        f"SELECT at, username, address, action, target, detail FROM console_audit {condition}"
        " ORDER BY id DESC LIMIT ?",
        [*params, max(1, min(limit, MAX_LISTED))],
    )
    return [
        AuditEntry(
            at=str(row[0]),
            username=str(row[1]),
            address=str(row[2]),
            action=str(row[3]),
            target=str(row[4]),
            detail=json.loads(str(row[5])),
        )
        for row in rows
    ]
