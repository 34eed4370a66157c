"""How each kiosk is doing, for the administrator: contact, backlog, audit continuity.

A kiosk whose audit chain does not continue the head anchored here was
rewritten or truncated (or restored from an old copy): the refusal is kept
as an alert, so the kiosk stays flagged after the failed sync that found it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from central.database import Connection
from kiosk.clock import format_timestamp


class AuditContinuity(enum.Enum):
    """What the anchors say about a kiosk's audit log."""

    NEVER_ANCHORED = "never_anchored"
    CONTINUOUS = "continuous"
    BROKEN = "broken"


@dataclass(frozen=True)
class KioskHealth:
    """One kiosk as the administrator's health view shows it."""

    code: str
    name: str
    revoked: bool
    last_sync_at: str | None
    backlog: int
    applications: int
    audit_head_id: int | None
    audit_anchored_at: str | None
    audit: AuditContinuity
    audit_alerts: int
    last_alert: str | None


def record_audit_alert(connection: Connection, kiosk_code: str, reason: str, now: datetime) -> None:
    """Flag a kiosk whose audit chain did not continue its anchored head."""
    connection.execute(
        "INSERT INTO audit_alerts (kiosk_code, detected_at, reason) VALUES (?, ?, ?)",
        [kiosk_code, format_timestamp(now), reason],
    )


def kiosk_health(connection: Connection) -> list[KioskHealth]:
    """Every kiosk, in code order."""
    rows = connection.query(
        "SELECT k.code, k.name, k.revoked_at, k.last_sync_at, k.backlog,"
        " (SELECT COUNT(*) FROM applications a WHERE a.kiosk_code = k.code),"
        " h.head_id, h.anchored_at,"
        " (SELECT COUNT(*) FROM audit_alerts x WHERE x.kiosk_code = k.code),"
        " (SELECT MAX(x.detected_at) FROM audit_alerts x WHERE x.kiosk_code = k.code)"
        " FROM kiosks k LEFT JOIN audit_anchors h ON h.kiosk_code = k.code ORDER BY k.code"
    )
    found = []
    for code, name, revoked, last_sync, backlog, count, head_id, anchored, alerts, last in rows:
        if int(alerts):
            continuity = AuditContinuity.BROKEN
        elif head_id is None:
            continuity = AuditContinuity.NEVER_ANCHORED
        else:
            continuity = AuditContinuity.CONTINUOUS
        found.append(
            KioskHealth(
                code=str(code),
                name=str(name),
                revoked=revoked is not None,
                last_sync_at=last_sync,
                backlog=int(backlog),
                applications=int(count),
                audit_head_id=None if head_id is None else int(head_id),
                audit_anchored_at=anchored,
                audit=continuity,
                audit_alerts=int(alerts),
                last_alert=last,
            )
        )
    return found
