"""Whether the kiosk still has room and contact: disk, database, last sync.

A submit that fails half-way for want of disk space costs a villager another
day's travel, so the kiosk stops taking *new* applications while there is
still room to finish the ones under way, and warns the clerk well before
that. A kiosk that has not reached the central platform for days is a
problem for the clerk too: its applications are not being processed.
"""

from __future__ import annotations

import enum
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

MEGABYTE = 1024 * 1024

FreeSpaceReader = Callable[[Path], int]
"""Bytes free on the file system holding a path (the OS boundary, replaced in tests)."""


def free_bytes(path: Path) -> int:
    """Bytes available to the kiosk on the file system holding `path`."""
    return shutil.disk_usage(path).free


class Level(enum.Enum):
    """How urgent a capacity reading is, in increasing order."""

    OK = "ok"
    WARN = "warn"
    REFUSE = "refuse"


@dataclass(frozen=True)
class Limits:
    """Where warnings start and where new applications stop (from kiosk.toml)."""

    disk_warn_mb: int
    disk_refuse_mb: int
    sync_warn_hours: int


@dataclass(frozen=True)
class CapacityReading:
    """One look at the kiosk's room and contact."""

    free_mb: int
    database_mb: float
    last_sync_at: datetime | None
    disk: Level
    sync_overdue: bool

    @property
    def accepts_new_applications(self) -> bool:
        """False once the disk is so full that a submit could fail."""
        return self.disk is not Level.REFUSE

    @property
    def needs_clerk(self) -> bool:
        """Whether the clerk should be told (low disk, or no sync for too long)."""
        return self.disk is not Level.OK or self.sync_overdue


def read_capacity(
    data_dir: Path,
    database: Path,
    last_sync_at: datetime | None,
    now: datetime,
    limits: Limits,
    free_space: FreeSpaceReader = free_bytes,
) -> CapacityReading:
    """Measure free space and database size and judge them against `limits`.

    `last_sync_at` is None on a kiosk that never synced (a USB-only kiosk is
    never overdue: nothing is expected of it).
    """
    free_mb = free_space(data_dir) // MEGABYTE
    database_bytes = sum(
        part.stat().st_size
        for part in (database, database.with_name(database.name + "-wal"))
        if part.exists()
    )
    if free_mb < limits.disk_refuse_mb:
        disk = Level.REFUSE
    elif free_mb < limits.disk_warn_mb:
        disk = Level.WARN
    else:
        disk = Level.OK
    overdue = last_sync_at is not None and now - last_sync_at > timedelta(
        hours=limits.sync_warn_hours
    )
    return CapacityReading(
        free_mb=free_mb,
        database_mb=round(database_bytes / MEGABYTE, 1),
        last_sync_at=last_sync_at,
        disk=disk,
        sync_overdue=overdue,
    )
