"""A large button whose text wraps onto several lines instead of being cut off.

Qt's push button draws its text on one line (or the lines given with "\\n").
Service names, answer choices and review rows in Uyghur or in large text do
not fit one line; this button lays its text out in a word-wrapped label and
grows in height to show all of it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout

TEXT_MARGINS = (20, 10, 20, 10)

LEADING = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
"""Text at the start of the line: left in left-to-right languages, right in Uyghur."""


class WrappingButton(QPushButton):
    """A push button with word-wrapped text; `text()`/`setText()` work as usual."""

    def __init__(self, text: str = "", alignment: Qt.AlignmentFlag | None = None) -> None:
        super().__init__()
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.setAlignment(alignment or Qt.AlignmentFlag.AlignCenter)
        self.label.setProperty("on", False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*TEXT_MARGINS)
        layout.addWidget(self.label)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
        self.setSizePolicy(policy)
        self.toggled.connect(self._show_checked)
        self.setText(text)

    def setText(self, text: str) -> None:
        """Show `text`, wrapped; screen readers get it as the button's name."""
        self.label.setText(text)
        self.setAccessibleName(text)
        self.updateGeometry()

    def text(self) -> str:
        """The button's text as given to `setText`."""
        return self.label.text()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        left, top, right, bottom = TEXT_MARGINS
        text_height = self.label.heightForWidth(max(width - left - right, 1))
        return max(self.minimumHeight(), text_height + top + bottom)

    def sizeHint(self) -> QSize:
        left, top, right, bottom = TEXT_MARGINS
        label = self.label.sizeHint()
        return QSize(label.width() + left + right, label.height() + top + bottom).expandedTo(
            self.minimumSize()
        )

    def minimumSizeHint(self) -> QSize:
        return self.minimumSize()

    def _show_checked(self, on: bool) -> None:
        # Stylesheets cannot colour a child by its parent's state, so the
        # label carries the state itself.
        self.label.setProperty("on", on)
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)
