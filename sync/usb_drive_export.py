"""Exporting the outbox to whichever USB stick is plugged in (the clerk's button).

The same sealing as `kiosk export --to DIR` (:func:`sync.usb_transfer.export_outbox`),
into a folder of its own on the first mounted stick that
:func:`kiosk.removable_drives.find_removable_drive` finds. Every outcome is a
value the clerk screen turns into a sentence; the log keeps the detail.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from kiosk.clock import Clock
from kiosk.errors import KioskLockedError
from kiosk.media_files import UnsafeMediaPath
from kiosk.removable_drives import find_removable_drive
from kiosk.security.key_material import KioskKeys
from sync.usb_transfer import UsbTransferError, export_outbox

log = logging.getLogger(__name__)

EXPORT_FOLDER = "township-kiosk"
"""The folder made on the stick, so its other files stay out of the way."""


@dataclass(frozen=True)
class DriveExport:
    """Where the file went and how many applications it holds, or why nothing was written."""

    path: Path | None
    count: int = 0
    problem: str | None = None
    """``no_drive``, ``locked``, ``not_enrolled``, ``unsafe_drive`` (a link where the
    export folder or file belongs) or ``write_failed``."""


def export_to_drive(
    db: Database,
    patterns: Iterable[str],
    clock: Clock,
    actor: str,
    keys: KioskKeys | None = None,
) -> DriveExport:
    """Seal the waiting applications onto the first USB stick found (the kiosk must
    be unlocked: the answers are read from their at-rest seal)."""
    drive = find_removable_drive(patterns)
    if drive is None:
        return DriveExport(None, problem="no_drive")
    try:
        folder = drive / EXPORT_FOLDER
        path, count = export_outbox(db, folder, clock, keys=keys, actor=actor, create=True)
    except KioskLockedError:
        return DriveExport(None, problem="locked")
    except UsbTransferError as error:
        log.warning("USB export refused: %s", error)
        return DriveExport(None, problem="not_enrolled")
    except UnsafeMediaPath as error:
        log.error("USB export to %s refused, the stick holds a planted link: %s", drive, error)
        return DriveExport(None, problem="unsafe_drive")
    except OSError as error:
        log.error("USB export to %s failed: %s", drive, error)
        return DriveExport(None, problem="write_failed")
    log.info("%d applications exported to %s by %s", count, path, actor)
    return DriveExport(path, count)
