"""A pad to write Chinese characters with a finger, in the on-screen keyboard's place.

The person writes one character in the box; the recogniser (`kiosk.handwriting`)
offers the likeliest characters after every stroke, and a tap on one types it
into the field and clears the box for the next.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.handwriting import Point, Recognizer
from ui.i18n import translate
from ui.theme import set_role
from ui.widgets.base import TranslatableWidget
from ui.widgets.wrapping_button import WrappingButton

CANVAS_SIDE = 300
"""The writing box, in pixels: room for a finger's strokes, and below the keyboard's height."""

CANDIDATES_SHOWN = 8
CANDIDATE_COLUMNS = 4
INK_WIDTH = 10


class WritingBox(QWidget):
    """A square that records strokes (press, moves, lift) and draws them as ink."""

    stroke_written = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setFixedSize(QSize(CANVAS_SIDE, CANVAS_SIDE))
        self.strokes: list[list[Point]] = []
        self._writing = False
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)

    def clear(self) -> None:
        """Wipe the box for the next character."""
        self.strokes = []
        self._writing = False
        self.update()

    def _add(self, where: QPoint) -> None:
        self.strokes[-1].append((where.x(), where.y()))
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._writing = True
        self.strokes.append([])
        self._add(event.position().toPoint())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._writing:
            self._add(event.position().toPoint())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self._writing:
            return
        self._writing = False
        self._add(event.position().toPoint())
        event.accept()
        self.stroke_written.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = self.palette().windowText().color()
        painter.fillRect(self.rect(), self.palette().base())
        # A frame and a faint cross, as on the squared paper characters are learnt on.
        painter.setPen(QPen(ink, 3))
        painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        guide = QColor(ink)
        guide.setAlpha(60)
        painter.setPen(QPen(guide, 1, Qt.PenStyle.DashLine))
        middle = CANVAS_SIDE // 2
        painter.drawLine(middle, 0, middle, CANVAS_SIDE)
        painter.drawLine(0, middle, CANVAS_SIDE, middle)
        pen = QPen(ink, INK_WIDTH, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for stroke in self.strokes:
            path = QPainterPath()
            path.moveTo(*stroke[0])
            for x, y in stroke[1:]:
                path.lineTo(x, y)
            if len(stroke) == 1:
                path.lineTo(stroke[0][0] + 1, stroke[0][1])
            painter.drawPath(path)
        painter.end()


class HandwritingPad(TranslatableWidget):
    """The writing box, the characters it offers, and keys to wipe the box or delete."""

    def __init__(self, target: QLineEdit, recognizer: Recognizer) -> None:
        super().__init__()
        self._target = target
        self._recognizer = recognizer
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.box = WritingBox()
        self.box.stroke_written.connect(self._recognise)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        set_role(self.caption, "help")
        side.addWidget(self.caption)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.candidate_buttons: list[WrappingButton] = []
        for index in range(CANDIDATES_SHOWN):
            button = WrappingButton()
            set_role(button, "letter-key")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            # Candidates come and go without moving the keys beside them.
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            button.setSizePolicy(policy)
            button.clicked.connect(lambda _=False, i=index: self._choose(i))
            grid.addWidget(button, index // CANDIDATE_COLUMNS, index % CANDIDATE_COLUMNS)
            self.candidate_buttons.append(button)
        side.addLayout(grid)
        keys = QHBoxLayout()
        self.clear_button = WrappingButton()
        self.delete_button = WrappingButton()
        for button in (self.clear_button, self.delete_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            keys.addWidget(button)
        self.clear_button.clicked.connect(self._wipe)
        self.delete_button.setAutoRepeat(True)
        self.delete_button.clicked.connect(lambda: self._target.backspace())
        side.addLayout(keys)
        side.addStretch()
        row.addLayout(side, 1)
        self._show_candidates([])
        self.retranslate()

    def retranslate(self) -> None:
        """Called by the language switcher, like every translatable widget."""
        self.caption.setText(
            translate("HandwritingPad", "Write one character in the box, then tap it below.")
        )
        self.clear_button.setText(translate("HandwritingPad", "Wipe the box"))
        self.delete_button.setText(translate("Keypad", "Delete"))

    def candidates(self) -> list[str]:
        """The characters offered now, best first."""
        return [button.text() for button in self.candidate_buttons if not button.isHidden()]

    def _recognise(self) -> None:
        self._show_candidates(
            self._recognizer.classify(self.box.strokes, self.box.width(), self.box.height())
        )

    def _show_candidates(self, characters: list[str]) -> None:
        for index, button in enumerate(self.candidate_buttons):
            offered = index < len(characters)
            button.setText(characters[index] if offered else "")
            button.setVisible(offered)

    def _choose(self, index: int) -> None:
        self._target.insert(self.candidate_buttons[index].text())
        self._wipe()

    def _wipe(self) -> None:
        self.box.clear()
        self._show_candidates([])
