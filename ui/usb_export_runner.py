"""The clerk screen's "Export to USB": find the stick, seal the outbox onto it, say so.

The sealing is the same code as `kiosk export --to DIR`; it runs on the
storage thread. Every outcome reaches the clerk as one sentence in the
language on screen, and the log keeps the detail.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.services import KioskServices
from ui.i18n import translate
from ui.storage_access import StorageAccess

if TYPE_CHECKING:
    from kiosk.staff import StaffAccount
    from kiosk.storage import KioskStorage

log = logging.getLogger(__name__)

EXPORT_FOLDER = "township-kiosk"
"""The folder made on the stick, so its other files stay out of the way."""


@dataclass(frozen=True)
class ExportOutcome:
    """Where the file went and how many applications it holds, or why nothing was written."""

    path: Path | None
    count: int = 0
    problem: str | None = None
    """``no_drive``, ``not_enrolled`` or ``write_failed``."""


def export_to_removable_drive(
    storage: StorageAccess,
    services: KioskServices,
    account: StaffAccount,
    report: Callable[[str], None],
) -> None:
    """Export the waiting applications to the first USB stick found; `report` the outcome."""
    patterns = services.config.usb_mount_patterns
    clock = services.clock

    def export(opened: KioskStorage) -> ExportOutcome:
        from kiosk.removable_drives import find_removable_drive
        from sync.usb_transfer import UsbTransferError, export_outbox

        drive = find_removable_drive(patterns)
        if drive is None:
            return ExportOutcome(None, problem="no_drive")
        try:
            folder = drive / EXPORT_FOLDER
            folder.mkdir(exist_ok=True)
            path, count = export_outbox(opened.db, folder, clock, account.actor)
        except UsbTransferError as error:
            log.warning("USB export refused: %s", error)
            return ExportOutcome(None, problem="not_enrolled")
        except OSError as error:
            log.error("USB export to %s failed: %s", drive, error)
            return ExportOutcome(None, problem="write_failed")
        log.info("%d applications exported to %s by %s", count, path, account.actor)
        return ExportOutcome(path, count)

    storage.run(export, lambda outcome: report(export_message(outcome)))


def export_message(outcome: ExportOutcome) -> str:
    """The sentence the clerk reads after tapping "Export to USB"."""
    if outcome.problem == "no_drive":
        return translate(
            "UsbExport",
            "No USB stick was found. Plug one in, wait a few seconds and tap again.",
        )
    if outcome.problem == "not_enrolled":
        return translate(
            "UsbExport",
            "This kiosk is not enrolled with a central platform, so it cannot seal an export.",
        )
    if outcome.problem == "write_failed":
        return translate(
            "UsbExport",
            "The USB stick could not be written (full or read-only?). Nothing was lost.",
        )
    return translate(
        "UsbExport",
        "{count} applications written to {path}. Take the stick to the central platform; "
        "they stay on this kiosk until its receipt is imported.",
    ).format(count=outcome.count, path=outcome.path)
