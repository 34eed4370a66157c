"""Before a clerk fills in an application with an applicant: the applicant's
language, then their consent.

The clerk hands the screen over at the clerk's language; so the applicant
first chooses theirs (each written in its own script), and only then is the
question put, naming the clerk, with two large answers. Only "yes" starts an
assisted application; the consent is then stored with it (see
:mod:`kiosk.assisted`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout

from ui.i18n import language, translate
from ui.screens.base import Screen, wrapped_label
from ui.theme import TextRole, set_role
from ui.widgets.wrapping_button import WrappingButton


class AssistedConsentScreen(Screen):
    """Asks the applicant whether the named clerk may fill in the application with them."""

    agreed = Signal()
    declined = Signal()
    language_chosen = Signal(str)

    def __init__(self, languages: Sequence[str]) -> None:
        super().__init__()
        self.language_prompt = wrapped_label("question", TextRole.BODY)
        self.content.addWidget(self.language_prompt)
        language_row = QHBoxLayout()
        self.language_buttons: dict[str, WrappingButton] = {}
        for code in languages:
            button = WrappingButton(language(code).native_name)
            set_role(button, "language")
            button.clicked.connect(lambda _=False, c=code: self._choose(c))
            self.language_buttons[code] = button
            language_row.addWidget(button)
        language_row.addStretch()
        self.content.addLayout(language_row)
        self.question = wrapped_label("question", TextRole.BODY)
        self.explanation = wrapped_label("help")
        self.content.addWidget(self.question)
        self.content.addWidget(self.explanation)
        self.content.addStretch()
        self.no_button = self.add_button()
        self.no_button.clicked.connect(self.declined)
        self.yes_button = self.add_button("primary", stretch_before=True)
        self.yes_button.clicked.connect(self.agreed)
        self._clerk = ("", "")
        self._show_step(language_known=False)
        self.retranslate()

    def ask(self, clerk_name: str, staff_id: str) -> None:
        """Ask the applicant's language, then the question for this clerk."""
        self._clerk = (clerk_name, staff_id)
        self._show_step(language_known=False)
        self.retranslate()

    def _choose(self, code: str) -> None:
        self.language_chosen.emit(code)  # the kiosk switches, and this screen retranslates
        self._show_step(language_known=True)

    def _show_step(self, language_known: bool) -> None:
        self.language_prompt.setVisible(not language_known)
        for button in self.language_buttons.values():
            button.setVisible(not language_known)
        for widget in (self.question, self.explanation, self.yes_button):
            widget.setVisible(language_known)

    def retranslate(self) -> None:
        name, staff_id = self._clerk
        self.title.setText(translate("AssistedConsentScreen", "May the clerk help you?"))
        self.language_prompt.setText(
            translate("AssistedConsentScreen", "First, choose your language:")
        )
        self.question.setText(
            translate(
                "AssistedConsentScreen",
                "{name} (staff number {staff_id}) offers to fill in this application "
                "with you. Do you agree?",
            ).format(name=name, staff_id=staff_id)
        )
        self.explanation.setText(
            translate(
                "AssistedConsentScreen",
                "The application will record that a clerk helped you, and which clerk. "
                "You check every answer before it is sent.",
            )
        )
        self.no_button.setText(translate("AssistedConsentScreen", "No, thank you"))
        self.yes_button.setText(translate("AssistedConsentScreen", "Yes, I agree"))

    def clear_personal_data(self) -> None:
        self._clerk = ("", "")
        self.retranslate()
