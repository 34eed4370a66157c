"""Identify the applicant: scan the ID card's QR code, or type the ID number.

Three ways in, all on this one screen: the camera (preview with a guide
frame), a hand-held USB scanner (recognised by its typing speed anywhere on
the screen, without its characters landing in the ID field), and the large
keypad. A valid typed number fills in the birth date and gender; a scanned
code is checked by the flow, which then shows the outcome here, with a chime
when its answers were filled in and, for an assisting clerk only, the photo
a verified code carries.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.scanning.camera_slot import CameraSlot, SharedCamera
from ui.scanning.scan_sound import ScanSound
from ui.scanning.wedge import WedgeRecogniser
from ui.screens.base import Screen, wrapped_label
from ui.screens.offers import ServiceOffers
from ui.theme import TextRole
from ui.widgets.base import forget_text
from ui.widgets.id_number_validator import ID_NUMBER_LENGTH, IdNumberValidator

if TYPE_CHECKING:  # identity and camera code load with the first visit, not at start-up
    from kiosk.identity import FacePhoto, IdentityResult
    from ui.scanning.camera_view import CameraView
    from ui.scanning.face_photo import FacePhotoPanel


class IdentifyScreen(Screen):
    """Asks for the applicant's resident ID number, typed or scanned."""

    id_entered = Signal(str)
    code_scanned = Signal(str)
    """The text of a QR code from the camera or a hand-held scanner, not yet checked."""
    skip_requested = Signal()
    back_requested = Signal()
    read_accepted = Signal()
    """The ID was read and the kiosk waited on this screen (for the assisting clerk to
    compare its photo with the person, or for the person to choose among the other
    services): Continue goes on to the questions."""
    service_chosen = Signal(str)
    """Another service (its form id) is to be applied for first, with the ID read once."""

    def __init__(self, camera: SharedCamera) -> None:
        """The kiosk's camera view shows here while the screen is shown; it (and
        QtMultimedia with it) is only set up the first time."""
        super().__init__()
        self.prompt = wrapped_label("question", TextRole.QUESTION)
        self.help = wrapped_label("help")
        self.id_input = QLineEdit()
        self.id_input.setMaxLength(ID_NUMBER_LENGTH + 4)  # room for spaces people type
        self.id_input.setValidator(IdNumberValidator(self.id_input))
        self.id_input.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.id_input.returnPressed.connect(self._submit)
        self.problem = wrapped_label("problem")
        self.problem.hide()
        self.scan_prompt = wrapped_label("question")
        self.scan_prompt.hide()  # shown with the camera; hand-held scanners need no prompt
        self.camera_slot = CameraSlot(camera)
        self.camera_slot.code_read.connect(self.code_scanned)
        self.scan_outcome = wrapped_label("scan_outcome")
        self.scan_outcome.hide()
        self.sound = ScanSound()
        self._photo_panel: FacePhotoPanel | None = None
        photo_place = QWidget()
        self._photo_slot = QVBoxLayout(photo_place)
        self._photo_slot.setContentsMargins(0, 0, 0, 0)
        self.wedge = WedgeRecogniser(parent=self)
        self.wedge.scanned.connect(self.code_scanned)
        self.add_keypad_row(
            [
                self.prompt,
                self.help,
                self.id_input,
                self.problem,
                self.scan_prompt,
                self.camera_slot,
                self.scan_outcome,
                photo_place,
            ],
            self.id_input,
            "X",
        )
        # The other services this person may apply for, once the card has told us who
        # they are: one tap starts one now; the rest are offered again after each submit.
        self.offers = ServiceOffers()
        self.offers.chosen.connect(self.service_chosen)
        self.content.addWidget(self.offers)
        self.back_button = self.add_button()
        self.back_button.clicked.connect(self.back_requested)
        self.skip_button = self.add_button(stretch_before=True)
        self.skip_button.clicked.connect(self.skip_requested)
        self.continue_button = self.add_button("primary")
        self.continue_button.clicked.connect(self._submit)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the screen in the current language."""
        self.title.setText(translate("IdentifyScreen", "Who is applying?"))
        self.prompt.setText(translate("IdentifyScreen", "Enter the ID number from the ID card"))
        self.help.setText(
            translate(
                "IdentifyScreen",
                "18 characters at the bottom of the side with your photo; the last one may be"
                " the letter X.",
            )
        )
        self.scan_prompt.setText(translate("IdentifyScreen", "Or scan the QR code on your ID card"))
        self.back_button.setText(translate("IdentifyScreen", "Back"))
        self.skip_button.setText(translate("IdentifyScreen", "I have no ID card with me"))
        self.continue_button.setText(translate("IdentifyScreen", "Continue"))
        self.offers.caption.setText(
            translate(
                "IdentifyScreen",
                "You can also apply for these today, without giving your details again. "
                "Tap one to do it first, or tap Continue. The others are offered again "
                "after each application.",
            )
        )

    def show_problem(self, message: str | None) -> None:
        """Explain what is wrong with the number typed, or hide the message."""
        self.problem.setText(message or "")
        self.problem.setVisible(bool(message))

    @property
    def camera(self) -> CameraView:
        """The camera view, set up on first use."""
        return self.camera_slot.camera

    def show_scan_outcome(self, found: IdentityResult, language: str) -> str:
        """Tell the applicant what the scan found; the message, for reading aloud.

        A code whose answers fill the form is confirmed with a chime too; one
        that could not be used leaves the camera looking again, so the
        applicant can retry or type the number.
        """
        from ui.scanning.messages import outcome_message

        message = outcome_message(found, language)
        self.scan_outcome.setText(message)
        self.scan_outcome.show()
        if found.outcome.may_prefill:
            self.sound.play_success()
        elif self.isVisible():
            self.camera.start()
        return message

    def show_visit_offers(self, services: Sequence[tuple[str, str]]) -> None:
        """Offer the other services this person may also apply for in this visit, as
        (form id, title); the kiosk then waits here for a tap. They come below the keypad
        row: brought into view once laid out, as the clerk's photo is."""
        self.offers.show_offers(services)
        if services:
            QTimer.singleShot(0, self, lambda: self.body_scroll.ensureWidgetVisible(self.offers))

    @property
    def photo_panel(self) -> FacePhotoPanel:
        """The clerk's view of a verified ID's photo, made on first use."""
        if self._photo_panel is None:
            from ui.scanning.face_photo import FacePhotoPanel

            self._photo_panel = FacePhotoPanel()
            self._photo_slot.addWidget(self._photo_panel)
        return self._photo_panel

    def show_clerk_photo(self, photo: FacePhoto) -> None:
        """Show the assisting clerk the photo of a verified ID (never to an applicant alone);
        Continue then goes on to the questions."""
        panel = self.photo_panel
        panel.show_photo(photo)
        # Below the keypad row's other texts: bring it into view once laid out.
        QTimer.singleShot(0, lambda: self.body_scroll.ensureWidgetVisible(panel))

    def _clear_photo(self) -> None:
        if self._photo_panel is not None:
            self._photo_panel.clear()

    def clear_personal_data(self) -> None:
        """Forget the number typed and the scan outcome; the camera stops."""
        forget_text(self.id_input)
        self.show_problem(None)
        self.scan_outcome.clear()
        self.scan_outcome.hide()
        self.show_visit_offers(())
        self._clear_photo()
        self.camera_slot.stop()

    def showEvent(self, event: QShowEvent) -> None:
        """Camera and hand-held scanner listen only while this step is on screen."""
        super().showEvent(event)
        self.scan_prompt.setVisible(self.camera_slot.start())
        self.sound.prepare()
        self.wedge.install()

    def hideEvent(self, event: QHideEvent) -> None:
        """Camera off, scanner no longer recognised and any ID photo gone once the step is left."""
        self.wedge.remove()
        self._clear_photo()
        self.camera_slot.stop()
        super().hideEvent(event)

    def shut_down(self) -> None:
        """Stop the camera and its decoding (when the kiosk closes)."""
        self.wedge.remove()
        self.camera_slot.shut_down()

    def _submit(self) -> None:
        if self.offers.isVisibleTo(self) or (
            self._photo_panel is not None and self._photo_panel.isVisible()
        ):
            self.read_accepted.emit()
        else:
            self.id_entered.emit(self.id_input.text())
