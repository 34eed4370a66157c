"""The kiosk's one window: a stack of screens under an idle overlay, and a line
below them for failures that no screen explains itself.

Full screen on the kiosk, a plain window with `--windowed` for development.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from ui.inactivity import IdleOverlay
from ui.screens.base import Screen, wrapped_label

FAILURE_SHOWN_MS = 20_000
"""How long a failure stays below the screens: long enough to read it twice."""

AnyScreen = TypeVar("AnyScreen", bound=Screen)


class KioskWindow(QWidget):
    """Holds every screen; exactly one is visible at a time."""

    def __init__(self, flags: Qt.WindowType | None = None) -> None:
        """`flags`: the window's flags from the start (the locked-down kiosk's)."""
        if flags is None:
            super().__init__()
        else:
            super().__init__(None, flags)
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
        self.idle_overlay = IdleOverlay(self)

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
        self.idle_overlay.setGeometry(self.rect())
        super().resizeEvent(event)
