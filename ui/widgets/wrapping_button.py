"""A large button whose text wraps onto several lines instead of being cut off.

Qt's push button draws its text on one line (or the lines given with "\\n").
Service names, answer choices and review rows in Uyghur or in large text do
not fit one line; this button lays its text out in a word-wrapped label and
grows in height to show all of it.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRect, QRectF, QSize
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy

from ui.qt_names import set_enum_property
from ui.theme import MIN_TOUCH_TARGET_PX

TEXT_MARGINS = (20, 10, 20, 10)

MAX_NATURAL_WIDTH = 520
"""Widest a button asks to be for its text; anything longer wraps."""

CENTRED = "AlignCenter"
"""The text in the middle of the button (alignments are named: see ui.qt_names)."""

LEADING = "AlignLeading|AlignVCenter"
"""Text at the start of the line: left in left-to-right languages, right in Uyghur."""


MARK_SIZE = 28
"""Side of the radio or check mark drawn on a choice button, in pixels."""

MARK_ROOM = MARK_SIZE + 20
"""Room the mark takes at the start of the button, before the text."""


class Mark(Enum):
    """What a choice button shows before its text: one of several, or any of several."""

    NONE = "none"
    RADIO = "radio"
    """A circle, filled when chosen: choosing it takes the others away."""
    CHECK = "check"
    """A square, ticked when chosen: others may be chosen too."""


class WrappingButton(QPushButton):
    """A push button with word-wrapped text; `text()`/`setText()` work as usual."""

    def __init__(self, text: str = "", alignment: str = CENTRED) -> None:
        """`alignment`: of the text, as Qt names it (`CENTRED`, `LEADING`)."""
        super().__init__()
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        set_enum_property(self.label, "textFormat", "PlainText")
        set_enum_property(self.label, "alignment", alignment)
        self.label.setProperty("on", False)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
        # May be narrower than its one-line text: that is what wrapping is for.
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        self.setSizePolicy(policy)
        self.toggled.connect(self._show_checked)
        self.mark = Mark.NONE
        self.setText(text)

    def set_mark(self, mark: Mark) -> None:
        """Draw a radio or check mark before the text (choice buttons)."""
        self.mark = mark
        self.label.setGeometry(self._text_rect())
        self.updateGeometry()
        self.update()

    def setText(self, text: str) -> None:
        """Show `text`, wrapped; screen readers get it as the button's name."""
        self.label.setText(text)
        self.setAccessibleName(text)
        # Placed now too: a button whose size does not change gets no resize event,
        # and its label would keep the place (possibly none) it had before.
        self.label.setGeometry(self._text_rect())
        self.updateGeometry()

    def text(self) -> str:
        """The button's text as given to `setText`."""
        return self.label.text()

    def hasHeightForWidth(self) -> bool:
        return True

    def _margins(self) -> tuple[int, int, int, int]:
        left, top, right, bottom = TEXT_MARGINS
        return (left + (0 if self.mark is Mark.NONE else MARK_ROOM), top, right, bottom)

    def heightForWidth(self, width: int) -> int:
        left, top, right, bottom = self._margins()
        text_height = self.label.heightForWidth(max(width - left - right, 1))
        return max(MIN_TOUCH_TARGET_PX, text_height + top + bottom)

    def sizeHint(self) -> QSize:
        # Longer texts ask for no more than MAX_NATURAL_WIDTH and wrap; in a
        # row of buttons that leaves room for the others (Qt squeezes every
        # button in a row, even fixed ones, once the row asks for too much).
        left, _, right, _ = self._margins()
        natural = min(self.label.sizeHint().width(), MAX_NATURAL_WIDTH)
        # Never narrower than the longest word (a wrapped label's hint can be).
        width = max(natural, self.label.minimumSizeHint().width()) + left + right
        return QSize(width, self.heightForWidth(width)).expandedTo(self.minimumSize())

    def minimumSizeHint(self) -> QSize:
        # Never narrower than the longest word, which cannot wrap.
        left, top, right, bottom = self._margins()
        word = self.label.minimumSizeHint()
        return QSize(word.width() + left + right, word.height() + top + bottom).expandedTo(
            self.minimumSize()
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Rows of buttons do not ask their items for height-for-width, so a
        # button that had to wrap asks for the height its lines need itself;
        # the label is placed here rather than by a layout, which would lag
        # one layout pass behind that change.
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)
        self.label.setGeometry(self._text_rect())

    def _text_rect(self) -> QRect:
        left, top, right, bottom = self._margins()
        if not self.isLeftToRight():
            left, right = right, left
        return self.rect().adjusted(left, top, -right, -bottom)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # The label hands on the presses it gets (a plain-text QLabel ignores them,
        # so Qt passes them to this button); from the first one on, they come here
        # directly. Not set when the button is made: naming the attribute builds
        # PySide's whole `Qt` namespace, which the first screen does not wait for
        # (see ui.qt_names).
        from PySide6.QtCore import Qt

        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.mark is not Mark.NONE:
            self._paint_mark()

    def _paint_mark(self) -> None:
        # In the text's colour (which follows the state and the theme), at the start side.
        colour = self.label.palette().windowText().color()
        start = TEXT_MARGINS[0]
        x = start if self.isLeftToRight() else self.width() - start - MARK_SIZE
        box = QRectF(x, (self.height() - MARK_SIZE) / 2, MARK_SIZE, MARK_SIZE)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colour, 3))
        chosen = self.isChecked()
        if self.mark is Mark.RADIO:
            painter.drawEllipse(box)
            if chosen:
                painter.setBrush(colour)
                painter.drawEllipse(box.adjusted(7, 7, -7, -7))
        else:
            painter.drawRoundedRect(box, 4, 4)
            if chosen:
                painter.setPen(QPen(colour, 4))
                painter.drawPolyline(
                    [
                        box.topLeft() + QPointF(6, 15),
                        box.topLeft() + QPointF(12, 21),
                        box.topLeft() + QPointF(23, 7),
                    ]
                )
        painter.end()

    def checkStateSet(self) -> None:
        # Called by every setChecked, also one made with signals blocked (the start
        # screen's toggles after a reset), which `toggled` would not report: the
        # label must not keep the colour of "on" (white on white in high contrast).
        super().checkStateSet()
        self._show_checked(self.isChecked())

    def _show_checked(self, on: bool) -> None:
        # Stylesheets cannot colour a child by its parent's state, so the
        # label carries the state itself.
        if self.label.property("on") == on:
            return  # (every setChecked comes here, also one that changes nothing)
        self.label.setProperty("on", on)
        # Polished anew, as Qt does when a widget is first shown. (Not with
        # `style().polish(label)`: matching its arguments to that method's overloads
        # builds PySide's whole `Qt` namespace, see ui.qt_names.)
        QCoreApplication.sendEvent(self.label, QEvent(QEvent.Type.Polish))
        self.updateGeometry()  # bold text when on is wider
