"""The applicant's and the clerk's ways through the kiosk as issue 14's "Touch
first" list asks for them, driven by taps at widget coordinates on the real
screens."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import DataPaths
from tests.ui.conftest import KioskFactory, settle_kiosk
from ui.app import Kiosk
from ui.screenshots import TOUR_CONFIG
from ui.walkthrough import Walkthrough

SERVICE = "minimum-living-allowance"


@pytest.fixture
def kiosk(start_kiosk: KioskFactory, data_dir: Path) -> Kiosk:
    """A kiosk offering Chinese, English and Uyghur, as the demo does."""
    DataPaths(data_dir).config.write_text(TOUR_CONFIG, encoding="utf-8")
    return start_kiosk(data_dir)


def tap(widget: QWidget) -> None:
    """A finger on the middle of a widget, through the window system's mouse events."""
    assert widget.isVisible(), f"{widget} is not on screen"
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def top_in_window(widget: QWidget) -> int:
    """Where a widget starts, counted from the top of its window."""
    return widget.mapTo(widget.window(), widget.rect().topLeft()).y()


def test_the_confirmation_stays_90_seconds_from_the_last_touch_documents_first(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot
) -> None:
    tracking_number = walk.complete(SERVICE, "en")
    confirmation = kiosk.applicant.screens.confirmation
    assert kiosk.window.current_screen() is confirmation
    assert confirmation.tracking_number.text() == tracking_number
    assert "90 seconds" in confirmation.countdown.text()

    # What to bring comes before the (optional) rating, and nothing scrolls
    # inside the screen's own scrolling body.
    assert confirmation.documents.isVisible() and confirmation.documents.text()
    assert top_in_window(confirmation.documents) < top_in_window(confirmation.rating_caption)
    assert confirmation.findChildren(QScrollArea) == [confirmation.body_scroll]

    for _ in range(80):
        confirmation.countdown_timer.timeout.emit()
    assert "10 seconds" in confirmation.countdown.text()
    tap(confirmation.tracking_number)  # still copying the number down
    assert "90 seconds" in confirmation.countdown.text()
    for _ in range(89):
        confirmation.countdown_timer.timeout.emit()
    assert kiosk.window.current_screen() is confirmation
    confirmation.countdown_timer.timeout.emit()
    settle_kiosk(qtbot, kiosk)
    assert kiosk.window.current_screen() is kiosk.applicant.screens.start
    # Gone back to the start, later touches are nobody's business of this screen.
    assert not confirmation.countdown_timer.isActive()
