"""Putting the kiosk together: services, storage thread, window, screens, flows."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.services import KioskServices, load_services
from ui.i18n import LanguageSwitcher
from ui.operations import Operations
from ui.presentation import Presentation
from ui.screens.start import StartScreen
from ui.storage_access import StorageAccess
from ui.window import KioskWindow

if TYPE_CHECKING:
    from kiosk.forms import FormDefinition
    from kiosk.storage import KioskStorage
    from printing.printer_status import Printer
    from sync.worker import SyncReport
    from ui.clerk_flow import ClerkFlow
    from ui.flow import ApplicantFlow, KioskParts
    from ui.lockdown import LockDown
    from ui.scanning.camera_session import CameraSettings
    from ui.sync_runner import SyncRunner

log = logging.getLogger(__name__)

InstalledForms = tuple[list["FormDefinition"], set[tuple[str, int]]]
"""Form versions installed from bundles, and the keys of the retired ones."""

KIOSK_WINDOW_SIZE = (1280, 800)
"""The size of the usual 15.6-inch kiosk touchscreen, for windowed runs and screenshots."""


@dataclass
class Kiosk:
    """A running kiosk: what tests drive and what `run` shows."""

    services: KioskServices
    window: KioskWindow
    applicant: ApplicantFlow
    clerk: ClerkFlow
    storage: StorageAccess
    operations: Operations
    switcher: LanguageSwitcher
    stopped: bool = False

    def shut_down(self) -> None:
        """Stop the camera, the printer and sync threads, finish queued writes,
        close the database, release the translator. Safe to call twice."""
        if self.stopped:
            return
        self.stopped = True
        # The inactivity guards belong to the application, which outlives this
        # window (tests build many kiosks in one process): stop their timers.
        self.applicant.inactivity.disarm()
        self.clerk.inactivity.disarm()
        self.applicant.screens.identify.shut_down()
        self.applicant.printing.shutdown()
        if self.applicant.sync is not None:
            self.applicant.sync.stop()
        self.storage.close()
        self.switcher.uninstall()


@dataclass
class KioskShell:
    """The window with its start screen: all the first paint needs.

    Everything else (the other screens, the flows, the storage code) is
    imported and built by `complete()`, which `run` calls once the start
    screen is on the glass, so a villager never waits for screens they have
    not reached yet.
    """

    app: QApplication
    services: KioskServices
    window: KioskWindow
    start: StartScreen
    switcher: LanguageSwitcher
    operations: Operations
    storage: StorageAccess
    presentation: Presentation
    speech_engine: str | None

    def complete(self) -> Kiosk:
        """Build the remaining screens and the flows that connect them."""
        from ui.clerk_flow import ClerkFlow
        from ui.flow import ApplicantFlow, ApplicantScreens, KioskParts
        from ui.inactivity import InactivityGuard
        from ui.print_runner import PrintRunner
        from ui.screens.check_status import CheckStatusScreen
        from ui.screens.clerk import ClerkHomeScreen, ClerkPinScreen
        from ui.screens.clerk_consent import AssistedConsentScreen
        from ui.screens.confirmation import ConfirmationScreen
        from ui.screens.identify import IdentifyScreen
        from ui.screens.question import QuestionScreen
        from ui.screens.review import ReviewScreen
        from ui.speech import Speaker

        services, window, storage = self.services, self.window, self.storage
        screens = ApplicantScreens(
            start=self.start,
            identify=IdentifyScreen(lambda: _camera_settings_for(services)),
            question=QuestionScreen(services.regions),
            review=ReviewScreen(services.regions),
            confirmation=ConfirmationScreen(),
            check=CheckStatusScreen(),
        )
        for screen in screens.all()[1:]:
            window.add_screen(screen)
        parts = KioskParts(
            services=services,
            storage=storage,
            switcher=self.switcher,
            inactivity=InactivityGuard(self.app, services.config.inactivity_seconds),
            presentation=self.presentation,
            speaker=Speaker(self.speech_engine),
            printing=PrintRunner(
                services,
                lambda: _printer_for(services),
                window,
            ),
            sync=_sync_runner_for(services),
        )
        applicant = ApplicantFlow(window, screens, parts)
        pin_screen, home_screen = ClerkPinScreen(), ClerkHomeScreen()
        consent_screen = AssistedConsentScreen()
        for clerk_screen in (pin_screen, home_screen, consent_screen):
            window.add_screen(clerk_screen)
        clerk = ClerkFlow(
            window, pin_screen, home_screen, consent_screen, services, storage, applicant
        )
        storage.run(lambda opened: opened.set_aside, clerk.report_set_aside, clerk.storage_failed)
        storage.run(
            self._installed_forms,
            lambda forms: self._database_ready(parts, forms),
        )
        storage.open()
        return Kiosk(services, window, applicant, clerk, storage, self.operations, self.switcher)

    @staticmethod
    def _installed_forms(opened: KioskStorage) -> InstalledForms:
        from kiosk.installed_forms import installed_forms, retired_keys

        return installed_forms(opened.db), retired_keys(opened.db)

    def _take_forms(self, found: InstalledForms) -> None:
        """Add installed versions, withdraw retired ones, and show the tiles that remain."""
        forms, retired = found
        self.services.catalogue.add(forms)
        self.services.catalogue.retire(retired)
        self.start.offer_services(self.services.catalogue.services())

    def _database_ready(self, parts: KioskParts, found: InstalledForms) -> None:
        """The database is open: take in the forms installed from bundles, start
        printing what waited and syncing."""
        self._take_forms(found)
        parts.printing.start()
        if parts.sync is not None:
            parts.sync.report.connect(lambda report: self._sync_reported(parts, report))
            parts.sync.start()

    def _sync_reported(self, parts: KioskParts, report: SyncReport) -> None:
        """Form versions arrived or were retired: new applications follow at once."""
        if report.forms.installed or report.forms.retired:
            parts.storage.run(self._installed_forms, self._take_forms)


def _sync_runner_for(services: KioskServices) -> SyncRunner | None:
    """The sync thread's owner, on a kiosk that has a central platform configured."""
    if not services.config.central_url:
        return None
    from ui.sync_runner import SyncRunner

    bundle = services.config.central_ca_bundle
    return SyncRunner(
        services.paths.database,
        services.config.central_url,
        ca_bundle=Path(bundle) if bundle else None,
    )


