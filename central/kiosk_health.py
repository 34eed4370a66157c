"""How each kiosk is doing, for the administrator: contact, backlog, audit continuity,
and what it last reported of itself (software, forms, printer, disk).

A kiosk whose audit chain does not continue the head anchored here was
rewritten or truncated (or restored from an old copy): the refusal is kept
as an alert, so the kiosk stays flagged after the failed sync that found it.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError

from central.database import Connection
from kiosk.clock import format_timestamp
from sync.protocol import KioskReport

log = logging.getLogger(__name__)


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
    report: KioskReport | None = None
    """What the kiosk last said of itself (None: it never reported, an older release)."""
    reported_at: str | None = None


def record_audit_alert(connection: Connection, kiosk_code: str, reason: str, now: datetime) -> None:
    """Flag a kiosk whose audit chain did not continue its anchored head."""
    connection.execute(
        "INSERT INTO audit_alerts (kiosk_code, detected_at, reason) VALUES (?, ?, ?)",
        [kiosk_code, format_timestamp(now), reason],
    )


def record_report(
    connection: Connection, kiosk_code: str, report: KioskReport, now: datetime
) -> None:
    """Keep a kiosk's latest report (validated by the protocol's bounds on the way in)."""
    connection.execute(
        "UPDATE kiosks SET report = ?, reported_at = ? WHERE code = ?",
        [report.model_dump_json(), format_timestamp(now), kiosk_code],
    )


def _stored_report(text: str | None) -> KioskReport | None:
    """A stored report, or None (never reported, or stored by a release that read it otherwise)."""
    if text is None:
        return None
    try:
        return KioskReport.model_validate_json(text)
    except ValidationError:
        log.warning("a stored kiosk report no longer reads; shown as not reported")
        return None


def kiosk_health(connection: Connection) -> list[KioskHealth]:
    """Every kiosk, in code order."""
    rows = connection.query(
        "SELECT k.code, k.name, k.revoked_at, k.last_sync_at, k.backlog,"
        " (SELECT COUNT(*) FROM applications a WHERE a.kiosk_code = k.code),"
        " h.head_id, h.anchored_at,"
        " (SELECT COUNT(*) FROM audit_alerts x WHERE x.kiosk_code = k.code),"
        " (SELECT MAX(x.detected_at) FROM audit_alerts x WHERE x.kiosk_code = k.code),"
        " k.report, k.reported_at"
        " FROM kiosks k LEFT JOIN audit_anchors h ON h.kiosk_code = k.code ORDER BY k.code"
    )
    found = []
    for row in rows:
        code, name, revoked, last_sync, backlog, count, head_id, anchored, alerts, last = row[:10]
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
                report=_stored_report(row[10]),
                reported_at=row[11],
            )
        )
    return found
