"""The clerk's side of the kiosk: a PIN, then what the clerk must know and the
drafts applicants left behind."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.screens.base import Screen, wrapped_label
from ui.theme import TextRole, set_role
from ui.widgets.base import clear_layout
from ui.widgets.connection_indicator import ConnectionIndicator
from ui.widgets.wrapping_button import LEADING, WrappingButton


class ClerkPinScreen(Screen):
    """Asks for the clerk PIN on a keypad; the digits are never shown."""

    pin_entered = Signal(str)
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.pin_input = QLineEdit()
        self.pin_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_input.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.pin_input.returnPressed.connect(self._submit)
        self.problem = wrapped_label("problem")
        self.problem.hide()
        self.add_keypad_row([self.pin_input, self.problem], self.pin_input)
        self.back_button = self.add_button()
        self.back_button.clicked.connect(self.back_requested)
        self.sign_in_button = self.add_button("primary", stretch_before=True)
        self.sign_in_button.clicked.connect(self._submit)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(translate("ClerkPinScreen", "Staff sign-in: enter the clerk PIN"))
        self.back_button.setText(translate("ClerkPinScreen", "Back"))
        self.sign_in_button.setText(translate("ClerkPinScreen", "Sign in"))

    def show_problem(self, message: str | None) -> None:
        """Say why the PIN was not accepted, or hide the message."""
        self.problem.setText(message or "")
        self.problem.setVisible(bool(message))

    def clear_personal_data(self) -> None:
        self.pin_input.clear()
        self.show_problem(None)

    def _submit(self) -> None:
        pin = self.pin_input.text()
        self.pin_input.clear()
        self.pin_entered.emit(pin)


@dataclass(frozen=True)
class DraftSummary:
    """What the clerk sees of one draft: no answers, only what identifies it."""

    uuid: str
    service: str
    updated: str
    answered: int


class ClerkHomeScreen(Screen):
    """Notices for the clerk, the sending backlog, and drafts to resume."""

    resume_requested = Signal(str)
    end_requested = Signal()
    retry_print_requested = Signal()
    reprint_requested = Signal(str)
    sync_requested = Signal()
    dashboard_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.notices = wrapped_label("notice")
        self.notices.hide()
        self.backlog = wrapped_label("question")
        self.drafts_caption = wrapped_label("help")
        self.content.addWidget(self.notices)
        self.content.addWidget(self.backlog)
        self.connection = ConnectionIndicator(show_reason=True)
        self.sync_button = WrappingButton()
        self.sync_button.clicked.connect(self.sync_requested)
        self.sync_button.hide()
        self._add_row(self.connection, self.sync_button)
        self.printer = wrapped_label("help")
        self.retry_button = WrappingButton()
        self.retry_button.clicked.connect(self.retry_print_requested)
        self._add_row(self.printer, self.retry_button)
        self.reprint_input = QLineEdit()
        self.reprint_input.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.reprint_button = WrappingButton()
        self.reprint_button.clicked.connect(self._reprint)
        self._add_row(self.reprint_input, self.reprint_button)
        self.content.addWidget(self.drafts_caption)
        self._drafts_host = QWidget()
        self._drafts = QVBoxLayout(self._drafts_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self._drafts_host)
        self.content.addWidget(scroll, 1)
        self.draft_buttons: dict[str, QPushButton] = {}
        self.dashboard_button = self.add_button()
        self.dashboard_button.clicked.connect(self.dashboard_requested)
        self.end_button = self.add_button("primary", stretch_before=True)
        self.end_button.clicked.connect(self.end_requested)
        self._waiting = 0
        self.retranslate()

    def _add_row(self, main: QWidget, button: QPushButton) -> None:
        row = QHBoxLayout()
        row.addWidget(main, 1)
        row.addWidget(button)
        self.content.addLayout(row)

    def _reprint(self) -> None:
        self.reprint_requested.emit(self.reprint_input.text())
        self.reprint_input.clear()

    def show_printer(self, message: str) -> None:
        """Show the printer's state and how many receipts wait for it."""
        self.printer.setText(message)

    def offer_sync(self, available: bool) -> None:
        """Show "sync now" only on a kiosk that has a central platform."""
        self.sync_button.setVisible(available)

    def retranslate(self) -> None:
        self.title.setText(translate("ClerkHomeScreen", "Clerk"))
        self.sync_button.setText(translate("ClerkHomeScreen", "Sync now"))
        self.retry_button.setText(translate("ClerkHomeScreen", "Try printing again"))
        self.reprint_button.setText(translate("ClerkHomeScreen", "Reprint receipt"))
        self.reprint_input.setPlaceholderText(
            translate("ClerkHomeScreen", "Tracking number to reprint")
        )
        self.backlog.setText(
            translate("ClerkHomeScreen", "Applications waiting to be sent: {count}").format(
                count=self._waiting
            )
        )
        self.drafts_caption.setText(
            translate("ClerkHomeScreen", "Unfinished applications (tap one to resume it):")
        )
        self.dashboard_button.setText(translate("ClerkHomeScreen", "Figures"))
        self.end_button.setText(translate("ClerkHomeScreen", "End session"))

    def show_state(
        self, notices: Sequence[str], waiting: int, drafts: Sequence[DraftSummary]
    ) -> None:
        """Fill the screen from what the kiosk knows now."""
        self.clear_personal_data()
        self.notices.setText("\n".join(notices))
        self.notices.setVisible(bool(notices))
        self._waiting = waiting
        for draft in drafts:
            button = WrappingButton(
                translate("ClerkHomeScreen", "{service} — {answered} answers — {updated}").format(
                    service=draft.service, answered=draft.answered, updated=draft.updated
                ),
                LEADING,
            )
            set_role(button, "review-row", TextRole.BODY)
            button.clicked.connect(
                lambda _=False, uuid=draft.uuid: self.resume_requested.emit(uuid)
            )
            self.draft_buttons[draft.uuid] = button
            self._drafts.addWidget(button)
        self._drafts.addStretch()
        self.retranslate()

    def clear_personal_data(self) -> None:
        clear_layout(self._drafts)
        self.draft_buttons.clear()
