"""A large on-screen number pad for ID numbers, phone numbers, amounts and dates.

Touch first: typing 18 digits on a tiny system keyboard is where people give up.
The pad types into one line edit it is bound to, never into whatever has focus.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputMethodQueryEvent
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton

from ui.i18n import translate
from ui.theme import set_role
from ui.widgets.base import TranslatableWidget

DIGIT_ROWS = (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"))


class Keypad(TranslatableWidget):
    """Digits, an optional extra key (X for ID numbers, '.' for amounts) and delete."""

    def __init__(self, target: QLineEdit, extra_key: str | None = None) -> None:
        super().__init__()
        self._target = target
        target.installEventFilter(self)
        grid = QGridLayout(self)
        grid.setSpacing(12)
        for row, keys in enumerate(DIGIT_ROWS):
            for column, key in enumerate(keys):
                grid.addWidget(self._key(key), row, column)
        if extra_key is not None:
            grid.addWidget(self._key(extra_key), 3, 0)
        grid.addWidget(self._key("0"), 3, 1)
        self._delete = QPushButton()
        set_role(self._delete, "key")
        self._delete.setAutoRepeat(True)
        self._delete.clicked.connect(self._target.backspace)
        grid.addWidget(self._delete, 3, 2)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # digits keep their order
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tell input methods the line takes none: the pad is the way to type here,
        so the on-screen keyboard never comes up over it. (A line edit answers
        this question itself, ignoring the WA_InputMethodEnabled attribute.)"""
        if (
            watched is self._target
            and event.type() == QEvent.Type.InputMethodQuery
            and isinstance(event, QInputMethodQueryEvent)
            and event.queries() & Qt.InputMethodQuery.ImEnabled
        ):
            event.setValue(Qt.InputMethodQuery.ImEnabled, False)
            return True
        return False

    def retranslate(self) -> None:
        """Set the texts of the keys that have words."""
        self._delete.setText(translate("Keypad", "Delete"))

    def _key(self, text: str) -> QPushButton:
        button = QPushButton(text)
        set_role(button, "key")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda: self._target.insert(text))
        return button
