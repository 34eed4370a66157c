"""An on-screen pad of Latin letters, digits and the few signs of a web address.

Enrolment codes and central addresses are written in Latin letters whatever
language the kiosk speaks, so this pad is the same in every language and
does not depend on an input method being installed. It types into the line
edit it is bound to, letters in upper case for a code and in lower case for
an address.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy

from ui.i18n import translate
from ui.theme import set_role
from ui.widgets.base import TranslatableWidget
from ui.widgets.keypad import refuse_input_method

KEY_ROWS = (
    "1234567890",
    "QWERTYUIOP",
    "ASDFGHJKL-",
    "ZXCVBNM.:/",
)


class _DeleteKey(QPushButton):
    """The tall delete key: as wide as its word in whatever size the text comes to
    (large text arrives with the stylesheet, after the key is made)."""

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.setMinimumWidth(self.sizeHint().width())


class CodeKeypad(TranslatableWidget):
    """Letters, digits, '-', '.', ':', '/' and delete, typing into one line edit."""

    def __init__(self, target: QLineEdit, *, upper_case: bool = True) -> None:
        super().__init__()
        self._target = target
        self._upper_case = upper_case
        target.installEventFilter(self)
        grid = QGridLayout(self)
        grid.setSpacing(8)
        self.keys: dict[str, QPushButton] = {}
        for row, keys in enumerate(KEY_ROWS):
            for column, key in enumerate(keys):
                grid.addWidget(self._key(key), row, column)
        self._delete = _DeleteKey()
        set_role(self._delete, "letter-key")
        self._delete.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._delete.setAutoRepeat(True)
        self._delete.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self._delete.clicked.connect(lambda: self._target.backspace())
        grid.addWidget(self._delete, 0, len(KEY_ROWS[0]), len(KEY_ROWS), 1)  # tall, at the end
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a code reads left to right
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keep the system's on-screen keyboard away from the fields this pad types into."""
        return refuse_input_method(watched, event)

    def retranslate(self) -> None:
        """Only the delete key has a word on it."""
        self._delete.setText(translate("Keypad", "Delete"))
        self._delete.setMinimumWidth(self._delete.sizeHint().width())  # the word, whole

    def bind(self, target: QLineEdit, *, upper_case: bool) -> None:
        """Type into `target` from now on, letters in the case it takes."""
        target.installEventFilter(self)
        self._target = target
        self._upper_case = upper_case

    def _key(self, text: str) -> QPushButton:
        button = QPushButton(text)
        set_role(button, "letter-key")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda: self._type(text))
        self.keys[text] = button
        return button

    def _type(self, text: str) -> None:
        self._target.insert(text if self._upper_case else text.lower())
