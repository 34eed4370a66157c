"""The keyboard-wedge recogniser: an application-wide event filter for USB scanners.

Installed while the identify step is on screen, it sees every key before the
focused widget does. Keys that might be part of a scanner burst are held;
when the burst ends in Enter, `scanned` is emitted and none of it reaches the
field with focus. Held keys that turn out to be a person typing are sent on
to the focused widget, in order, after at most one burst gap.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from ui.scanning.bursts import BurstDetector, BurstRules

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class WedgeRecogniser(QObject):
    """Recognises scanner bursts anywhere in the application while installed."""

    scanned = Signal(str)

    def __init__(self, rules: BurstRules | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._detector = BurstDetector(rules or BurstRules())
        self._held_events: list[tuple[QWidget, QKeyEvent]] = []
        self._replaying = False
        self._installed = False
        self._release_timer = QTimer(self)
        self._release_timer.setSingleShot(True)
        self._release_timer.setInterval(self._detector.rules.max_gap_ms + 15)
        self._release_timer.timeout.connect(self._release)

    def install(self) -> None:
        """Start watching every key of the application."""
        app = QCoreApplication.instance()
        if not self._installed and app is not None:
            app.installEventFilter(self)
            self._installed = True

    def remove(self) -> None:
        """Stop watching; keys held so far are typed as usual."""
        app = QCoreApplication.instance()
        if self._installed and app is not None:
            app.removeEventFilter(self)
        self._installed = False
        self._release()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Hold, release or swallow key presses; everything else passes untouched."""
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(event, QKeyEvent) or event.isAutoRepeat():
            return False
        if not _first_receiver(watched):
            return False
        assert isinstance(watched, QWidget)
        return self._key_press(event, watched)

    def _key_press(self, event: QKeyEvent, receiver: QWidget) -> bool:
        at_ms = int(event.timestamp())
        if event.key() in _ENTER_KEYS and self._detector.holding:
            text = self._detector.enter(at_ms)
            if text is not None:
                self._held_events.clear()
                self._release_timer.stop()
                self.scanned.emit(text)
                return True
            self._release()
            return False
        char = event.text()
        if not char or not char.isprintable() or event.modifiers() & _COMMAND_MODIFIERS:
            self._release()
            return False
        released = self._detector.key(char, at_ms)
        self._replay(len(released))
        copy = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
        self._held_events.append((receiver, copy))
        self._release_timer.start()
        return True

    def _release(self) -> None:
        """Type every held key into the focused widget: the burst was a person."""
        self._release_timer.stop()
        self._replay(len(self._detector.release()))

    def _replay(self, count: int) -> None:
        events, self._held_events = self._held_events[:count], self._held_events[count:]
        self._replaying = True
        try:
            for receiver, held in events:
                if isValid(receiver):
                    QCoreApplication.sendEvent(receiver, held)
        finally:
            self._replaying = False


def _first_receiver(watched: QObject) -> bool:
    """Whether `watched` is the widget a key press goes to first.

    Qt offers an ignored key to each parent in turn, and the application's
    filter sees every offer; acting only on the first keeps a key from being
    held twice.
    """
    if not isinstance(watched, QWidget):
        return False
    focus = QApplication.focusWidget()
    return watched is focus if focus is not None else watched.isWindow()
