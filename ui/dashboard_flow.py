"""The clerk's figures screen: read on the storage lane, drawn, exported as CSV."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ui.i18n import translate

if TYPE_CHECKING:
    from kiosk.dashboard import Snapshot
    from ui.kiosk_parts import KioskParts
    from ui.navigation import Navigator
    from ui.screens.clerk import ClerkHomeScreen
    from ui.screens.dashboard import DashboardScreen

log = logging.getLogger(__name__)

EXPORTS_SUBDIR = "exports"
"""Where figures go in the data directory when no USB stick is plugged in."""


class DashboardFlow(QObject):
    """Opens the figures from the clerk screen and writes them to a CSV file."""

    def __init__(
        self,
        screen: DashboardScreen,
        home_screen: ClerkHomeScreen,
        navigator: Navigator,
        parts: KioskParts,
    ) -> None:
        super().__init__()
        self.screen = screen
        self._home = home_screen
        self._nav = navigator
        self._parts = parts
        self._services = parts.services
        self._storage = parts.storage
        self._shown: Snapshot | None = None
        home_screen.dashboard_requested.connect(self.open)
        screen.back_requested.connect(lambda: navigator.show(home_screen))
        screen.export_requested.connect(self.export)
        screen.read_aloud_requested.connect(navigator.read_aloud)

    def open(self) -> None:
        """Read fresh figures and show them; a failure is shown on the clerk screen."""
        from ui.capacity_watch import take_snapshot

        services = self._services
        self._storage.run(
            lambda storage: take_snapshot(storage, services), self._show, self._not_read
        )

    def _show(self, found: Snapshot) -> None:
        from ui.theme import palettes

        self._shown = found
        language = self._nav.language
        catalogue = self._services.catalogue
        self.screen.show_figures(
            found,
            lambda form_id: catalogue.newest(form_id).title.get(language),
            self._home.printer.text() or translate("DashboardFlow", "not known yet"),
            _camera_state(),
            palettes()[self._parts.presentation.look.theme],
        )
        self._nav.show(self.screen)

    def _not_read(self, error: Exception) -> None:
        from ui.problems import failure_message

        self._home.show_export_result(failure_message(error))

    def export(self) -> None:
        """Write the per-service counts to a USB stick if one is plugged in, else to
        the data directory, and say where."""
        from kiosk.dashboard import figures_csv
        from kiosk.media_files import write_on_media
        from kiosk.removable_drives import find_removable_drive

        if self._shown is None:
            return
        drive = find_removable_drive(self._services.config.usb_mount_patterns)
        # The kiosk's own folder may be reached through links an administrator made.
        folder = drive or self._services.paths.data_dir.resolve() / EXPORTS_SUBDIR
        stamp = self._services.clock.now().astimezone(self._services.zone)
        target = folder / f"kiosk-{self._services.config.kiosk_code}-{stamp:%Y%m%d-%H%M}.csv"
        try:
            csv = figures_csv(self._shown.figures).encode("utf-8")
            write_on_media(folder, target.name, csv, create=True)
        except OSError as error:
            log.error("figures not exported to %s: %s", target, error)
            self.screen.show_export_result(
                translate("DashboardFlow", "The figures could not be written: {reason}").format(
                    reason=error.strerror or error
                )
            )
            return
        log.info("figures exported to %s", target)
        self.screen.show_export_result(
            translate("DashboardFlow", "Figures written to {path}").format(path=Path(target))
        )


def _camera_state() -> str:
    """Whether the kiosk sees a camera (the hand-held scanner and keypad work without)."""
    from PySide6.QtMultimedia import QMediaDevices

    if QMediaDevices.videoInputs():
        return translate("DashboardFlow", "connected")
    return translate("DashboardFlow", "none (scanner and keypad only)")
