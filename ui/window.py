"""The kiosk's one window: a stack of screens under an idle overlay, and a line
below them for failures that no screen explains itself.

Full screen on the kiosk, a plain window with `--windowed` for development.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from ui.screens.base import Screen, wrapped_label

if TYPE_CHECKING:
    from ui.inactivity import IdleOverlay

FAILURE_SHOWN_MS = 20_000
"""How long a failure stays below the screens: long enough to read it twice."""

AnyScreen = TypeVar("AnyScreen", bound=Screen)


class KioskWindow(QWidget):
    """Holds every screen; exactly one is visible at a time."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("KioskWindow")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.failure = wrapped_label("problem")
        self.failure.hide()
        layout.addWidget(self.failure)
        self._failure_timer = QTimer(self)
        self._failure_timer.setSingleShot(True)
        self._failure_timer.setInterval(FAILURE_SHOWN_MS)
        self._failure_timer.timeout.connect(self.failure.hide)

    @cached_property
    def idle_overlay(self) -> IdleOverlay:
        """The countdown that covers the window when nobody has touched it for a while;
        made when the flows first need it, after the start screen is painted."""
        from ui.inactivity import IdleOverlay

        overlay = IdleOverlay(self)
        overlay.setGeometry(self.rect())
        return overlay

    def add_screen(self, screen: AnyScreen) -> AnyScreen:
        """Register a screen in the stack (which owns it from now on)."""
        self.stack.addWidget(screen)
        return screen

    def show_screen(self, screen: Screen) -> None:
        """Bring one screen to the front."""
        self.stack.setCurrentWidget(screen)

    def show_failure(self, message: str) -> None:
        """Show a failure that no screen handles itself (the background lanes'
        default), below whatever screen is in front, for a while."""
        self.failure.setText(message)
        self.failure.show()
        self._failure_timer.start()

    def current_screen(self) -> QWidget | None:
        """The screen in front."""
        return self.stack.currentWidget()

    def resizeEvent(self, event: QResizeEvent) -> None:
        if "idle_overlay" in self.__dict__:  # (made by now)
            self.idle_overlay.setGeometry(self.rect())
        super().resizeEvent(event)
