"""Check an earlier application by its tracking number.

Until the kiosk hears from the county office, the status it knows is its own:
saved here, waiting to be sent. Statuses from the central platform join this
screen when sync exists.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit

from ui.i18n import translate
from ui.screens.base import Screen, wrapped_label
from ui.theme import TextRole


class CheckStatusScreen(Screen):
    """A tracking number in, the latest known status out."""

    lookup_requested = Signal(str)
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.prompt = wrapped_label("question", TextRole.QUESTION)
        self.help = wrapped_label("help")
        self.number_input = QLineEdit()
        self.number_input.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.number_input.returnPressed.connect(self._lookup)
        self.result = wrapped_label("notice")
        self.result.hide()
        for widget in (self.prompt, self.help, self.number_input, self.result):
            self.content.addWidget(widget)
        self.content.addStretch()
        self.back_button = self.add_button()
        self.back_button.clicked.connect(self.back_requested)
        self.lookup_button = self.add_button("primary", stretch_before=True)
        self.lookup_button.clicked.connect(self._lookup)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(translate("CheckStatusScreen", "Check my application"))
        self.prompt.setText(
            translate("CheckStatusScreen", "Enter the tracking number on your receipt")
        )
        self.help.setText(translate("CheckStatusScreen", "For example DEMO01-261127-0042-K"))
        self.back_button.setText(translate("CheckStatusScreen", "Back"))
        self.lookup_button.setText(translate("CheckStatusScreen", "Check"))

    def show_result(self, message: str) -> None:
        """Show what is known about the application."""
        self.result.setText(message)
        self.result.show()

    def clear_personal_data(self) -> None:
        self.number_input.clear()
        self.result.clear()
        self.result.hide()

    def _lookup(self) -> None:
        self.lookup_requested.emit(self.number_input.text())
