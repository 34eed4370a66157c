"""The figures a clerk and an administrator look at: what this kiosk did today
and this month, and what still waits to leave it.

Only counts and times, never personal data, so the figures can be shown on
the clerk screen, exported to a spreadsheet and read aloud in a meeting.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime, time, tzinfo
from typing import TYPE_CHECKING

from kiosk import capacity
from kiosk.capacity import CapacityReading, FreeSpaceReader, Limits, read_capacity
from kiosk.clock import format_timestamp, parse_timestamp
from kiosk.config import DataPaths, KioskConfig

if TYPE_CHECKING:
    from sqlite_utils import Database  # types only: the figures screen imports this module


@dataclass(frozen=True)
class ServiceCount:
    """Submitted applications of one service in one period."""

    form_id: str
    self_service: int
    assisted: int

    @property
    def total(self) -> int:
        """Self-service and assisted together."""
        return self.self_service + self.assisted


@dataclass(frozen=True)
class Period:
    """One period's applications, per service."""

    name: str
    services: tuple[ServiceCount, ...]

    @property
    def total(self) -> int:
        """Every application of the period."""
        return sum(service.total for service in self.services)

    @property
    def assisted(self) -> int:
        """Applications filled in with a clerk's help."""
        return sum(service.assisted for service in self.services)


@dataclass(frozen=True)
class DayCount:
    """Submitted applications on one day of the month."""

    day: int
    self_service: int
    assisted: int


@dataclass(frozen=True)
class Figures:
    """Today, this month (also day by day), and the backlog of the sync."""

    today: Period
    month: Period
    month_by_day: tuple[DayCount, ...]
    waiting_to_sync: int
    oldest_unsynced_at: datetime | None
    drafts: int


def figures(db: Database, now: datetime, zone: tzinfo) -> Figures:
    """Count from the kiosk's database, with days and months as the township lives them."""
    local = now.astimezone(zone)
    day_start = datetime.combine(local.date(), time(), zone)
    month_start = day_start.replace(day=1)
    waiting, oldest = db.execute(
        "SELECT COUNT(*), MIN(a.submitted_at) FROM outbox o"
        " JOIN applications a ON a.uuid = o.application_uuid"
        " WHERE o.acknowledged_at IS NULL"
    ).fetchone()
    drafts = db.execute("SELECT COUNT(*) FROM applications WHERE state = 'draft'").fetchone()[0]
    return Figures(
        today=_period(db, "today", day_start, now),
        month=_period(db, "month", month_start, now),
        month_by_day=_days(db, month_start, local, zone),
        waiting_to_sync=int(waiting),
        oldest_unsynced_at=None if oldest is None else parse_timestamp(str(oldest)),
        drafts=int(drafts),
    )


def _period(db: Database, name: str, start: datetime, end: datetime) -> Period:
    rows = db.execute(
        "SELECT form_id,"
        " SUM(CASE WHEN assisted_by IS NULL THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN assisted_by IS NULL THEN 0 ELSE 1 END)"
        " FROM applications WHERE state = 'submitted'"
        " AND submitted_at >= ? AND submitted_at <= ?"
        " GROUP BY form_id ORDER BY form_id",
        [format_timestamp(start), format_timestamp(end)],
    ).fetchall()
    return Period(
        name,
        tuple(ServiceCount(str(form_id), int(own), int(helped)) for form_id, own, helped in rows),
    )


def _days(
    db: Database, month_start: datetime, local_now: datetime, zone: tzinfo
) -> tuple[DayCount, ...]:
    """Every day of the month so far, days without applications included."""
    counts = {day: [0, 0] for day in range(1, local_now.day + 1)}
    rows = db.execute(
        "SELECT submitted_at, assisted_by IS NOT NULL FROM applications"
        " WHERE state = 'submitted' AND submitted_at >= ? AND submitted_at <= ?",
        [format_timestamp(month_start), format_timestamp(local_now)],
    ).fetchall()
    for submitted_at, assisted in rows:
        day = parse_timestamp(str(submitted_at)).astimezone(zone).day
        counts[day][1 if assisted else 0] += 1
    return tuple(DayCount(day, own, helped) for day, (own, helped) in counts.items())


CSV_HEADER = ("period", "service", "self_service", "assisted", "total")


def figures_csv(found: Figures) -> str:
    """The per-service counts as CSV (UTF-8 text, one row per period and service)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for period in (found.today, found.month):
        for service in period.services:
            counts = (service.self_service, service.assisted, service.total)
            writer.writerow((period.name, service.form_id, *counts))
    return out.getvalue()


@dataclass(frozen=True)
class Snapshot:
    """Everything the dashboard shows that the database and the disk can tell."""

    figures: Figures
    capacity: CapacityReading


def snapshot(
    db: Database,
    paths: DataPaths,
    config: KioskConfig,
    now: datetime,
    zone: tzinfo,
    last_sync_at: datetime | None,
    free_space: FreeSpaceReader | None = None,
) -> Snapshot:
    """The kiosk's figures and its room and contact, read together (free space
    from the file system unless `free_space` says otherwise)."""
    limits = Limits(config.disk_warn_mb, config.disk_refuse_mb, config.sync_warn_hours)
    reader = free_space or capacity.free_bytes
    return Snapshot(
        figures(db, now, zone),
        read_capacity(paths.data_dir, paths.database, last_sync_at, now, limits, reader),
    )
