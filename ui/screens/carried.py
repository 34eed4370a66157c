"""The answers a person already gave earlier in the same visit, on one page for the
next service: "Is this still right?". Confirmed answers are not asked again; a
tapped one is (each row says which), so nothing changes without the person seeing it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout

from ui.i18n import translate
from ui.screens.base import Screen, wrapped_label
from ui.theme import set_role
from ui.widgets.base import clear_layout
from ui.widgets.wrapping_button import LEADING, WrappingButton


@dataclass(frozen=True)
class CarriedRow:
    """One carried answer as shown: its field, the question and the answer in words."""

    field_id: str
    question: str
    answer: str


class CarriedScreen(Screen):
    """Carried answers for confirmation: Yes goes on; a tapped row is asked again."""

    confirmed = Signal(list)
    """The ids of the answers confirmed (every row not tapped to be asked again)."""
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.service = wrapped_label("help")
        self.intro = wrapped_label("question")
        self.content.addWidget(self.service)
        self.content.addWidget(self.intro)
        self._rows = QVBoxLayout()
        self._rows.setSpacing(12)
        self.content.addLayout(self._rows)
        self.content.addStretch()
        self.rows: dict[str, WrappingButton] = {}
        self._shown: dict[str, CarriedRow] = {}
        self.back_button = self.add_button()
        self.back_button.clicked.connect(self.back_requested)
        self.confirm_button = self.add_button("primary", stretch_before=True)
        self.confirm_button.clicked.connect(self._confirm)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(translate("CarriedScreen", "Is this still right?"))
        self.intro.setText(
            translate(
                "CarriedScreen",
                "You already told us this today. If something has changed, tap it: "
                "you will be asked it again.",
            )
        )
        self.back_button.setText(translate("CarriedScreen", "Back"))
        self.confirm_button.setText(translate("CarriedScreen", "Yes, this is right"))
        for field_id, row in self.rows.items():
            row.setText(self._row_text(self._shown[field_id], row.isChecked()))

    def show_answers(self, service: str, rows: Sequence[CarriedRow]) -> None:
        """The service now applied for, and each carried answer as a row to tap."""
        self.clear_personal_data()
        self.service.setText(service)
        for shown in rows:
            row = WrappingButton(self._row_text(shown, False), LEADING)
            set_role(row, "review-row")
            row.setCheckable(True)
            row.toggled.connect(
                lambda again, button=row, item=shown: button.setText(self._row_text(item, again))
            )
            self.rows[shown.field_id] = row
            self._shown[shown.field_id] = shown
            self._rows.addWidget(row)

    @staticmethod
    def _row_text(shown: CarriedRow, ask_again: bool) -> str:
        text = f"{shown.question}\n{shown.answer}"
        if ask_again:
            return text + "\n" + translate("CarriedScreen", "You will be asked this again.")
        return text

    def _confirm(self) -> None:
        self.confirmed.emit(
            [field_id for field_id, row in self.rows.items() if not row.isChecked()]
        )

    def clear_personal_data(self) -> None:
        clear_layout(self._rows)
        self.rows.clear()
        self._shown.clear()
        self.service.clear()
