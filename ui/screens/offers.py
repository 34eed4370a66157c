"""The other services a person may apply for in the same visit, one large tile each.

Shown where the person's identity is known: once the ID is read, and after each
submit. One tap on a tile starts that service with the answers already given
carried over (ui.applicant_flow), so both places make the same offer the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.screens.base import wrapped_label
from ui.theme import set_role
from ui.widgets.base import clear_layout
from ui.widgets.wrapping_button import WrappingButton


class ServiceOffers(QWidget):
    """A caption and a tile per service offered; hidden while nothing is offered."""

    chosen = Signal(str)
    """The person tapped a service (its form id)."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.caption = wrapped_label("question")
        layout.addWidget(self.caption)
        self._tiles = QVBoxLayout()
        layout.addLayout(self._tiles)
        self.buttons: dict[str, WrappingButton] = {}
        self.hide()

    def show_offers(self, services: Sequence[tuple[str, str]]) -> None:
        """Offer these services, as (form id, title); none hides the caption too (the
        screen showing them sets the caption's text, in its own words)."""
        clear_layout(self._tiles)
        self.buttons.clear()
        for form_id, title in services:
            button = WrappingButton(title)
            set_role(button, "tile")
            button.clicked.connect(lambda _=False, service=form_id: self.chosen.emit(service))
            self.buttons[form_id] = button
            self._tiles.addWidget(button)
        self.setVisible(bool(services))
