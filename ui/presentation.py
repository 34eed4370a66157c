"""How the kiosk presents itself to the person in front of it: normal, or the
elderly and low-vision mode (larger text, longer time, screens read aloud),
in the standard or the high-contrast colours.

The choice is the applicant's and lasts for one visit: every reset returns
to the standard look.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from ui.theme import ELDERLY_SCALE, HIGH_CONTRAST_THEME, STANDARD_THEME, Look, apply_look

ELDERLY_TIME_FACTOR = 2
"""How much longer the kiosk waits before asking "are you still there?" in elderly mode."""


class Presentation(QObject):
    """The current look and reading-aloud preference, applied to the kiosk's window
    (its stylesheet) and the application (the font, which the window follows)."""

    changed = Signal()

    def __init__(self, app: QApplication, window: QWidget) -> None:
        super().__init__()
        self._app = app
        self._window = window
        self.look = Look()
        self.elderly = False
        apply_look(app, window, self.look)

    @property
    def high_contrast(self) -> bool:
        """Whether the high-contrast colours are in use."""
        return self.look.theme == HIGH_CONTRAST_THEME

    @property
    def reads_automatically(self) -> bool:
        """Whether each screen is read aloud as it appears (elderly mode)."""
        return self.elderly

    @property
    def time_factor(self) -> int:
        """Multiplier for the inactivity timeouts."""
        return ELDERLY_TIME_FACTOR if self.elderly else 1

    def set_elderly(self, on: bool) -> None:
        """Larger text, more time, screens read aloud; or back to normal."""
        self.elderly = on
        self._apply(self.look._replace(scale=ELDERLY_SCALE if on else 1.0))

    def set_high_contrast(self, on: bool) -> None:
        """White and yellow on black, or the standard colours."""
        self._apply(self.look._replace(theme=HIGH_CONTRAST_THEME if on else STANDARD_THEME))

    def reset(self) -> None:
        """The standard look for the next person."""
        self.elderly = False
        self._apply(Look())

    def _apply(self, look: Look) -> None:
        if look != self.look:
            apply_look(self._app, self._window, look, before=self.look)
            self.look = look
        self.changed.emit()
