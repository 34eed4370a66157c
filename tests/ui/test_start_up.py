"""The start screen is usable before the screens behind it are built."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.clock import FixedClock
from kiosk.services import load_services
from tests.ui.conftest import settle_kiosk
from ui.app import KIOSK_WINDOW_SIZE, Kiosk, build_shell


def started_without_events(data_dir: Path, clock: FixedClock, qtbot: QtBot) -> Kiosk:
    """A kiosk right after `complete()`, before its event loop has run once."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    shell = build_shell(app, load_services(data_dir, clock))
    qtbot.addWidget(shell.window)
    shell.window.resize(*KIOSK_WINDOW_SIZE)
    shell.window.show()
    return shell.complete()


def test_the_screens_behind_the_start_screen_are_built_when_the_kiosk_is_idle(
    data_dir: Path, clock: FixedClock, qtbot: QtBot
) -> None:
    kiosk = started_without_events(data_dir, clock, qtbot)
    try:
        assert kiosk.window.stack.count() == 1  # only the start screen so far
        settle_kiosk(qtbot, kiosk)
        assert kiosk.window.stack.count() > 1
    finally:
        kiosk.shut_down()


def test_a_tile_tapped_before_the_flows_exist_starts_the_service(
    data_dir: Path, clock: FixedClock, qtbot: QtBot
) -> None:
    kiosk = started_without_events(data_dir, clock, qtbot)
    try:
        tile = kiosk.start.service_tiles["rural-pension-enrolment"]
        tile.click()

        assert kiosk.window.current_screen() is kiosk.applicant.screens.identify
        session = kiosk.applicant.session
        assert session is not None and session.form.id == "rural-pension-enrolment"
    finally:
        kiosk.shut_down()


def test_a_toggle_tapped_before_the_flows_exist_takes_effect_once(
    data_dir: Path, clock: FixedClock, qtbot: QtBot
) -> None:
    kiosk = started_without_events(data_dir, clock, qtbot)
    try:
        kiosk.start.contrast_button.click()

        assert kiosk.parts.presentation.high_contrast
        assert kiosk.start.contrast_button.isChecked()
        settle_kiosk(qtbot, kiosk)
        assert kiosk.parts.presentation.high_contrast
    finally:
        kiosk.shut_down()
