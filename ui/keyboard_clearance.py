"""Keep the field being typed into above the on-screen keyboard.

The keyboard is a window of its own over the bottom of the screen. While it
is up, the kiosk window lays its screens out in the part the keyboard leaves
free (the window's bottom margin takes the keyboard's height), so the title,
the question and the Back and Next buttons stay in view, and the scroll area
holding the focused field scrolls it into view. The same works left to right
and right to left, in any text size: only heights are involved.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QPoint, QRect, QTimer
from PySide6.QtGui import QGuiApplication, QInputMethod
from PySide6.QtWidgets import QApplication, QLayout, QScrollArea, QWidget
from shiboken6 import isValid

log = logging.getLogger(__name__)

FIELD_MARGIN_PX = 16
"""Room left between the field and the keyboard's edge when scrolling it into view."""


def keyboard_rectangle_on_screen(input_method: QInputMethod) -> QRect:
    """Where the keyboard is, in screen coordinates; empty while it is hidden.

    Qt Virtual Keyboard's desktop panel covers the primary screen's available
    area and reports the keyboard within it.
    """
    if not input_method.isVisible():
        return QRect()
    rectangle = input_method.keyboardRectangle().toAlignedRect()
    if rectangle.isEmpty():
        return QRect()
    screen = QGuiApplication.primaryScreen()
    return rectangle.translated(screen.availableGeometry().topLeft())


def rectangle_on_screen(widget: QWidget) -> QRect:
    """A widget's rectangle in screen coordinates."""
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


class KeyboardClearance(QObject):
    """Gives the window's bottom to the keyboard while it is up, and scrolls to the field."""

    def __init__(self, window: QWidget, input_method: QInputMethod | None = None) -> None:
        super().__init__(window)
        self._window = window
        layout = window.layout()
        if layout is not None:
            # The window keeps the screen's size when the keyboard takes its
            # bottom, rather than growing to fit every screen's minimum.
            layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._tallest = 0
        self._input_method = input_method or QGuiApplication.inputMethod()
        self._input_method.keyboardRectangleChanged.connect(self._keyboard_moved)
        self._input_method.visibleChanged.connect(self._keyboard_moved)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def reserved_height(self) -> int:
        """The window's bottom kept for the keyboard: while it is up, the most it has
        covered, so that Pinyin's candidate bar coming and going above the keys does
        not move Back and Next under a finger about to tap them."""
        covered = self.covered_height()
        if covered == 0:
            return 0
        self._tallest = max(self._tallest, covered)
        return self._tallest

    def covered_height(self) -> int:
        """How much of the window's bottom the keyboard covers now."""
        keyboard = keyboard_rectangle_on_screen(self._input_method)
        window = rectangle_on_screen(self._window)
        if keyboard.isEmpty() or not keyboard.intersects(window):
            return 0
        return max(0, window.bottom() - keyboard.top() + 1)

    def _keyboard_moved(self) -> None:
        layout = self._window.layout()
        if layout is None:
            return
        covered = self.reserved_height()
        margins = layout.contentsMargins()
        if margins.bottom() != covered:
            margins.setBottom(covered)
            layout.setContentsMargins(margins)
            log.debug("keyboard covers %d px of the window", covered)
        self._reveal_focus_later()

    def _focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        self._reveal_focus_later()

    def _reveal_focus_later(self) -> None:
        # Once the layouts have taken the new height (they do on the next
        # pass of the event loop), the scroll areas know their new size.
        QTimer.singleShot(0, self.reveal_focus)

    def reveal_focus(self) -> None:
        """Scroll every scroll area around the focused field so the field shows."""
        if not isValid(self._window):
            return  # closed (the application outlives its windows in tests)
        field = QApplication.focusWidget()
        if field is None or not self._window.isAncestorOf(field):
            return
        ancestor = field.parentWidget()
        while ancestor is not None and ancestor is not self._window:
            if isinstance(ancestor, QScrollArea):
                ancestor.ensureWidgetVisible(field, FIELD_MARGIN_PX, FIELD_MARGIN_PX)
            ancestor = ancestor.parentWidget()
