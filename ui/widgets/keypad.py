"""Large on-screen keypads: numbers for ID numbers, phone numbers, amounts and
dates; Latin letters and digits for tracking numbers.

Touch first: typing 18 digits on a tiny system keyboard is where people give up.
A pad types into the line edit it is bound to, never into whatever has focus;
a screen with two fields (staff id, then PIN) moves the binding with `bind`.
While bound, the line takes no input method, so the on-screen keyboard (Pinyin
in Chinese, the Uyghur layout in Uyghur) never comes up over the pad.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputMethodQueryEvent
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton

from ui.i18n import translate
from ui.theme import set_role
from ui.widgets.base import TranslatableWidget

DIGIT_ROWS = (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"))

TRACKING_ROWS = (
    tuple("1234567890"),
    tuple("QWERTYUIOP"),
    tuple("ASDFGHJKL-"),
    tuple("ZXCVBNM"),
)
"""Every character of a tracking number (``DEMO01-261127-0042-K``), in the order
of a typewriter, which many know from phones; the same in every language."""


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


class _BoundKeys(TranslatableWidget):
    """Keys in a grid that type into one line edit, and a delete key."""

    def __init__(self, target: QLineEdit, key_role: str) -> None:
        super().__init__()
        self._target = target
        self._key_role = key_role
        target.installEventFilter(self)
        self.grid = QGridLayout(self)
        self.grid.setSpacing(8)
        self.delete_key = QPushButton()
        set_role(self.delete_key, key_role)
        self.delete_key.setAutoRepeat(True)
        self.delete_key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.delete_key.clicked.connect(lambda: self._target.backspace())
        # Digits and tracking numbers keep their order in right-to-left languages.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keep the on-screen keyboard away from the fields this pad was bound to."""
        return refuse_input_method(watched, event)

    def retranslate(self) -> None:
        """Set the texts of the keys that have words."""
        self.delete_key.setText(translate("Keypad", "Delete"))

    def bind(self, target: QLineEdit) -> None:
        """Type into `target` from now on (it too keeps the on-screen keyboard away)."""
        target.installEventFilter(self)
        self._target = target

    def key(self, text: str) -> QPushButton:
        """A key that types `text`."""
        button = QPushButton(text)
        set_role(button, self._key_role)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda: self._target.insert(text))
        return button

    def _add_rows(self, rows: Sequence[Sequence[str]]) -> None:
        for row, keys in enumerate(rows):
            for column, text in enumerate(keys):
                self.grid.addWidget(self.key(text), row, column)


class Keypad(_BoundKeys):
    """Digits, an optional extra key (X for ID numbers, '.' for amounts) and delete."""

    def __init__(self, target: QLineEdit, extra_key: str | None = None) -> None:
        super().__init__(target, "key")
        self._add_rows(DIGIT_ROWS)
        if extra_key is not None:
            self.grid.addWidget(self.key(extra_key), 3, 0)
        self.grid.addWidget(self.key("0"), 3, 1)
        self.grid.addWidget(self.delete_key, 3, 2)
        self.retranslate()


class TrackingKeypad(_BoundKeys):
    """Latin capital letters, digits and the dash of a tracking number, and delete:
    typeable in every language, with no candidate bar to turn letters into
    Chinese characters."""

    def __init__(self, target: QLineEdit) -> None:
        super().__init__(target, "letter-key")
        self._add_rows(TRACKING_ROWS)
        last_row = TRACKING_ROWS[-1]
        self.grid.addWidget(self.delete_key, len(TRACKING_ROWS) - 1, len(last_row), 1, 3)
        self.retranslate()
