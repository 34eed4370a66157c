"""The clerk's way: PIN, then notices, the sending backlog and drafts to resume."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from kiosk.services import KioskServices
from ui.answer_text import local_time_text
from ui.flow import ApplicantFlow
from ui.i18n import translate
from ui.problems import failure_message
from ui.screens.clerk import ClerkHomeScreen, ClerkPinScreen, DraftSummary
from ui.storage_access import StorageAccess
from ui.window import KioskWindow

if TYPE_CHECKING:  # storage code is imported on the storage thread, after the first screen
    from kiosk.applications import Application
    from kiosk.dashboard import Snapshot
    from kiosk.storage import KioskStorage
    from ui.dashboard_flow import DashboardFlow
    from ui.print_runner import PrinterStatus

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClerkOverview:
    """What the clerk screen shows, read in one go on the storage thread."""

    waiting: int
    drafts: list[Application]


class ClerkFlow(QObject):
    """Signs the clerk in and out and hands drafts back to the applicant flow."""

    def __init__(
        self,
        window: KioskWindow,
        pin_screen: ClerkPinScreen,
        home_screen: ClerkHomeScreen,
        services: KioskServices,
        storage: StorageAccess,
        applicant: ApplicantFlow,
    ) -> None:
        super().__init__()
        self._window = window
        self.pin_screen = pin_screen
        self.home_screen = home_screen
        self._services = services
        self._storage = storage
        self._applicant = applicant
        self._notices: list[str] = []
        self._capacity_notices: list[str] = []
        self.dashboard: DashboardFlow | None = None
        """The figures screen reached from the clerk screen (set by the kiosk)."""
        applicant.screens.start.clerk_requested.connect(self._ask_pin)
        applicant.reset_done.connect(self._clear)
        pin_screen.pin_entered.connect(self._check_pin)
        pin_screen.back_requested.connect(lambda: applicant.reset(keep_draft=False))
        home_screen.resume_requested.connect(self._resume)
        home_screen.end_requested.connect(lambda: applicant.reset(keep_draft=False))
        for screen in (pin_screen, home_screen):
            screen.read_aloud_requested.connect(applicant.read_aloud)
        printing = applicant.printing
        printing.status_changed.connect(self._printer_status)
        home_screen.retry_print_requested.connect(printing.retry)
        home_screen.reprint_requested.connect(lambda tracking: printing.reprint(tracking, "clerk"))
        home_screen.offer_sync(applicant.sync is not None)
        if applicant.sync is not None:
            applicant.sync.report.connect(home_screen.connection.update_report)
            home_screen.sync_requested.connect(applicant.sync.sync_now)
        for problem in services.catalogue.problems:
            self._notices.append(
                translate("ClerkFlow", "A form file was refused: {problem}").format(problem=problem)
            )

    def notices(self) -> list[str]:
        """What the clerk is told on the clerk screen: disk and sync first, then
        the rest, oldest first."""
        return self._capacity_notices + self._notices

    def take_capacity(self, found: Snapshot) -> None:
        """Keep the disk and sync warnings for the clerk screen up to date."""
        from ui.capacity_watch import clerk_notices

        self._capacity_notices = clerk_notices(found.capacity)

    def report_set_aside(self, set_aside: Path | None) -> None:
        """Remember that a damaged database was set aside at start, for the clerk."""
        if set_aside is not None:
            log.error("damaged database set aside as %s", set_aside)
            self._notices.append(
                translate(
                    "ClerkFlow",
                    "The kiosk's database was damaged and has been set aside as {path}. "
                    "A new one was started. Please call support; do not delete the file.",
                ).format(path=set_aside)
            )

    def storage_failed(self, error: Exception) -> None:
        """The database could not be opened at all: the clerk must know at once."""
        self._notices.append(failure_message(error))

    def _printer_status(self, status: PrinterStatus) -> None:
        from ui.print_runner import clerk_message, waiting_message

        self.home_screen.show_printer(
            f"{status.printer}: {clerk_message(status.state)} {waiting_message(status.waiting)}"
        )

    def _ask_pin(self) -> None:
        self.pin_screen.clear_personal_data()
        self._applicant.show(self.pin_screen)

    def _check_pin(self, pin: str) -> None:
        clock = self._services.clock

        def check(storage: KioskStorage) -> bool | None:
            from kiosk.staff import check_clerk_pin, has_clerk_pin

            if not has_clerk_pin(storage.db):
                return None
            return check_clerk_pin(storage.db, pin, clock)

        self._storage.run(check, self._pin_checked, self._failed)

    def _pin_checked(self, accepted: bool | None) -> None:
        if accepted is None:
            self.pin_screen.show_problem(
                translate(
                    "ClerkFlow",
                    "No clerk PIN is set on this kiosk yet. Set one with: kiosk set-clerk-pin",
                )
            )
        elif not accepted:
            self.pin_screen.show_problem(translate("ClerkFlow", "That PIN is not right."))
        else:
            self._refresh()

    def _refresh(self) -> None:
        self._storage.run(
            lambda storage: ClerkOverview(
                storage.applications.waiting_to_send(), storage.applications.drafts()
            ),
            self._show_overview,
            self._failed,
        )

    def _show_overview(self, overview: ClerkOverview) -> None:
        language = self._applicant.language
        drafts = [
            DraftSummary(
                uuid=draft.uuid,
                service=self._services.catalogue.title(draft.form_id, draft.form_version, language),
                updated=local_time_text(draft.updated_at, self._services.zone),
                answered=len(draft.answers),
            )
            for draft in overview.drafts
        ]
        notices = self._capacity_notices + self._notices
        self.home_screen.show_state(notices, overview.waiting, drafts)
        self._applicant.show(self.home_screen)

    def _resume(self, uuid: str) -> None:
        self._applicant.clerk_assisting = True
        self._storage.run(
            lambda storage: storage.applications.get(uuid),
            self._applicant.resume,
            self._failed,
        )

    def _failed(self, error: Exception) -> None:
        self.pin_screen.show_problem(failure_message(error))

    def _clear(self) -> None:
        self.pin_screen.clear_personal_data()
        self.home_screen.clear_personal_data()
