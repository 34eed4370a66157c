"""Switching to a new kiosk version only when nobody is using the kiosk, then restarting.

A sync cycle that staged a new version (:mod:`sync.software_updates`) reports
it; the switch waits until the start screen is in front (no applicant's
session, no clerk's screen) — at once if it is, else at the next return to a
clean start (:attr:`ui.navigation.Navigator.reset_done`, after a receipt or
an inactivity reset). It points ``current`` at the new version, keeping the
running one for a rollback, and leaves the event loop with
:data:`kiosk.update_guard.RESTART_EXIT_CODE`; systemd starts the new version,
and the guard around that start (``update-guard.py``) rolls back if it never
shows its start screen.

The start screen of a version that runs from the versioned layout marks it
healthy once it is painted and its database is open (:func:`mark_running_healthy`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

from kiosk.update_guard import (
    InstallLayout,
    begin_trial,
    mark_healthy,
    running_version,
)
from ui.navigation import Navigator

log = logging.getLogger(__name__)


class SoftwareSwitch(QObject):
    """Holds a staged version until the kiosk is idle at its start screen."""

    def __init__(
        self, navigator: Navigator, layout: InstallLayout, restart: Callable[[], None]
    ) -> None:
        """``restart`` ends the program so that systemd starts the new version (the
        kiosk's: leave the event loop with ``RESTART_EXIT_CODE``)."""
        super().__init__(navigator)
        self._restart = restart
        self._navigator = navigator
        self._layout = layout
        self._staged: str | None = None
        navigator.reset_done.connect(self._switch_if_idle)

    @property
    def waiting(self) -> str | None:
        """The staged version waiting for an idle start screen, if any."""
        return self._staged

    def staged(self, version: str) -> None:
        """A sync cycle has ``version`` unpacked and verified: switch when idle."""
        if self._staged != version:
            log.info("kiosk version %s is ready; switching when the start screen is idle", version)
        self._staged = version
        self._switch_if_idle()

    def _switch_if_idle(self) -> None:
        version = self._staged
        if version is None or self._navigator.current_screen() is not self._navigator.start:
            return
        try:
            begin_trial(self._layout, version)
        except OSError as error:  # the old version keeps running; the next cycle says more
            log.error("could not switch to kiosk version %s: %s", version, error)
            self._staged = None
            return
        log.info("switched to kiosk version %s; restarting on it", version)
        self._staged = None
        self._restart()


def mark_running_healthy(layout: InstallLayout) -> None:
    """Tell the update guard this version reached its start screen with its database open."""
    version = running_version(layout)
    if version is None or not layout.managed():
        return
    try:
        mark_healthy(layout, version)
    except OSError as error:  # a guard that never sees the marker rolls back: say why
        log.error("could not record that kiosk version %s started well: %s", version, error)
