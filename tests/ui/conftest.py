"""Fixtures for driving the real kiosk window offscreen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.audit import AuditEntry, entries
from kiosk.clock import FixedClock
from kiosk.config import DataPaths
from kiosk.services import load_services
from kiosk.store import connect, open_database
from ui.app import KIOSK_WINDOW_SIZE, Kiosk, build_kiosk
from ui.operations import Operations
from ui.screen_tour import (
    TOUR_CLERK_ID,
    TOUR_CLERK_PIN,
    TOUR_SUPERVISOR_ID,
    TOUR_SUPERVISOR_PIN,
    add_tour_staff,
)
from ui.screenshots import LAYOUT_PASSES
from ui.walkthrough import Walkthrough

CLERK_ID, CLERK_PIN = TOUR_CLERK_ID, TOUR_CLERK_PIN  # the screen tour signs in as them too
SUPERVISOR_ID, SUPERVISOR_PIN = TOUR_SUPERVISOR_ID, TOUR_SUPERVISOR_PIN
TEST_TIME = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def delete_earlier_tests_widgets() -> None:
    """Delete what earlier tests left for deletion before this one starts.

    pytest-qt closes a test's windows with ``deleteLater``, but outside a running
    event loop nothing delivers those deletions: in one process running every
    UI test, the windows of a hundred finished kiosks stayed alive, and each
    application-wide restyle (high contrast, large text) re-polished all of
    them. That is work no kiosk does (it has one window) and it once ended in a
    crash inside ``QApplication.setStyleSheet``.
    """
    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class KioskFactory(Protocol):
    """Starts a kiosk on a data directory (optionally with a speech engine)."""

    def __call__(self, directory: Path, speech_engine: str | None = None) -> Kiosk: ...


@pytest.fixture
def clock() -> FixedClock:
    """The time every kiosk in a test sees."""
    return FixedClock(TEST_TIME)


@pytest.fixture
def shown_failures() -> list[str]:
    """The failure messages shown to the person by `operations`' visible default."""
    return []


@pytest.fixture
def operations(shown_failures: list[str]) -> Iterator[Operations]:
    """Lanes of background work for a screen or runner tested on its own."""
    made = Operations(shown_failures.append)
    yield made
    made.shut_down()


@pytest.fixture
def data_dir(tmp_path: Path, clock: FixedClock) -> Path:
    """A kiosk data directory with a clerk and a supervisor account."""
    directory = tmp_path / "kiosk-data"
    opened = open_database(DataPaths(directory).database, clock=clock)
    add_tour_staff(opened.db, clock)
    opened.db.conn.close()
    return directory


def audit_entries(directory: Path) -> list[AuditEntry]:
    """The audit log of a kiosk's data directory, read on a connection of the test's own."""
    db = connect(DataPaths(directory).database)
    try:
        return entries(db)
    finally:
        db.close()


def open_sign_in(kiosk: Kiosk, qtbot: QtBot) -> None:
    """From the start screen in English (so messages can be read in tests) to the sign-in."""
    kiosk.applicant.screens.start.language_buttons["en"].click()
    kiosk.applicant.screens.start.clerk_button.click()
    settle_kiosk(qtbot, kiosk)


def sign_in(kiosk: Kiosk, qtbot: QtBot, staff_id: str, pin: str) -> None:
    """Type a staff number and PIN on the sign-in screen and tap "Sign in"."""
    screen = kiosk.clerk.pin_screen
    screen.staff_input.setText(staff_id)
    screen.pin_input.setText(pin)
    screen.sign_in_button.click()
    settle_kiosk(qtbot, kiosk)


def settle_kiosk(qtbot: QtBot, kiosk: Kiosk) -> None:
    """Wait until every screen is built, every queued storage operation has
    reported back and the screens have been laid out.

    A bound on the wait, not a speed target: building every screen took over 10 s
    on a loaded machine (load 25 on 2 cores)."""
    qtbot.waitUntil(lambda: kiosk.built and kiosk.operations.pending() == 0, timeout=30_000)
    for _ in range(LAYOUT_PASSES):
        QApplication.processEvents()


@pytest.fixture
def start_kiosk(qtbot: QtBot, clock: FixedClock) -> Iterator[KioskFactory]:
    """Build kiosks on data directories; each is shut down at the end of the test."""
    started: list[Kiosk] = []

    def start(directory: Path, speech_engine: str | None = None) -> Kiosk:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        kiosk = build_kiosk(app, load_services(directory, clock), speech_engine)
        qtbot.addWidget(kiosk.window)
        kiosk.window.resize(*KIOSK_WINDOW_SIZE)
        kiosk.window.show()
        settle_kiosk(qtbot, kiosk)
        started.append(kiosk)
        return kiosk

    yield start
    for kiosk in started:
        kiosk.shut_down()


@pytest.fixture
def kiosk(start_kiosk: KioskFactory, data_dir: Path) -> Kiosk:
    """A kiosk on a fresh data directory."""
    return start_kiosk(data_dir)


@pytest.fixture
def walk(kiosk: Kiosk, qtbot: QtBot) -> Walkthrough:
    """Drives `kiosk` like a person."""
    return Walkthrough(kiosk, lambda: settle_kiosk(qtbot, kiosk))
