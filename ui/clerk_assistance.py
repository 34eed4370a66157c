"""What a signed-in clerk does with applicants' applications: resume a draft,
fill in with an applicant who consented, correct one not yet sent.

Split from the session handling in :mod:`ui.clerk_flow`, which owns who is
signed in; every action here is recorded under that person's id and does
nothing once the session has ended.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from kiosk.services import KioskServices
from ui.applicant_flow import ApplicantFlow
from ui.i18n import translate
from ui.problems import failure_message
from ui.screens.clerk import ClerkHomeScreen
from ui.screens.clerk_consent import AssistedConsentScreen
from ui.storage_access import StorageAccess

if TYPE_CHECKING:  # storage code is imported on the storage thread
    from kiosk.applications import Application
    from kiosk.staff import StaffAccount
    from kiosk.storage import KioskStorage


class ClerkAssistance(QObject):
    """Connects the clerk screen's application buttons to the applicant flow."""

    def __init__(
        self,
        session: Callable[[], StaffAccount | None],
        home_screen: ClerkHomeScreen,
        consent_screen: AssistedConsentScreen,
        services: KioskServices,
        storage: StorageAccess,
        applicant: ApplicantFlow,
        back_to_clerk: Callable[[], None],
        failed: Callable[[Exception], None],
    ) -> None:
        super().__init__()
        self._session = session
        self._home = home_screen
        self._consent = consent_screen
        self._clock = services.clock
        self._storage = storage
        self._applicant = applicant
        self._failed = failed
        home_screen.resume_requested.connect(self._resume)
        home_screen.assist_requested.connect(self._ask_consent)
        home_screen.correct_requested.connect(self._correct)
        consent_screen.agreed.connect(self._assist)
        consent_screen.declined.connect(back_to_clerk)

    def _resume(self, uuid: str) -> None:
        account = self._session()
        if account is not None:
            self._applicant.clerk_assisting = True  # a verified ID photo is shown to them
            self._storage.run(
                self._opener(uuid, account.actor, to_correct=False),
                self._applicant.resume,
                self._failed,
            )

    def _ask_consent(self) -> None:
        """Hand the screen to the applicant: may this clerk fill in with them?"""
        account = self._session()
        if account is not None:
            self._consent.ask(account.display_name, account.staff_id)
            self._applicant.show(self._consent)

    def _assist(self) -> None:
        """Consent given: the next application started is marked with this clerk's id."""
        account = self._session()
        if account is not None:
            self._applicant.assisted_by = account.staff_id
            self._applicant.clerk_assisting = True  # a verified ID photo is shown to them
            self._applicant.show(self._applicant.screens.start)

    def _correct(self, tracking_number: str) -> None:
        account = self._session()
        if account is None:
            return

        def find(storage: KioskStorage) -> Application | None:
            found = storage.applications.find_by_tracking_number(tracking_number)
            if found is None:
                return None
            return self._opener(found.uuid, account.actor, to_correct=True)(storage)

        self._storage.run(find, self._opened_for_correction, self._not_correctable)

    def _opener(
        self, uuid: str, actor: str, *, to_correct: bool
    ) -> Callable[[KioskStorage], Application]:
        clock = self._clock

        def open_application(storage: KioskStorage) -> Application:
            from kiosk.assisted import open_for_clerk

            return open_for_clerk(
                storage.db, storage.applications, uuid, actor, clock, to_correct=to_correct
            )

        return open_application

    def _opened_for_correction(self, application: Application | None) -> None:
        account = self._session()
        if application is None:
            self._home.show_correction_problem(
                translate("ClerkFlow", "No application with this tracking number is on this kiosk.")
            )
        elif account is not None:
            self._applicant.correct(application, account.actor)

    def _not_correctable(self, error: Exception) -> None:
        self._home.show_correction_problem(failure_message(error))