def _camera_settings_for(services: KioskServices) -> CameraSettings:
    """The configured camera (read when the identify screen is first shown)."""
    from ui.scanning.camera_session import CameraSettings

    return CameraSettings.from_config(services.config)


def _printer_for(services: KioskServices) -> Printer:
    """The configured printer (made on the printing thread, with its libraries)."""
    from printing.printer_setup import printer_from_config

    return printer_from_config(services.config, services.paths.data_dir)


def build_shell(
    app: QApplication, services: KioskServices, speech_engine: str | None = None
) -> KioskShell:
    """The window showing the start screen, before anything else is built.

    `speech_engine` names the Qt text-to-speech engine (None: no reading aloud).
    """
    presentation = Presentation(app)
    operations = Operations()
    storage = StorageAccess(operations, services.open_storage)
    switcher = LanguageSwitcher(app)
    switcher.switch(services.config.default_language)
    window = KioskWindow()
    start = StartScreen(
        services.config.languages,
        services.catalogue.services(),
        lambda: switcher.current.code,
        services.config.township,
    )
    window.add_screen(start)
    window.show_screen(start)
    return KioskShell(
        app, services, window, start, switcher, operations, storage, presentation, speech_engine
    )


def build_kiosk(
    app: QApplication, services: KioskServices, speech_engine: str | None = None
) -> Kiosk:
    """Create the window and every screen for a QApplication that already exists."""
    return build_shell(app, services, speech_engine).complete()


def quit_kiosk(app: QApplication, lockdown: LockDown) -> None:
    """A supervisor or administrator quit from the clerk screen: let the window go."""
    log.info("kiosk quit from the clerk screen")
    lockdown.release()
    app.quit()


def run(data_dir: Path, windowed: bool, central_url: str | None = None) -> int:
    """Start the kiosk on `data_dir` and run until it is closed.

    `central_url` overrides the configured central platform (the demo's own).
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    from kiosk.logs import configure_logging

    services = load_services(data_dir)
    if central_url is not None:
        services = replace(services, config=replace(services.config, central_url=central_url))
    configure_logging(services.paths.logs)
    log.info("kiosk %s starting on %s", services.config.kiosk_code, data_dir)
    from ui.speech import detect_engine

    shell = build_shell(app, services, detect_engine())
    from ui.lockdown import LockDown

    lockdown = LockDown(app, shell.window)
    if windowed:
        shell.window.resize(*KIOSK_WINDOW_SIZE)
        shell.window.show()
    else:
        lockdown.engage()

    def complete() -> None:
        kiosk = shell.complete()
        app.aboutToQuit.connect(kiosk.shut_down)
        kiosk.clerk.quit_approved.connect(lambda: quit_kiosk(app, lockdown))
        log.info("kiosk ready")

    QTimer.singleShot(0, complete)
    return app.exec()
