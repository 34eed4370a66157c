"""Looks at the kiosk's disk, database and last sync every minute, off the GUI thread.

The applicant's flow uses the latest look to refuse new applications before
the disk is too full for a submit; the clerk screen turns it into warnings.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ui.i18n import translate

if TYPE_CHECKING:
    from kiosk.capacity import CapacityReading
    from kiosk.dashboard import Snapshot
    from kiosk.services import KioskServices
    from kiosk.storage import KioskStorage
    from ui.storage_access import StorageAccess

log = logging.getLogger(__name__)

CHECK_INTERVAL_MS = 60_000


def take_snapshot(storage: KioskStorage, services: KioskServices) -> Snapshot:
    """The dashboard's figures and the capacity reading (on the storage lane)."""
    from kiosk.dashboard import snapshot
    from sync import sync_settings

    return snapshot(
        storage.db,
        services.paths,
        services.config,
        services.clock.now(),
        services.zone,
        sync_settings.last_sync_at(storage.db),
    )


class CapacityWatch(QObject):
    """Emits `checked` with a fresh Snapshot now and every minute, or `failed`
    with the exception when the reading could not be taken."""

    checked = Signal(object)
    failed = Signal(object)

    def __init__(self, storage: StorageAccess, services: KioskServices) -> None:
        super().__init__()
        self._storage = storage
        self._services = services
        self.latest: Snapshot | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        """Look now, then every minute."""
        self.check()
        self._timer.start()

    def check(self) -> None:
        """Take a reading on the storage lane."""
        services = self._services
        # A failure is not put in front of an applicant every minute: the
        # clerk screen lists it with the disk warnings; the lane logged it.
        self._storage.run(
            lambda storage: take_snapshot(storage, services), self._taken, self.failed.emit
        )

    def _taken(self, found: Snapshot) -> None:
        previous = self.latest
        self.latest = found
        capacity = found.capacity
        if previous is None or previous.capacity.disk != capacity.disk:
            log.log(
                logging.INFO if not capacity.needs_clerk else logging.WARNING,
                "disk: %d MB free (%s), database %.1f MB",
                capacity.free_mb,
                capacity.disk.value,
                capacity.database_mb,
            )
        self.checked.emit(found)


def refusal_message() -> str:
    """What the applicant is told when the kiosk takes no new applications."""
    return translate(
        "CapacityWatch",
        "This kiosk cannot take new applications just now because its storage is"
        " almost full. Please ask the clerk for help.",
    )


def clerk_notices(capacity: CapacityReading) -> list[str]:
    """Warnings for the clerk screen, most urgent first."""
    from kiosk.capacity import Level

    notices: list[str] = []
    if capacity.disk is Level.REFUSE:
        notices.append(
            translate(
                "CapacityWatch",
                "Disk almost full ({free} MB free): new applications are refused."
                " Sync or export to USB, then call support.",
            ).format(free=capacity.free_mb)
        )
    elif capacity.disk is Level.WARN:
        notices.append(
            translate(
                "CapacityWatch",
                "Disk space is running low ({free} MB free). Please call support soon.",
            ).format(free=capacity.free_mb)
        )
    if capacity.sync_overdue:
        notices.append(
            translate(
                "CapacityWatch",
                "No successful sync for a long time. Check the link, or export to USB.",
            )
        )
    return notices
