"""What a signed-in clerk does with applicants' applications: resume a draft,
fill in with an applicant who consented, correct one not yet sent.

Split from the session handling in :mod:`ui.clerk_flow`, which owns who is
signed in; every action here is recorded under that person's id and does
nothing once the session has ended. What is handed to the applicant's flow
goes through :class:`ApplicantDesk`, the three things a clerk may hand over.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject

from ui.i18n import translate
from ui.kiosk_parts import KioskParts
from ui.navigation import Navigator
from ui.problems import failure_message
from ui.screens.clerk import ClerkHomeScreen
from ui.screens.clerk_consent import AssistedConsentScreen

if TYPE_CHECKING:  # storage code is imported on the storage lane
    from kiosk.applications import Application
    from kiosk.staff import StaffAccount
    from kiosk.storage import KioskStorage


class ApplicantDesk(Protocol):
    """What a clerk hands to the applicant's flow (:class:`ui.applicant_flow.ApplicantFlow`)."""

    def resume(self, application: Application) -> None:
        """Continue a draft with the applicant."""

    def correct(self, application: Application, actor: str) -> None:
        """Open a submitted application for the clerk `actor` to correct."""

    def assist(self, staff_id: str, name: str) -> None:
        """Start at the service tiles, filling in with the applicant who consented
        (the start screen says that this clerk is helping)."""


class ClerkAssistance(QObject):
    """Connects the clerk screen's application buttons to the applicant flow."""

    def __init__(
        self,
        session: Callable[[], StaffAccount | None],
        home_screen: ClerkHomeScreen,
        consent_screen: AssistedConsentScreen,
        parts: KioskParts,
        navigator: Navigator,
        applicant: ApplicantDesk,
        back_to_clerk: Callable[[], None],
        failed: Callable[[Exception], None],
    ) -> None:
        super().__init__()
        self._session = session
        self._home = home_screen
        self._consent = consent_screen
        self._clock = parts.services.clock
        self._storage = parts.storage
        self._nav = navigator
        self._applicant = applicant
        self._failed = failed
        home_screen.resume_requested.connect(self._resume)
        home_screen.assist_requested.connect(self._ask_consent)
        home_screen.correct_requested.connect(self._correct)
        consent_screen.language_chosen.connect(navigator.choose_language)
        consent_screen.agreed.connect(self._assist)
        consent_screen.declined.connect(back_to_clerk)

    def _resume(self, uuid: str) -> None:
        account, clock = self._session(), self._clock
        if account is None:
            return

        def open_draft(storage: KioskStorage) -> Application:
            from kiosk.assisted import open_for_clerk

            return open_for_clerk(storage.db, storage.applications, uuid, account.actor, clock)

        self._storage.run(open_draft, self._applicant.resume, self._failed)

    def _ask_consent(self) -> None:
        """Hand the screen to the applicant: may this clerk fill in with them?"""
        account = self._session()
        if account is not None:
            self._consent.ask(account.display_name, account.staff_id)
            self._nav.show(self._consent)

    def _assist(self) -> None:
        """Consent given: the next application started is marked with this clerk's id."""
        account = self._session()
        if account is not None:
            self._applicant.assist(account.staff_id, account.display_name)

    def _correct(self, tracking_number: str) -> None:
        account, clock = self._session(), self._clock
        if account is None:
            return

        def find(storage: KioskStorage) -> Application | None:
            from kiosk.clerk_actions import open_for_correction

            return open_for_correction(storage, tracking_number, account.actor, clock)

        self._storage.run(find, self._opened_for_correction, self._not_correctable)

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
