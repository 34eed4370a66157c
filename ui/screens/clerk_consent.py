"""Before a clerk fills in an application with an applicant: the applicant's consent.

The screen speaks to the applicant, in their language, names the clerk, and
offers two large answers. Only "yes" starts an assisted application; the
consent is then stored with it (see :mod:`kiosk.assisted`).
"""

from __future__ import annotations

from PySide6.QtCore import Signal

from ui.i18n import translate
from ui.screens.base import Screen, wrapped_label
from ui.theme import TextRole


class AssistedConsentScreen(Screen):
    """Asks the applicant whether the named clerk may fill in the application with them."""

    agreed = Signal()
    declined = Signal()

    def __init__(self) -> None:
        super().__init__()
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
        self.retranslate()

    def ask(self, clerk_name: str, staff_id: str) -> None:
        """Put the question for this clerk."""
        self._clerk = (clerk_name, staff_id)
        self.retranslate()

    def retranslate(self) -> None:
        name, staff_id = self._clerk
        self.title.setText(translate("AssistedConsentScreen", "May the clerk help you?"))
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
