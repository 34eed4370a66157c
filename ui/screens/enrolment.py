"""Enrolling the kiosk with the central platform, on the kiosk's own screen.

An administrator reaches it after their PIN. The central address comes from
the settings, the console's enrolment QR code (read by the camera or a
hand-held scanner) or the on-screen keypad; the code likewise. A private
certificate authority is chosen from the PEM files on a USB stick. The
screen only gathers and shows: :class:`ui.enrolment_flow.EnrolmentFlow`
does the enrolment off the GUI thread and brings back the result.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from sync.enrolment_setup import EnrolmentFailed, EnrolmentProblem, read_invitation
from ui.i18n import translate
from ui.scanning.camera_slot import CameraSlot, SharedCamera
from ui.scanning.wedge import WedgeRecogniser
from ui.screens.base import Screen, wrapped_label
from ui.widgets.base import discard_widget, forget_text
from ui.widgets.code_keypad import CodeKeypad
from ui.widgets.wrapping_button import WrappingButton

if TYPE_CHECKING:  # the camera code loads when the screen is first shown
    from ui.scanning.camera_view import CameraView


def problem_text(problem: EnrolmentProblem) -> str:
    """What went wrong, in words an installer can act on."""
    texts = {
        EnrolmentProblem.ADDRESS_NOT_SECURE: translate(
            "EnrolmentScreen",
            "This address is not secure: use an address starting with https://"
            " (plain http:// is allowed only to this computer).",
        ),
        EnrolmentProblem.ADDRESS_INVALID: translate(
            "EnrolmentScreen",
            "This is not a web address. It starts with https://, for example"
            " https://central.example.org",
        ),
        EnrolmentProblem.ADDRESS_WRONG: translate(
            "EnrolmentScreen",
            "No central platform answers at this address. Check the address shown on the console.",
        ),
        EnrolmentProblem.CODE_INVALID: translate(
            "EnrolmentScreen",
            "This is not an enrolment code. Scan the enrolment QR code the console shows,"
            " or type its code (8 or more letters and digits).",
        ),
        EnrolmentProblem.CODE_REFUSED: translate(
            "EnrolmentScreen",
            "The central platform does not accept this code: it is unknown, already used"
            " or expired. Make a new code on the console.",
        ),
        EnrolmentProblem.KIOSK_REVOKED: translate(
            "EnrolmentScreen",
            "This kiosk has been revoked on the central platform and cannot be enrolled."
            " Ask the central office.",
        ),
        EnrolmentProblem.CENTRAL_NOT_SET_UP: translate(
            "EnrolmentScreen",
            "The central platform is not set up yet: its administrator must first make its"
            " signing key (kiosk-central generate-key). Then try again.",
        ),
        EnrolmentProblem.NO_NETWORK: translate(
            "EnrolmentScreen",
            "The central platform cannot be reached. Check the network cable or Wi-Fi,"
            " then try again.",
        ),
        EnrolmentProblem.CERTIFICATE: translate(
            "EnrolmentScreen",
            "The central platform's certificate is not trusted. Choose its certificate"
            " file (CA) from a USB stick, then try again.",
        ),
        EnrolmentProblem.CA_FILE_INVALID: translate(
            "EnrolmentScreen",
            "The chosen file is not a certificate file (PEM). Choose another one.",
        ),
        EnrolmentProblem.SETTINGS_NOT_SAVED: translate(
            "EnrolmentScreen",
            "The kiosk is enrolled, but its settings could not be saved. Tell support.",
        ),
    }
    return texts[problem]


class EnrolmentScreen(Screen):
    """Central address, enrolment code, certificate choice, and the outcome."""

    enrol_requested = Signal(str, str, object)
    """The address, the code (or the QR code's text) and the chosen CA file or None."""
    drives_requested = Signal()
    """Look for USB sticks (again) and list their certificate files."""
    back_requested = Signal()
    done_requested = Signal()

    def __init__(self, camera: SharedCamera) -> None:
        """The kiosk's camera view shows here while the screen is shown (the identify
        screen's view: there is one camera)."""
        super().__init__()
        self.address_label = wrapped_label("help")
        self.address_input = QLineEdit()
        self.code_label = wrapped_label("help")
        self.code_input = QLineEdit()
        self.code_input.setMaxLength(64)
        for field in (self.address_input, self.code_input):
            field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            field.installEventFilter(self)
        self.code_input.returnPressed.connect(self._submit)
        self.scan_prompt = wrapped_label("help")
        self.camera_slot = CameraSlot(camera)
        self.camera_slot.code_read.connect(self.take_scan)
        self.ca_label = wrapped_label("help")
        ca_place = QWidget()
        self._ca_column = QVBoxLayout(ca_place)
        self._ca_column.setContentsMargins(0, 0, 0, 0)
        self._ca_group = QButtonGroup(self)
        self._ca_group.setExclusive(True)
        self.system_ca_button = WrappingButton()
        self.ca_buttons: dict[Path, WrappingButton] = {}
        self.drives_button = WrappingButton()
        self.drives_button.clicked.connect(self.drives_requested)
        self.outcome = wrapped_label("problem")
        self.outcome.hide()
        self.wedge = WedgeRecogniser(parent=self)
        self.wedge.scanned.connect(self.take_scan)
        self.keypad = CodeKeypad(self.code_input)
        # Both fields in one row across the top, keypad and the scanning guidance side by side, the
        # certificate choice in one row under them: all of it within 1280×800.
        fields = QHBoxLayout()
        fields.setSpacing(24)
        for label, field in (
            (self.address_label, self.address_input),
            (self.code_label, self.code_input),
        ):
            fields.addWidget(label)
            fields.addWidget(field, 1)
        self.content.addLayout(fields)
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        guidance = QVBoxLayout()
        for widget in (self.outcome, self.scan_prompt):
            guidance.addWidget(widget)
        guidance.addWidget(self.camera_slot, 1)
        row.addLayout(guidance, 1)
        self.content.addLayout(row)
        certificate = QHBoxLayout()
        certificate.setSpacing(24)
        certificate.addWidget(self.ca_label, 2)
        certificate.addWidget(ca_place, 3, Qt.AlignmentFlag.AlignTop)
        certificate.addWidget(self.drives_button, 3, Qt.AlignmentFlag.AlignTop)
        self.content.addLayout(certificate)
        self.content.addStretch()
        self.back_button = self.add_button()
        self.back_button.clicked.connect(self.back_requested)
        self.enrol_button = self.add_button("primary", stretch_before=True)
        self.enrol_button.clicked.connect(self._submit)
        self.done_button = self.add_button("primary")
        self.done_button.clicked.connect(self.done_requested)
        self.done_button.hide()
        self.show_ca_files([])
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(translate("EnrolmentScreen", "Enrol this kiosk"))
        self.scan_prompt.setText(
            translate(
                "EnrolmentScreen",
                "On the console, show this kiosk's enrolment QR code. Hold it to the camera"
                " or the scanner, or type its code.",
            )
        )
        self.address_label.setText(translate("EnrolmentScreen", "Central platform address"))
        self.code_label.setText(translate("EnrolmentScreen", "Enrolment code"))
        self.ca_label.setText(translate("EnrolmentScreen", "Certificate authority (CA)"))
        self.system_ca_button.setText(
            translate("EnrolmentScreen", "The computer's own list (most platforms)")
        )
        self.drives_button.setText(
            translate("EnrolmentScreen", "Look for certificate files on a USB stick")
        )
        self.back_button.setText(translate("EnrolmentScreen", "Back"))
        self.enrol_button.setText(translate("EnrolmentScreen", "Enrol"))
        self.done_button.setText(translate("EnrolmentScreen", "Done"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The keypad types into the field last touched."""
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            if watched is self.address_input:
                self.keypad.bind(self.address_input, upper_case=False)
            elif watched is self.code_input:
                self.keypad.bind(self.code_input, upper_case=True)
        return False

    def start(self, central_address: str | None) -> None:
        """A fresh start: the configured address (if any) filled in, no code yet."""
        self.clear_personal_data()
        self.address_input.setText(central_address or "")
        self.keypad.bind(self.code_input, upper_case=True)

    def show_ca_files(self, files: list[Path]) -> None:
        """Offer the system's CAs and each certificate file found, keeping the choice."""
        chosen = self.chosen_ca_file()
        for button in self._ca_group.buttons():
            self._ca_group.removeButton(button)
        for button in self.ca_buttons.values():
            discard_widget(button)
        self.ca_buttons = {}
        for button in [self.system_ca_button, *self._file_buttons(files)]:
            button.setCheckable(True)
            self._ca_group.addButton(button)
            self._ca_column.addWidget(button)
        self.ca_buttons.get(chosen or Path(), self.system_ca_button).setChecked(True)

    def chosen_ca_file(self) -> Path | None:
        """The certificate file picked, or None for the system's own list."""
        for path, button in self.ca_buttons.items():
            if button.isChecked():
                return path
        return None

    def take_scan(self, text: str) -> None:
        """A QR code was read: fill in the address and code it holds, or say it is not one."""
        try:
            invitation = read_invitation(text)
        except EnrolmentFailed as failure:
            self.show_outcome(problem_text(failure.problem))
            return
        if invitation.central is not None:
            self.address_input.setText(invitation.central)
        self.code_input.setText(invitation.code)
        self.show_outcome(
            translate("EnrolmentScreen", "Code read. Check the address, then tap Enrol.")
        )

    def show_busy(self) -> None:
        """Enrolment is under way: no second tap."""
        self.enrol_button.setEnabled(False)
        self.show_outcome(translate("EnrolmentScreen", "Enrolling… this can take a minute."))

    def show_enrolled(self, kiosk_code: str) -> None:
        """It worked: say so, and offer only to go on."""
        forget_text(self.code_input)
        self.enrol_button.setEnabled(True)
        self.enrol_button.hide()
        self.back_button.hide()
        self.done_button.show()
        self.show_outcome(
            translate(
                "EnrolmentScreen",
                "Enrolled as kiosk {code}. The kiosk now sends applications to the central"
                " platform and receives form updates.",
            ).format(code=kiosk_code)
        )

    def show_problem(self, problem: EnrolmentProblem | None, message: str = "") -> None:
        """It did not work: say why in plain words; everything typed stays for a retry.

        ``message`` is for a failure that is not one of the enrolment problems.
        """
        self.enrol_button.setEnabled(True)
        self.show_outcome(problem_text(problem) if problem is not None else message)

    def show_outcome(self, message: str) -> None:
        self.outcome.setText(message)
        self.outcome.setVisible(bool(message))

    def clear_personal_data(self) -> None:
        forget_text(self.code_input)
        self.show_outcome("")
        self.enrol_button.setEnabled(True)
        self.enrol_button.show()
        self.back_button.show()
        self.done_button.hide()

    def showEvent(self, event: QShowEvent) -> None:
        """Camera and hand-held scanner listen only while this screen is shown."""
        super().showEvent(event)
        self.camera_slot.start()
        self.wedge.install()

    def hideEvent(self, event: QHideEvent) -> None:
        """Scanner and camera stop once the screen is left."""
        self.wedge.remove()
        self.camera_slot.stop()
        super().hideEvent(event)

    def shut_down(self) -> None:
        """End the camera's decoding thread (when the kiosk closes)."""
        self.wedge.remove()
        self.camera_slot.shut_down()

    @property
    def camera(self) -> CameraView:
        """The camera view, set up on first use."""
        return self.camera_slot.camera

    def _file_buttons(self, files: list[Path]) -> list[WrappingButton]:
        for path in files:
            button = WrappingButton()
            button.setText(f"{path.name}  ({path.parent})")
            self.ca_buttons[path] = button
        return list(self.ca_buttons.values())

    def _submit(self) -> None:
        self.enrol_requested.emit(
            self.address_input.text(), self.code_input.text(), self.chosen_ca_file()
        )
