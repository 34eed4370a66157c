"""Lock-down: a member of the public cannot leave the kiosk window.

Engaged for the full-screen kiosk (not with ``--windowed``): the window has
no frame or controls and stays on top, a close request (Alt+F4 through the
window manager, a stray ``xdotool``) is refused, and the shortcuts Qt sees
that would close or switch away (Alt+F4, Ctrl+Q, Ctrl+W, Escape, Alt+Tab, the
Super key) are swallowed. Only :meth:`LockDown.release`, called when a
supervisor or administrator quits from the clerk screen, lets it close.

What Qt never sees cannot be stopped here: Ctrl+Alt+F1..F12 (virtual
terminals) and Magic SysRq are handled by the kernel and the X server, and
Alt+Tab by most window managers. README "Lock-down" says how to switch those
off at the operating-system level.
"""

from __future__ import annotations

import logging
from functools import cache, reduce
from operator import or_
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from ui.qt_names import set_enum_property

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

log = logging.getLogger(__name__)

LOCKED_WINDOW_FLAGS = "FramelessWindowHint|WindowStaysOnTopHint"
"""No frame or controls, above every other window (named: see ui.qt_names)."""

_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)


@cache
def blocked_keys() -> frozenset[tuple[Qt.Key, Qt.KeyboardModifier | None]]:
    """Key and the modifier that must be held with it (None: with or without any)."""
    from PySide6.QtCore import Qt

    ctrl = Qt.KeyboardModifier.ControlModifier
    alt = Qt.KeyboardModifier.AltModifier
    return frozenset(
        {
            (Qt.Key.Key_F4, alt),
            (Qt.Key.Key_Tab, alt),
            (Qt.Key.Key_Backtab, alt),
            (Qt.Key.Key_Q, ctrl),
            (Qt.Key.Key_W, ctrl),
            (Qt.Key.Key_Escape, None),
            (Qt.Key.Key_Meta, None),
            (Qt.Key.Key_Super_L, None),
            (Qt.Key.Key_Super_R, None),
        }
    )


def locked_window_flags() -> Qt.WindowType:
    """`LOCKED_WINDOW_FLAGS` as Qt's enum."""
    from PySide6.QtCore import Qt

    return reduce(or_, (Qt.WindowType[name] for name in LOCKED_WINDOW_FLAGS.split("|")))


def is_blocked(event: QKeyEvent) -> bool:
    """Whether a key event is one of the shortcuts that would leave the kiosk."""
    from PySide6.QtCore import Qt

    key = Qt.Key(event.key())
    modifiers = event.modifiers()
    return any(
        blocked_key == key and (modifier is None or bool(modifiers & modifier))
        for blocked_key, modifier in blocked_keys()
    )


class LockDown(QObject):
    """Keeps the window full screen and shut against closing until released."""

    def __init__(self, app: QApplication, window: QWidget) -> None:
        super().__init__(window)
        self._app = app
        self._window = window
        self.engaged = False
        self._flags_given = False

    def give_flags(self) -> None:
        """Make the window, not shown yet, frameless and on top, without PySide's
        `Qt` namespace (ui.qt_names): its native window is made now and given the
        flags by name. The widget itself learns them in `watch_keys`.

        (The kiosk's start does this before the first paint; `setWindowFlags`
        later would also redo the style of every widget in the window.)
        """
        self._window.create()
        handle = self._window.windowHandle()
        set_enum_property(handle, "flags", f"Window|{LOCKED_WINDOW_FLAGS}")
        self._flags_given = True

    def engage(self, watch_keys_now: bool = True) -> None:
        """Frameless, on top, full screen; close requests and exit shortcuts refused.

        Close requests are refused from the start. The exit shortcuts are
        watched by a filter on every event of the application, which costs
        Python code per event; the kiosk's start passes `watch_keys_now=False`
        and calls `watch_keys` once the screens behind the start screen are
        built (Qt acts on none of those shortcuts by itself meanwhile; the
        window manager's Alt+F4 arrives as the close request already refused).
        """
        if not self._flags_given:
            flags, locked = self._window.windowFlags(), locked_window_flags()
            if flags & locked != locked:
                self._window.setWindowFlags(flags | locked)
        self._window.installEventFilter(self)
        self.engaged = True
        if watch_keys_now:
            self.watch_keys()
        self._window.showFullScreen()

    def watch_keys(self) -> None:
        """Swallow the exit shortcuts anywhere in the application (while engaged)."""
        if self.engaged:
            if self._flags_given:
                # What `give_flags` told the native window, without telling it again.
                self._window.overrideWindowFlags(self._window.windowHandle().flags())
            self._app.installEventFilter(self)

    def release(self) -> None:
        """Let the window close (a supervisor or administrator is quitting)."""
        if self.engaged:
            self._app.removeEventFilter(self)
            self._window.removeEventFilter(self)
            self.engaged = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and watched is self._window:
            log.warning("a request to close the kiosk window was refused (locked down)")
            event.ignore()
            return True
        return event.type() in _KEY_EVENTS and isinstance(event, QKeyEvent) and is_blocked(event)
