"""The clerk's side of the kiosk: a PIN, then what the clerk must know and the
drafts applicants left behind."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import tzinfo

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.screens.base import Screen, wrapped_label
from ui.theme import TextRole, set_role
from ui.widgets.base import clear_layout, forget_text, tapped
from ui.widgets.connection_indicator import ConnectionIndicator
from ui.widgets.keypad import TrackingKeypad
from ui.widgets.wrapping_button import LEADING, WrappingButton


class ClerkPinScreen(Screen):
    """Asks for a staff number, then the PIN, on one keypad; PIN digits are never shown.

    The keypad types into the field last touched; Enter (or a hand-held
    keyboard's return) on the staff number moves on to the PIN.
    """

    credentials_entered = Signal(str, str)
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.staff_label = wrapped_label("help")
        self.staff_input = QLineEdit()
        self.pin_label = wrapped_label("help")
        self.pin_input = QLineEdit()
        self.pin_input.setEchoMode(QLineEdit.EchoMode.Password)
        for field in (self.staff_input, self.pin_input):
            field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            field.installEventFilter(self)
        self.staff_input.returnPressed.connect(self._to_pin)
        self.pin_input.returnPressed.connect(self._submit)
        self.problem = wrapped_label("problem")
        self.problem.hide()
        column = [self.staff_label, self.staff_input, self.pin_label, self.pin_input, self.problem]
        self.keypad = self.add_keypad_row(column, self.staff_input)
        self.back_button = self.add_button()
        self.back_button.clicked.connect(self.back_requested)
        self.sign_in_button = self.add_button("primary", stretch_before=True)
        self.sign_in_button.clicked.connect(self._submit)
        self.confirming = False
        self.retranslate()

    def confirm(self, staff_id: str) -> None:
        """Ask the signed-in person for their PIN again (before quitting the kiosk)."""
        self.clear_personal_data()
        self.confirming = True
        self.staff_input.setText(staff_id)
        self.staff_input.setReadOnly(True)
        self.keypad.bind(self.pin_input)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(
            translate("ClerkPinScreen", "Quit the kiosk: enter your PIN again")
            if self.confirming
            else translate("ClerkPinScreen", "Staff sign-in")
        )
        self.staff_label.setText(translate("ClerkPinScreen", "Your staff number"))
        self.pin_label.setText(translate("ClerkPinScreen", "Your PIN"))
        self.back_button.setText(translate("ClerkPinScreen", "Back"))
        self.sign_in_button.setText(translate("ClerkPinScreen", "Sign in"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress) and isinstance(
            watched, QLineEdit
        ):
            self.keypad.bind(watched)
        return False

    def show_problem(self, message: str | None) -> None:
        """Say why the sign-in was not accepted, or hide the message."""
        self.problem.setText(message or "")
        self.problem.setVisible(bool(message))

    def clear_personal_data(self) -> None:
        self.confirming = False
        self.staff_input.setReadOnly(False)
        forget_text(self.staff_input)
        forget_text(self.pin_input)
        self.keypad.bind(self.staff_input)
        self.show_problem(None)
        self.retranslate()

    def _to_pin(self) -> None:
        self.keypad.bind(self.pin_input)
        self.pin_input.setFocus()

    def _submit(self) -> None:
        staff_id, pin = self.staff_input.text().strip(), self.pin_input.text()
        forget_text(self.pin_input)  # the staff id stays: it is not secret, and retyping is slow
        self.keypad.bind(self.pin_input if staff_id else self.staff_input)
        self.credentials_entered.emit(staff_id, pin)


@dataclass(frozen=True)
class StaffSummary:
    """Who is signed in, what they may do, and (for a supervisor) who is locked out."""

    staff_id: str
    name: str
    role: str
    can_quit: bool
    locked: tuple[tuple[str, str], ...] = ()
    """Staff id and name of each locked account this person may unlock."""


def role_name(role: str) -> str:
    """A staff role in the language on screen."""
    names = {
        "clerk": translate("ClerkHomeScreen", "clerk"),
        "supervisor": translate("ClerkHomeScreen", "supervisor"),
        "administrator": translate("ClerkHomeScreen", "administrator"),
    }
    return names.get(role, role)


@dataclass(frozen=True)
class DraftSummary:
    """What the clerk sees of one draft: no answers, only what identifies it."""

    uuid: str
    service: str
    updated: str
    answered: int
    whose: str | None
    """The applicant's name, or their ID number partly hidden; None before either."""


class ClerkHomeScreen(Screen):
    """Notices for the clerk, the sending backlog, and drafts to resume."""

    resume_requested = Signal(str)
    end_requested = Signal()
    switch_requested = Signal()
    retry_print_requested = Signal()
    reprint_requested = Signal(str)
    sync_requested = Signal()
    dashboard_requested = Signal()
    unlock_kiosk_requested = Signal(str)
    """The recovery passphrase typed to unlock a locked kiosk."""
    export_requested = Signal()
    unlock_requested = Signal(str)
    quit_requested = Signal()
    assist_requested = Signal()
    correct_requested = Signal(str)
    enrol_requested = Signal()
    staff_call_answered = Signal()

    def __init__(self, zone: tzinfo) -> None:
        super().__init__()
        self.signed_in = wrapped_label("help")
        self.switch_button = WrappingButton()
        self.switch_button.clicked.connect(self.switch_requested)
        self._add_row(self.signed_in, self.switch_button)
        self.staff_call = wrapped_label("notice")
        self.answer_call_button = WrappingButton()
        self.answer_call_button.clicked.connect(self.staff_call_answered)
        self._add_row(self.staff_call, self.answer_call_button)
        self._staff_call: Callable[[], str] | None = None
        self.show_staff_call(None)
        self.notices = wrapped_label("notice")
        self.notices.hide()
        self.assist_button = WrappingButton()
        set_role(self.assist_button, "primary")
        self.assist_button.clicked.connect(self.assist_requested)
        self.content.addWidget(self.assist_button)
        self.backlog = wrapped_label("question")
        self.drafts_caption = wrapped_label("help")
        self.content.addWidget(self.notices)
        self.content.addWidget(self.backlog)
        self.connection = ConnectionIndicator(zone, show_reason=True)
        self.sync_button = WrappingButton()
        self.sync_button.clicked.connect(self._sync)
        self.sync_button.hide()
        self._add_row(self.connection, self.sync_button)
        self.sync_feedback = wrapped_label("notice")
        self.sync_feedback.hide()
        self._sync_feedback: Callable[[], str] | None = None
        self.content.addWidget(self.sync_feedback)
        self.printer = wrapped_label("help")
        self.retry_button = WrappingButton()
        self.retry_button.clicked.connect(self.retry_print_requested)
        self._add_row(self.printer, self.retry_button)
        self.speech = wrapped_label("help")
        self._speech_message: Callable[[], str] | None = None
        self.content.addWidget(self.speech)
        self.reprint_input = QLineEdit()
        self.reprint_input.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.reprint_button = WrappingButton()
        self.reprint_button.clicked.connect(self._reprint)
        self._add_row(self.reprint_input, self.reprint_button)
        self.correct_input = QLineEdit()
        self.correct_input.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.correct_button = WrappingButton()
        self.correct_button.clicked.connect(self._correct)
        self._add_row(self.correct_input, self.correct_button)
        self.correct_problem = wrapped_label("problem")
        self.correct_problem.hide()
        self.content.addWidget(self.correct_problem)
        # Tracking numbers are typed on their own keys, as on "check my application":
        # the Pinyin keyboard would turn their letters into Chinese candidates.
        self.tracking_keypad = TrackingKeypad(self.correct_input)
        self.tracking_keypad.bind(self.reprint_input)
        self.tracking_keypad.hide()
        for line in (self.reprint_input, self.correct_input):
            line.installEventFilter(self)
        self.content.addWidget(self.tracking_keypad)
        self.export_message = wrapped_label("help")
        self.export_button = WrappingButton()
        self.export_button.clicked.connect(self.export_requested)
        self._add_row(self.export_message, self.export_button)
        # Closing the program is far from "End session" (bottom corner): one is
        # done many times a day, the other leaves the kiosk without a screen.
        self.quit_button = WrappingButton()
        self.quit_button.clicked.connect(self.quit_requested)
        self.quit_button.hide()
        quit_row = QHBoxLayout()
        quit_row.addStretch()
        quit_row.addWidget(self.quit_button)
        self.content.addLayout(quit_row)
        self._locked = QVBoxLayout()
        self.content.addLayout(self._locked)
        self.unlock_buttons: dict[str, QPushButton] = {}
        self.passphrase_input = QLineEdit()
        self.passphrase_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_input.returnPressed.connect(self._unlock_kiosk)
        self.unlock_kiosk_button = WrappingButton()
        self.unlock_kiosk_button.clicked.connect(self._unlock_kiosk)
        self._add_row(self.passphrase_input, self.unlock_kiosk_button)
        self.show_kiosk_locked(False)
        self.content.addWidget(self.drafts_caption)
        self._drafts = QVBoxLayout()
        self.content.addLayout(self._drafts)
        self.content.addStretch()
        self.draft_buttons: dict[str, QPushButton] = {}
        self.dashboard_button = self.add_button()
        self.dashboard_button.clicked.connect(self.dashboard_requested)
        self.enrol_button = self.add_button()
        self.enrol_button.clicked.connect(self.enrol_requested)
        self.enrol_button.hide()
        # The one primary action is "Fill in for an applicant", at the top.
        self.end_button = self.add_button(stretch_before=True)
        self.end_button.clicked.connect(self.end_requested)
        self._waiting = 0
        self._has_drafts = False
        self._printer_message: Callable[[], str] | None = None
        self._staff: StaffSummary | None = None
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A tap in a tracking-number field shows the tracking keys, typing there.

        A tap, not a press: a finger that lands on the other field to drag the
        page must not move the keys' typing there. (When a drag takes over, the
        field's press is called off with a release far outside it.)
        """
        if isinstance(watched, QLineEdit) and tapped(watched, event):
            self.tracking_keypad.bind(watched)
            self.tracking_keypad.show()
        return False

    def _add_row(self, main: QWidget, button: QPushButton) -> None:
        row = QHBoxLayout()
        row.addWidget(main, 1)
        row.addWidget(button)
        self.content.addLayout(row)

    def _reprint(self) -> None:
        self.reprint_requested.emit(self.reprint_input.text())
        forget_text(self.reprint_input)

    def _correct(self) -> None:
        self.correct_requested.emit(self.correct_input.text().strip())
        forget_text(self.correct_input)

    def show_correction_problem(self, message: str | None) -> None:
        """Say why an application cannot be corrected, or hide the message."""
        self.correct_problem.setText(message or "")
        self.correct_problem.setVisible(bool(message))

    def _unlock_kiosk(self) -> None:
        passphrase = self.passphrase_input.text()
        forget_text(self.passphrase_input)
        self.unlock_kiosk_requested.emit(passphrase)

    def show_kiosk_locked(self, locked: bool) -> None:
        """Offer the passphrase entry only while the kiosk is locked."""
        self.passphrase_input.setVisible(locked)
        self.unlock_kiosk_button.setVisible(locked)

    def show_printer(self, message: Callable[[], str]) -> None:
        """Show the printer's state and how many receipts wait for it (`message` gives
        the line in the current language, so that it follows a language switch)."""
        self._printer_message = message
        self.printer.setText(message())

    def show_speech(self, message: Callable[[], str]) -> None:
        """Show where reading aloud is offered and why not elsewhere (`message` gives
        the line in the current language)."""
        self._speech_message = message
        self.speech.setText(message())

    def show_staff_call(self, message: Callable[[], str] | None) -> None:
        """Someone at the kiosk asked for staff (`message` says when, in the language on
        screen), with the button that clears the call; None: no call waiting."""
        self._staff_call = message
        self.staff_call.setText("" if message is None else message())
        for widget in (self.staff_call, self.answer_call_button):
            widget.setVisible(message is not None)

    def _sync(self) -> None:
        """Say at once that the tap was taken: a cycle can take a while."""
        self.sync_button.setEnabled(False)
        self.show_sync_feedback(lambda: translate("ClerkHomeScreen", "Syncing now…"))
        self.sync_requested.emit()

    def show_sync_feedback(self, message: Callable[[], str] | None) -> None:
        """What the last "Sync now" did (`message` gives it in the language on screen);
        None: nothing to say. The button is offered again once a message other than
        "syncing" is shown."""
        self._sync_feedback = message
        self.sync_feedback.setText("" if message is None else message())
        self.sync_feedback.setVisible(message is not None)

    def sync_finished(self, message: Callable[[], str]) -> None:
        """A cycle ended: say how, if the clerk asked for it, and offer the button again."""
        if not self.sync_button.isEnabled():
            self.sync_button.setEnabled(True)
            self.show_sync_feedback(message)

    def show_waiting(self, count: int) -> None:
        """How many applications wait to be sent, as the last sync cycle counted them
        (the figure read at sign-in is out of date once a cycle sent some)."""
        self._waiting = count
        self._show_waiting()

    def _show_waiting(self) -> None:
        self.backlog.setText(
            translate("ClerkHomeScreen", "Applications waiting to be sent: {count}").format(
                count=self._waiting
            )
        )

    def offer_sync(self, available: bool) -> None:
        """Show "sync now" only on a kiosk that has a central platform."""
        self.sync_button.setVisible(available)

    def offer_enrolment(self, available: bool) -> None:
        """Show "enrol this kiosk" to an administrator of a kiosk not enrolled yet."""
        self.enrol_button.setVisible(available)

    def retranslate(self) -> None:
        self.title.setText(translate("ClerkHomeScreen", "Clerk"))
        if self._printer_message is not None:
            self.printer.setText(self._printer_message())
        if self._speech_message is not None:
            self.speech.setText(self._speech_message())
        self.sync_button.setText(translate("ClerkHomeScreen", "Sync now"))
        if self._staff_call is not None:
            self.staff_call.setText(self._staff_call())
        self.answer_call_button.setText(
            translate("ClerkHomeScreen", "I am with them: clear the call")
        )
        if self._sync_feedback is not None:
            self.sync_feedback.setText(self._sync_feedback())
        self.retry_button.setText(
            translate("ClerkHomeScreen", "Print the receipts waiting for the printer")
        )
        self.reprint_button.setText(
            translate("ClerkHomeScreen", "Print a copy of an earlier receipt")
        )
        self.reprint_input.setPlaceholderText(
            translate("ClerkHomeScreen", "Tracking number of the receipt to copy")
        )
        self.unlock_kiosk_button.setText(translate("ClerkHomeScreen", "Unlock the kiosk"))
        self.passphrase_input.setPlaceholderText(
            translate("ClerkHomeScreen", "Recovery passphrase")
        )
        self._show_waiting()
        self.drafts_caption.setText(
            translate("ClerkHomeScreen", "Unfinished applications (tap one to resume it):")
            if self._has_drafts
            else translate("ClerkHomeScreen", "No unfinished applications.")
        )
        self.dashboard_button.setText(translate("ClerkHomeScreen", "Figures"))
        self.end_button.setText(translate("ClerkHomeScreen", "End session"))
        self.switch_button.setText(translate("ClerkHomeScreen", "Switch staff"))
        self.assist_button.setText(translate("ClerkHomeScreen", "Fill in for an applicant"))
        self.correct_button.setText(translate("ClerkHomeScreen", "Correct application"))
        self.correct_input.setPlaceholderText(
            translate("ClerkHomeScreen", "Tracking number of an application not yet sent")
        )
        self.export_button.setText(translate("ClerkHomeScreen", "Export to USB"))
        self.enrol_button.setText(translate("ClerkHomeScreen", "Enrol this kiosk"))
        self.quit_button.setText(translate("ClerkHomeScreen", "Quit the kiosk program"))
        if self._staff is not None:
            self.signed_in.setText(
                translate("ClerkHomeScreen", "Signed in: {name} ({staff_id}), {role}").format(
                    name=self._staff.name,
                    staff_id=self._staff.staff_id,
                    role=role_name(self._staff.role),
                )
            )
        for staff_id, button in self.unlock_buttons.items():
            button.setText(
                translate("ClerkHomeScreen", "Unlock {name} ({staff_id})").format(
                    name=button.property("staff_name"), staff_id=staff_id
                )
            )

    def show_export_result(self, message: str) -> None:
        """Say what the export to a USB stick did (or why it did not)."""
        self.export_message.setText(message)

    def show_state(
        self,
        staff: StaffSummary,
        notices: Sequence[str],
        waiting: int,
        drafts: Sequence[DraftSummary],
    ) -> None:
        """Fill the screen from what the kiosk knows now, for the member of staff signed in."""
        self.clear_personal_data()
        self._staff = staff
        self.quit_button.setVisible(staff.can_quit)
        for locked_id, name in staff.locked:
            unlock = WrappingButton()
            unlock.setProperty("staff_name", name)
            unlock.clicked.connect(
                lambda _=False, staff_id=locked_id: self.unlock_requested.emit(staff_id)
            )
            self.unlock_buttons[locked_id] = unlock
            self._locked.addWidget(unlock)
        self.notices.setText("\n".join(notices))
        self.notices.setVisible(bool(notices))
        self._waiting = waiting
        self._has_drafts = bool(drafts)
        for draft in drafts:
            whose = draft.whose or translate("ClerkHomeScreen", "name not given yet")
            button = WrappingButton(
                translate(
                    "ClerkHomeScreen", "{whose} — {service} — {answered} answers — {updated}"
                ).format(
                    whose=whose,
                    service=draft.service,
                    answered=draft.answered,
                    updated=draft.updated,
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
        forget_text(self.passphrase_input)
        clear_layout(self._drafts)
        self.draft_buttons.clear()
        clear_layout(self._locked)
        self.unlock_buttons.clear()
        self.export_message.clear()
        self.show_correction_problem(None)
        forget_text(self.correct_input)
        self.tracking_keypad.hide()
        forget_text(self.reprint_input)
        self._staff = None
        self.signed_in.clear()
        self.quit_button.hide()
        self.sync_button.setEnabled(True)
        self.show_sync_feedback(None)
