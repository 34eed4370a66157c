"""The enrolment screen's flow: offered to administrators of a kiosk not enrolled yet.

An administrator signing in on a kiosk that expects a central platform
(``central_url`` is set) but holds no credential is taken straight to the
enrolment screen; on any kiosk not enrolled, the clerk screen offers it to
administrators. The enrolment itself runs on the storage thread (it writes
the credential, the settings digest and the audit entries there), and once
it succeeded the kiosk's one sync runner takes the new address and starts (on
a kiosk that had no central platform it was idle until now), so every flow
wired to it sees the enrolment without a restart.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from kiosk.staff import StaffAccount
    from kiosk.storage import KioskStorage
    from sync.sync_settings import Enrolment
    from ui.kiosk_parts import KioskParts
    from ui.navigation import Navigator
    from ui.screens.clerk import ClerkHomeScreen
    from ui.screens.enrolment import EnrolmentScreen

log = logging.getLogger(__name__)


class EnrolmentFlow(QObject):
    """Shows the enrolment screen to administrators and carries out the enrolment.

    The screen is made when it is first shown (`make_screen`): most kiosks are
    enrolled once and never show it again, and its module brings the central
    platform's client (HTTP, validation) that the rest of the kiosk loads only
    on its sync thread.
    """

    def __init__(
        self,
        make_screen: Callable[[], EnrolmentScreen],
        home_screen: ClerkHomeScreen,
        navigator: Navigator,
        parts: KioskParts,
        session: Callable[[], StaffAccount | None],
        back_to_clerk: Callable[[], None],
    ) -> None:
        super().__init__()
        self._make_screen = make_screen
        self._screen: EnrolmentScreen | None = None
        self._home_screen = home_screen
        self._nav = navigator
        self._parts = parts
        services = self._services = parts.services
        self._storage = parts.storage
        self._session = session
        self._back_to_clerk = back_to_clerk
        self._central_url = services.config.central_url
        self._opened_for: str | None = None
        """The administrator the screen was opened for unasked, so it happens once a session."""
        home_screen.enrol_requested.connect(self.open)
        navigator.reset_done.connect(self._forget_session)

    @property
    def screen(self) -> EnrolmentScreen:
        """The enrolment screen, made (and joined to the window) the first time it is needed."""
        if self._screen is None:
            screen = self._screen = self._make_screen()
            screen.enrol_requested.connect(self._enrol)
            screen.drives_requested.connect(self._list_ca_files)
            screen.back_requested.connect(self._back_to_clerk)
            screen.done_requested.connect(self._back_to_clerk)
            screen.read_aloud_requested.connect(self._nav.read_aloud)
        return self._screen

    def screen_made(self) -> bool:
        """Whether the enrolment screen exists yet (it is made when first shown)."""
        return self._screen is not None

    def offer(self, account: StaffAccount) -> None:
        """The clerk screen is shown to `account`: offer enrolment if it is theirs to do."""
        from kiosk.staff import Role

        self._home_screen.offer_enrolment(False)
        if account.role is not Role.ADMINISTRATOR:
            return

        def enrolled(storage: KioskStorage) -> bool:
            from sync.enrolment_setup import is_enrolled

            return is_enrolled(storage.db)

        self._storage.run(enrolled, lambda done: self._offer_to(account, done))

    def _offer_to(self, account: StaffAccount, enrolled: bool) -> None:
        if enrolled or self._session() is not account:
            return  # enrolled, or the session ended or changed while the database was read
        self._home_screen.offer_enrolment(True)
        if self._central_url and self._opened_for != account.staff_id:
            self._opened_for = account.staff_id
            self.open()

    def open(self) -> None:
        """Show the enrolment screen, the configured address filled in."""
        self.screen.start(self._central_url)
        self._nav.show(self.screen)
        self._list_ca_files()

    def _list_ca_files(self) -> None:
        from kiosk.removable_drives import find_removable_drive
        from sync.enrolment_setup import ca_files_on

        patterns = self._services.config.usb_mount_patterns
        self._storage.run(
            lambda _: ca_files_on(find_removable_drive(patterns)), self.screen.show_ca_files
        )

    def _enrol(self, address: str, code: str, ca_file: Path | None) -> None:
        from kiosk.staff import Role

        account = self._session()
        if account is None or account.role is not Role.ADMINISTRATOR:
            return  # the session ended (timeout) while the screen was up
        services = self._services

        def enrol(storage: KioskStorage) -> Enrolment:
            from sync.enrolment_setup import enrol_kiosk

            enrolment = enrol_kiosk(
                storage.db,
                services.paths,
                address,
                code,
                ca_file,
                services.clock,
                actor=account.actor,
            )
            # Applications from now on carry the code the platform takes them under.
            storage.applications.issue_as(enrolment.kiosk_code)
            return enrolment

        self.screen.show_busy()
        self._storage.run(enrol, self._enrolled, self._failed)

    def _enrolled(self, enrolment: Enrolment) -> None:
        from kiosk.config import load_config

        log.info("kiosk enrolled with the central platform as %s", enrolment.kiosk_code)
        config = load_config(self._services.paths.config)
        assert config.central_url is not None  # just written by the enrolment
        self._central_url = config.central_url
        bundle = Path(config.central_ca_bundle) if config.central_ca_bundle else None
        self._parts.sync.retarget(config.central_url, bundle)
        self.screen.show_enrolled(enrolment.kiosk_code)

    def shut_down(self) -> None:
        """Stop the screen's camera, if it was made (when the kiosk closes)."""
        if self._screen is not None:
            self._screen.shut_down()

    def _failed(self, error: Exception) -> None:
        from sync.enrolment_setup import EnrolmentFailed

        if isinstance(error, EnrolmentFailed):
            log.warning("enrolment failed: %s", error)
            self.screen.show_problem(error.problem)
        else:
            from ui.problems import failure_message

            self.screen.show_problem(None, failure_message(error))

    def _forget_session(self) -> None:
        self._opened_for = None
