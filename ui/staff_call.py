""" "Call staff": a quiet button on every applicant screen, and the call shown on the
clerk screen until a clerk clears it.

No sound and nothing flashing: the person asking may not want the room to
know. Every applicant screen then says that staff are called, so a clerk
passing by sees it, and the clerk screen shows when the call was made with
the button that clears it. Both the call and its answer are audited (see
:mod:`kiosk.staff_calls`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ui.answer_text import local_time_text
from ui.i18n import translate
from ui.kiosk_parts import KioskParts
from ui.navigation import Navigator
from ui.screens.base import Screen
from ui.screens.clerk import ClerkHomeScreen

if TYPE_CHECKING:
    from kiosk.staff import StaffAccount
    from kiosk.storage import KioskStorage

log = logging.getLogger(__name__)


class StaffCallFlow(QObject):
    """Takes the applicant's call to the clerk screen and the clerk's answer back."""

    def __init__(
        self,
        screens: Sequence[Screen],
        home_screen: ClerkHomeScreen,
        navigator: Navigator,
        parts: KioskParts,
        session: Callable[[], StaffAccount | None],
    ) -> None:
        super().__init__()
        self._screens = tuple(screens)
        self._home = home_screen
        self._nav = navigator
        self._storage = parts.storage
        self._services = parts.services
        self._session = session
        self.called_at: datetime | None = None
        """When the call waiting for a clerk was made; None when none waits."""
        for screen in self._screens:
            screen.call_button.show()
            screen.call_staff_requested.connect(self.call)
        home_screen.staff_call_answered.connect(self.answer)

    def call(self) -> None:
        """The person at the kiosk asked for staff (once: a waiting call is not repeated)."""
        if self.called_at is not None:
            return
        clock = self._services.clock

        def record(storage: KioskStorage) -> datetime:
            from kiosk.staff_calls import call_staff

            return call_staff(storage.db, clock)

        self._storage.run(record, self._called)

    def _called(self, at: datetime) -> None:
        log.info("staff called from the kiosk")
        self.called_at = at
        self._show(called=True)
        zone = self._services.zone
        self._home.show_staff_call(
            lambda: translate(
                "StaffCallFlow", "Someone at the kiosk asked for staff at {time}."
            ).format(time=local_time_text(at, zone))
        )
        self._nav.announce(self._screens[0].call_button.text())

    def answer(self) -> None:
        """A signed-in clerk came to the person: clear the call, in their name."""
        account, called_at = self._session(), self.called_at
        if account is None or called_at is None:
            return
        clock = self._services.clock

        def record(storage: KioskStorage) -> None:
            from kiosk.staff_calls import answer_staff_call

            answer_staff_call(storage.db, called_at, account, clock)

        self._storage.run(record, lambda _: self._answered())

    def _answered(self) -> None:
        self.called_at = None
        self._show(called=False)
        self._home.show_staff_call(None)

    def _show(self, called: bool) -> None:
        for screen in self._screens:
            screen.call_button.set_called(called)
