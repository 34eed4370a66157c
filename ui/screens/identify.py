"""Identify the applicant: type the ID number on a large keypad.

A valid number fills in the birth date and gender so they need not be typed.
Scanning the ID card's QR code joins this screen with the scanner support.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit

from ui.i18n import translate
from ui.screens.base import Screen, wrapped_label
from ui.theme import TextRole

ID_NUMBER_LENGTH = 18


class IdentifyScreen(Screen):
    """Asks for the applicant's resident ID number."""

    id_entered = Signal(str)
    skip_requested = Signal()
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.prompt = wrapped_label("question", TextRole.QUESTION)
        self.help = wrapped_label("help")
        self.id_input = QLineEdit()
        self.id_input.setMaxLength(ID_NUMBER_LENGTH + 4)  # room for spaces people type
        self.id_input.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.id_input.returnPressed.connect(self._submit)
        self.problem = wrapped_label("problem")
        self.problem.hide()
        self.add_keypad_row(
            [self.prompt, self.help, self.id_input, self.problem], self.id_input, "X"
        )
        self.back_button = self.add_button()
        self.back_button.clicked.connect(self.back_requested)
        self.skip_button = self.add_button(stretch_before=True)
        self.skip_button.clicked.connect(self.skip_requested)
        self.continue_button = self.add_button("primary")
        self.continue_button.clicked.connect(self._submit)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(translate("IdentifyScreen", "Who is applying?"))
        self.prompt.setText(translate("IdentifyScreen", "Enter the ID number from the ID card"))
        self.help.setText(
            translate(
                "IdentifyScreen",
                "18 digits on the back of the card; the last one may be the letter X.",
            )
        )
        self.back_button.setText(translate("IdentifyScreen", "Back"))
        self.skip_button.setText(translate("IdentifyScreen", "I have no ID card with me"))
        self.continue_button.setText(translate("IdentifyScreen", "Continue"))

    def show_problem(self, message: str | None) -> None:
        """Explain what is wrong with the number typed, or hide the message."""
        self.problem.setText(message or "")
        self.problem.setVisible(bool(message))

    def clear_personal_data(self) -> None:
        self.id_input.clear()
        self.show_problem(None)

    def _submit(self) -> None:
        self.id_entered.emit(self.id_input.text())
