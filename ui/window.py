"""The kiosk's one window: a stack of screens under an idle overlay.

Full screen on the kiosk, a plain window with `--windowed` for development.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from ui.inactivity import IdleOverlay
from ui.screens.base import Screen

AnyScreen = TypeVar("AnyScreen", bound=Screen)


class KioskWindow(QWidget):
    """Holds every screen; exactly one is visible at a time."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("KioskWindow")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack)
        self.idle_overlay = IdleOverlay(self)

    def add_screen(self, screen: AnyScreen) -> AnyScreen:
        """Register a screen in the stack (which owns it from now on)."""
        self.stack.addWidget(screen)
        return screen

    def show_screen(self, screen: Screen) -> None:
        """Bring one screen to the front."""
        self.stack.setCurrentWidget(screen)

    def current_screen(self) -> QWidget | None:
        """The screen in front."""
        return self.stack.currentWidget()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.idle_overlay.setGeometry(self.rect())
        super().resizeEvent(event)
