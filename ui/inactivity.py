"""Inactivity: after a quiet spell, ask "Are you still there?" with a visible
countdown, then hand control back so the flow can reset to the start.

Any touch, click or key press anywhere in the application restarts the wait.
Both waits are plain QTimers, public so that tests can make them run out
(emit their `timeout`) instead of waiting on the wall clock.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.screens.base import wrapped_label
from ui.theme import TextRole
from ui.widgets.base import TranslatableWidget

ACTIVITY_EVENT_NAMES = ("MouseButtonPress", "KeyPress", "TouchBegin", "Wheel")


class InactivityGuard(QObject):
    """Watches for input; emits `idle` after `idle_seconds` without any."""

    idle = Signal()

    def __init__(self, app: QApplication, idle_seconds: int) -> None:
        super().__init__(app)
        self.quiet_timer = QTimer(self)
        """Runs while someone is using the kiosk; restarted by every input."""
        self.quiet_timer.setSingleShot(True)
        self.quiet_timer.setInterval(idle_seconds * 1000)
        self.quiet_timer.timeout.connect(self.idle)
        self._app = app
        self._activity: frozenset[QEvent.Type] = frozenset()
        self._armed = False

    def idle_seconds(self) -> int:
        """How long a quiet spell lasts now."""
        return self.quiet_timer.interval() // 1000

    def set_idle_seconds(self, seconds: int) -> None:
        """Change how long a quiet spell lasts (elderly mode gives more time)."""
        self.quiet_timer.setInterval(seconds * 1000)
        if self._armed:
            self.quiet_timer.start()

    def arm(self) -> None:
        """Start watching (someone is using the kiosk)."""
        if not self._armed:
            # Watching costs a little on every event, and the first look at an
            # event type builds Python's table of them: the start screen has
            # nothing to protect, so the filter is only there while armed.
            if not self._activity:
                self._activity = frozenset(
                    getattr(QEvent.Type, name) for name in ACTIVITY_EVENT_NAMES
                )
            self._app.installEventFilter(self)
            self._armed = True
        self.quiet_timer.start()

    def disarm(self) -> None:
        """Stop watching (the start screen holds nothing to protect)."""
        if self._armed:
            self._app.removeEventFilter(self)
            self._armed = False
        self.quiet_timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._activity:
            self.quiet_timer.start()
        return False


class IdleOverlay(TranslatableWidget):
    """Covers the window with a countdown; a tap anywhere means "still here"."""

    still_here = Signal()
    timed_out = Signal()

    def __init__(self, parent: QWidget) -> None:
        # Here, not at the top: the guard above is made right after the first paint, and
        # the first use of `Qt` builds its 93 enum types (ui.qt_names) in one piece.
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.setObjectName("IdleOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        layout = QVBoxLayout(self)
        panel = QFrame()
        panel.setObjectName("IdlePanel")
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(48, 48, 48, 48)
        self.question = wrapped_label("title", TextRole.TITLE)
        self.seconds = wrapped_label("countdown", TextRole.COUNTDOWN)
        self.seconds.setWordWrap(False)  # a number: wrapping would only misjudge its height
        self.hint = wrapped_label("help")
        for label in (self.question, self.seconds, self.hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            inner.addWidget(label)
        # The panel takes the middle half of the width (not just what it asks
        # for), so its wrapped lines get the height they need in any language.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel, 2)
        row.addStretch(1)
        layout.addStretch()
        layout.addLayout(row)
        layout.addStretch()
        self._left = 0
        self.second_timer = QTimer(self)
        """Ticks once a second while the countdown shows."""
        self.second_timer.setInterval(1000)
        self.second_timer.timeout.connect(self._tick)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.question.setText(translate("IdleOverlay", "Are you still there?"))
        self.hint.setText(translate("IdleOverlay", "Tap anywhere to continue."))

    def start(self, seconds: int) -> None:
        """Cover the window and count down from `seconds`."""
        self._left = seconds
        self.seconds.setText(str(seconds))
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        # The countdown must be seen: the on-screen keyboard would cover its lower half.
        QGuiApplication.inputMethod().hide()
        self.second_timer.start()

    def dismiss(self) -> None:
        """Hide without a decision (used on reset)."""
        self.second_timer.stop()
        self.hide()

    def mousePressEvent(self, event: object) -> None:
        self.dismiss()
        self.still_here.emit()

    def _tick(self) -> None:
        self._left -= 1
        self.seconds.setText(str(max(self._left, 0)))
        if self._left <= 0:
            self.dismiss()
            self.timed_out.emit()
