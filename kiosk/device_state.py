"""What the kiosk knows about itself for the administrator: software, printer, disk.

The printing lane records the printer's state each time it asks the printer
(:func:`record_printer_state`); the sync worker reads it back with the rest
(:func:`software_version`, :func:`disk_space`) and reports it to the centre,
so the administrator sees a kiosk out of paper or disk without a visit.
Nothing here is personal data.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path

from sqlite_utils import Database

from kiosk.clock import format_timestamp

PRINTER_STATE = "device.printer_state"
PRINTER_CHECKED_AT = "device.printer_checked_at"
DISTRIBUTION = "township-kiosk"


@dataclass(frozen=True)
class PrinterRecord:
    """The printer's state code (``ready``, ``paper_low`` or a problem) and when it was read."""

    state: str
    checked_at: str


def record_printer_state(db: Database, state: str, now: datetime) -> None:
    """Keep the printer's latest state code and when it was read."""
    for key, value in ((PRINTER_STATE, state), (PRINTER_CHECKED_AT, format_timestamp(now))):
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )


def printer_record(db: Database) -> PrinterRecord | None:
    """The state last recorded, or None when the printer was never asked."""
    rows = dict(
        db.execute(
            "SELECT key, value FROM settings WHERE key IN (?, ?)",
            [PRINTER_STATE, PRINTER_CHECKED_AT],
        ).fetchall()
    )
    if PRINTER_STATE not in rows or PRINTER_CHECKED_AT not in rows:
        return None
    return PrinterRecord(str(rows[PRINTER_STATE]), str(rows[PRINTER_CHECKED_AT]))


def software_version() -> str:
    """The installed kiosk software's version (``0+unknown`` when run from a bare checkout)."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0+unknown"


@dataclass(frozen=True)
class DiskSpace:
    """Bytes free (to the kiosk) and in all on the file system of its database."""

    free: int
    total: int


def disk_space(db: Database) -> DiskSpace:
    """Free and total space where the kiosk's database lives (its data folder)."""
    rows = db.execute("PRAGMA database_list").fetchall()
    files = [str(row[2]) for row in rows if row[1] == "main" and row[2]]
    usage = shutil.disk_usage(Path(files[0]).parent if files else Path.cwd())
    return DiskSpace(free=min(usage.free, usage.total), total=usage.total)
