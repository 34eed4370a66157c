"""Check an earlier application by its tracking number.

The status shown is the newest the kiosk knows: waiting to be sent, received
by the county office (the centre acknowledged it), or a status the office
set and the sync worker pulled, with the office's note in the applicant's
language when it wrote one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit

from ui.i18n import left_to_right, translate
from ui.screens.base import Screen, wrapped_label
from ui.theme import TextRole
from ui.widgets.base import forget_text
from ui.widgets.keypad import TrackingKeypad

if TYPE_CHECKING:  # the sync code loads with the first status shown, not at start-up
    from sync.protocol import ApplicationStatus
    from sync.status_pull import LatestStatus


class CheckStatusScreen(Screen):
    """A tracking number in, the latest known status out."""

    lookup_requested = Signal(str)
    back_requested = Signal()
    by_id_requested = Signal()
    """The person has no receipt: check with the ID number and date of birth instead."""

    def __init__(self) -> None:
        super().__init__()
        self.prompt = wrapped_label("question", TextRole.QUESTION)
        self.number_input = QLineEdit()
        self.number_input.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.number_input.returnPressed.connect(self._lookup)
        # Its own keys, the same in every language: the on-screen keyboard would
        # offer Pinyin candidates in Chinese and no Latin letters in Uyghur.
        self.keypad = TrackingKeypad(self.number_input)
        self.result = wrapped_label("notice")
        self.result.hide()
        for widget in (self.prompt, self.number_input, self.result, self.keypad):
            self.content.addWidget(widget)
        self.content.addStretch()
        self.back_button = self.add_button()
        self.back_button.clicked.connect(self.back_requested)
        self.by_id_button = self.add_button(stretch_before=True)
        self.by_id_button.clicked.connect(self.by_id_requested)
        self.lookup_button = self.add_button("primary")
        self.lookup_button.clicked.connect(self._lookup)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(translate("CheckStatusScreen", "Check my application"))
        self.prompt.setText(
            translate("CheckStatusScreen", "Enter the tracking number on your receipt")
        )
        # In the field, not under it: the keypad's last row must fit above the fold.
        self.number_input.setPlaceholderText(
            translate("CheckStatusScreen", "For example DEMO01-261127-0042-K")
        )
        self.back_button.setText(translate("CheckStatusScreen", "Back"))
        self.by_id_button.setText(translate("CheckStatusScreen", "No receipt? Use your ID card"))
        self.lookup_button.setText(translate("CheckStatusScreen", "Check"))

    def show_result(self, message: str) -> None:
        """Show what is known about the application."""
        self.result.setText(message)
        self.result.show()

    def show_status(self, service: str, latest: LatestStatus | None, language: str) -> None:
        """Show the newest known status of one application in ``language``.

        ``latest`` is None while the application still waits in the outbox.
        """
        if latest is None:
            status = translate("CheckStatusScreen", "Waiting to be sent to the county office")
            self.show_result(
                translate("CheckStatusScreen", "{service}: {status}").format(
                    service=service, status=status
                )
            )
            return
        lines = [
            translate("CheckStatusScreen", "{service}: {status}").format(
                service=service, status=status_text(latest.status)
            )
        ]
        from sync.protocol import ApplicationStatus

        note = latest.note_in(language)
        if note:
            template = (
                translate("CheckStatusScreen", "Reason: {note}")
                if latest.status is ApplicationStatus.REJECTED
                else translate("CheckStatusScreen", "Note: {note}")
            )
            lines.append(template.format(note=note))
        lines.append(
            translate("CheckStatusScreen", "Updated {date}").format(
                date=left_to_right(latest.changed_at[:10])
            )
        )
        self.show_result("\n".join(lines))

    def clear_personal_data(self) -> None:
        forget_text(self.number_input)
        self.result.clear()
        self.result.hide()

    def _lookup(self) -> None:
        self.lookup_requested.emit(self.number_input.text())


def status_text(status: ApplicationStatus) -> str:
    """A status as the applicant reads it, in the current language."""
    from sync.protocol import ApplicationStatus

    if status is ApplicationStatus.RECEIVED:
        return translate("CheckStatusScreen", "Received by the county office")
    if status is ApplicationStatus.IN_REVIEW:
        return translate("CheckStatusScreen", "Being reviewed")
    if status is ApplicationStatus.APPROVED:
        return translate("CheckStatusScreen", "Approved")
    if status is ApplicationStatus.REJECTED:
        return translate("CheckStatusScreen", "Not approved")
    return translate("CheckStatusScreen", "More documents are needed")
