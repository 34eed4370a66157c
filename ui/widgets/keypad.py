"""A large on-screen number pad for ID numbers, phone numbers, amounts and dates.

Touch first: typing 18 digits on a tiny system keyboard is where people give up.
The pad types into the line edit it is bound to, never into whatever has focus;
a screen with two fields (staff id, then PIN) moves the binding with `bind`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputMethodQueryEvent
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton

from ui.i18n import translate
from ui.theme import set_role
from ui.widgets.base import TranslatableWidget

DIGIT_ROWS = (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"))


def refuse_input_method(watched: QObject, event: QEvent) -> bool:
    """Tell input methods a line edit takes none: an on-screen pad is the way to type
    there, so the system's on-screen keyboard never comes up over it. (A line edit
    answers this question itself, ignoring the WA_InputMethodEnabled attribute.)"""
    if (
        isinstance(watched, QLineEdit)
        and event.type() == QEvent.Type.InputMethodQuery
        and isinstance(event, QInputMethodQueryEvent)
        and event.queries() & Qt.InputMethodQuery.ImEnabled
    ):
        event.setValue(Qt.InputMethodQuery.ImEnabled, False)
        return True
    return False


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
        self._delete.clicked.connect(lambda: self._target.backspace())
        grid.addWidget(self._delete, 3, 2)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # digits keep their order
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keep the on-screen keyboard away from the fields this pad was bound to."""
        return refuse_input_method(watched, event)

    def retranslate(self) -> None:
        """Set the texts of the keys that have words."""
        self._delete.setText(translate("Keypad", "Delete"))

    def bind(self, target: QLineEdit) -> None:
        """Type into `target` from now on (it too keeps the on-screen keyboard away)."""
        target.installEventFilter(self)
        self._target = target

    def _key(self, text: str) -> QPushButton:
        button = QPushButton(text)
        set_role(button, "key")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda: self._target.insert(text))
        return button
