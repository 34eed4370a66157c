"""Check one's applications by ID number and date of birth, for a lost receipt.

Reached from "Check my application". The ID number is typed on the number
pad or read from the ID card's QR code by a hand-held scanner (recognised by
its typing speed, as on the identify screen); the date of birth is typed as
year, month and day on the same pad. The answer lists only service, tracking number, status
and date of each application, and says when the central platform could not
be asked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QLineEdit

from ui.i18n import left_to_right, translate
from ui.scanning.wedge import WedgeRecogniser
from ui.screens.base import Screen, wrapped_label
from ui.theme import TextRole
from ui.widgets.base import forget_text, tapped
from ui.widgets.id_number_validator import ID_NUMBER_LENGTH, IdNumberValidator

if TYPE_CHECKING:  # the look-up code loads with the first check, not at start-up
    from kiosk.status_by_id import IdLookupResult, QueryProblem

BIRTH_DATE_LENGTH = len("1956-03-12")
"""Typed as 19560312; a scanned ID card gives 1956-03-12."""


class CheckByIdScreen(Screen):
    """An ID number and a date of birth in, the person's applications out."""

    lookup_requested = Signal(str, str)
    """The ID number and the date of birth as typed (checked by the flow)."""
    code_scanned = Signal(str)
    """The text of the ID card's QR code from a hand-held scanner, not yet checked."""
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.prompt = wrapped_label("question", TextRole.QUESTION)
        self.id_label = wrapped_label("help")
        self.id_input = QLineEdit()
        self.id_input.setMaxLength(ID_NUMBER_LENGTH + 4)  # room for spaces people type
        self.id_input.setValidator(IdNumberValidator(self.id_input))
        self.birth_label = wrapped_label("help")
        self.birth_input = QLineEdit()
        self.birth_input.setMaxLength(BIRTH_DATE_LENGTH)
        for field in (self.id_input, self.birth_input):
            field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            field.returnPressed.connect(self._lookup)
            field.installEventFilter(self)
        self.scan_hint = wrapped_label("help")
        self.result = wrapped_label("notice")
        self.result.hide()
        self.keypad = self.add_keypad_row(
            [
                self.prompt,
                self.id_label,
                self.id_input,
                self.birth_label,
                self.birth_input,
                self.scan_hint,
                self.result,
            ],
            self.id_input,
            "X",
        )
        self.keypad.bind(self.birth_input)  # neither field calls up the on-screen keyboard
        self.keypad.bind(self.id_input)
        self.wedge = WedgeRecogniser(parent=self)
        self.wedge.scanned.connect(self.code_scanned)
        self.back_button = self.add_button()
        self.back_button.clicked.connect(self.back_requested)
        self.lookup_button = self.add_button("primary", stretch_before=True)
        self.lookup_button.clicked.connect(self._lookup)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the screen in the current language."""
        self.title.setText(translate("CheckByIdScreen", "Check with your ID card"))
        self.prompt.setText(
            translate("CheckByIdScreen", "Lost your receipt? Enter your ID number and birth date")
        )
        self.id_label.setText(translate("CheckByIdScreen", "ID number (18 characters)"))
        self.birth_label.setText(
            translate("CheckByIdScreen", "Date of birth: year, month, day, e.g. {example}").format(
                example=left_to_right("19560312")
            )
        )
        self.scan_hint.setText(
            translate("CheckByIdScreen", "Or hold the QR code of your ID card to the scanner")
        )
        self.back_button.setText(translate("CheckByIdScreen", "Back"))
        self.lookup_button.setText(translate("CheckByIdScreen", "Check"))

    def fill(self, id_number: str, birth_date: str) -> None:
        """Put what a scanned ID card says into the fields."""
        self.id_input.setText(id_number)
        self.birth_input.setText(birth_date)

    def show_result(self, message: str) -> None:
        """Show what was found, or why nothing could be, scrolled into view (in large
        text or Uyghur it is below the fields)."""
        self.result.setText(message)
        self.result.show()
        QTimer.singleShot(0, lambda: self.body_scroll.ensureWidgetVisible(self.result))

    def show_problem(self, problem: QueryProblem) -> str:
        """Say what is wrong with what was typed; the message, for reading aloud."""
        from kiosk.status_by_id import QueryProblem

        if problem is QueryProblem.ID_NUMBER:
            message = translate(
                "CheckByIdScreen",
                "This is not a valid ID number. It has 18 characters; only the last may be X.",
            )
        else:
            message = translate(
                "CheckByIdScreen",
                "This date of birth is not possible. Please enter year, month and day,"
                " e.g. {example}.",
            ).format(example=left_to_right("19560312"))
        self.show_result(message)
        return message

    def show_found(self, found: IdLookupResult, title_of: Callable[[str, int], str]) -> str:
        """List each application found (service, tracking number, status, date), and
        say where the kiosk could not look; the text, for reading aloud.

        ``title_of(form_id, version)`` names a service in the current language.
        """
        from kiosk.status_by_id import CentralAnswer

        lines = [
            translate("CheckByIdScreen", "{service}, {number}: {status} ({date})").format(
                service=title_of(summary.form_id, summary.form_version),
                number=left_to_right(summary.tracking_number),
                status=_status_words(summary.status),
                date=left_to_right(summary.day),
            )
            for summary in found.applications
        ]
        if not lines:
            lines.append(
                translate(
                    "CheckByIdScreen",
                    "No application was found for this ID number and date of birth."
                    " Please check both, or ask the staff.",
                )
            )
        if not found.local_searched:
            lines.append(
                translate(
                    "CheckByIdScreen",
                    "The applications made at this kiosk cannot be searched just now.",
                )
            )
        if found.central is CentralAnswer.UNREACHABLE:
            lines.append(
                translate(
                    "CheckByIdScreen",
                    "The county office could not be reached just now: only applications"
                    " made at this kiosk are shown, with the last status it knows.",
                )
            )
        message = "\n".join(lines)
        self.show_result(message)
        return message

    def clear_personal_data(self) -> None:
        """Forget the number, the date and what was found."""
        forget_text(self.id_input)
        forget_text(self.birth_input)
        self.result.clear()
        self.result.hide()
        self.id_input.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The number pad types into the field last tapped (or given the focus).

        A tap, not a press: a finger that lands on the other field to drag the
        page must not move the pad's typing there (a drag calls the field's press
        off with a release outside it), as on the clerk's tracking fields.
        """
        if isinstance(watched, QLineEdit) and (
            tapped(watched, event) or event.type() == QEvent.Type.FocusIn
        ):
            self.keypad.bind(watched)
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        """The hand-held scanner is listened for only while this screen is on."""
        super().showEvent(event)
        self.wedge.install()

    def hideEvent(self, event: QHideEvent) -> None:
        """No longer listened for once left."""
        self.wedge.remove()
        super().hideEvent(event)

    def _lookup(self) -> None:
        self.lookup_requested.emit(self.id_input.text(), self.birth_input.text())


def _status_words(status: str | None) -> str:
    """A status value (None: not yet sent) as the applicant reads it."""
    if status is None:
        return translate("CheckStatusScreen", "Waiting to be sent to the county office")
    from sync.protocol import ApplicationStatus
    from ui.screens.check_status import status_text

    return status_text(ApplicationStatus(status))
