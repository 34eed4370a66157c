"""The frame every screen shares: a title at the top, content, and a bar of
large buttons at the bottom (back on the start side, forward on the end side,
mirrored automatically for right-to-left languages)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.theme import TextRole, set_role
from ui.widgets.base import TranslatableWidget
from ui.widgets.keypad import Keypad

SCREEN_MARGIN = 24


class Screen(TranslatableWidget):
    """A full-window screen with a title, a content area and a button bar."""

    def __init__(self) -> None:
        super().__init__()
        self.outer = outer = QVBoxLayout(self)
        outer.setContentsMargins(SCREEN_MARGIN, SCREEN_MARGIN, SCREEN_MARGIN, SCREEN_MARGIN)
        outer.setSpacing(12)
        self.title = QLabel()
        self.title.setWordWrap(True)
        set_role(self.title, "title", TextRole.TITLE)
        outer.addWidget(self.title)
        self.content = QVBoxLayout()
        self.content.setSpacing(12)
        outer.addLayout(self.content, 1)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(24)
        outer.addLayout(self.buttons)

    def add_button(self, role: str = "", stretch_before: bool = False) -> QPushButton:
        """Append a large button to the bottom bar."""
        if stretch_before:
            self.buttons.addStretch()
        button = QPushButton()
        if role:
            set_role(button, role)
        button.setMinimumWidth(200)
        self.buttons.addWidget(button)
        return button

    def add_keypad_row(
        self, widgets: Sequence[QWidget], target: QLineEdit, extra_key: str | None = None
    ) -> None:
        """The widgets in a column with a number pad beside them, typing into `target`."""
        row = QHBoxLayout()
        column = QVBoxLayout()
        for widget in widgets:
            column.addWidget(widget)
        column.addStretch()
        row.addLayout(column, 1)
        row.addWidget(Keypad(target, extra_key), 0, Qt.AlignmentFlag.AlignTop)
        self.content.addLayout(row, 1)

    def clear_personal_data(self) -> None:
        """Forget everything about the last applicant shown here; overridden by screens."""


def wrapped_label(role: str, text_role: TextRole = TextRole.BODY) -> QLabel:
    """A label that wraps long text and follows the stylesheet role."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    set_role(label, role, text_role)
    return label
