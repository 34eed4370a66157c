"""The clerk screen's "Export to USB": seal the outbox onto the stick, say what happened.

The work (:func:`sync.usb_drive_export.export_to_drive`) runs on the storage
lane; this module only queues it and turns its outcome, or its failure, into
one sentence in the language on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.services import KioskServices
from ui.i18n import translate
from ui.problems import failure_message, locked_notice
from ui.storage_access import StorageAccess

if TYPE_CHECKING:
    from kiosk.staff import StaffAccount
    from kiosk.storage import KioskStorage
    from sync.usb_drive_export import DriveExport


def export_to_removable_drive(
    storage: StorageAccess,
    services: KioskServices,
    account: StaffAccount,
    report: Callable[[str], None],
) -> None:
    """Export the waiting applications to the first USB stick found; `report` the outcome."""
    patterns, clock = services.config.usb_mount_patterns, services.clock

    def export(opened: KioskStorage) -> DriveExport:
        from sync.usb_drive_export import export_to_drive

        return export_to_drive(
            opened.db, patterns, clock, account.actor, keys=opened.applications.keys
        )

    storage.run(
        export,
        lambda outcome: report(export_message(outcome)),
        lambda error: report(failure_message(error)),
    )


def export_message(outcome: DriveExport) -> str:
    """The sentence the clerk reads after tapping "Export to USB"."""
    if outcome.problem == "no_drive":
        return translate(
            "UsbExport",
            "No USB stick was found. Plug one in, wait a few seconds and tap again.",
        )
    if outcome.problem == "locked":
        return locked_notice()
    if outcome.problem == "not_enrolled":
        return translate(
            "UsbExport",
            "This kiosk is not enrolled with a central platform, so it cannot seal an export.",
        )
    if outcome.problem == "unsafe_drive":
        return translate(
            "UsbExport",
            "This USB stick holds a link where the export belongs, so nothing was written."
            " Use another stick.",
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
