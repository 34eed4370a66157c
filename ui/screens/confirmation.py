"""After submitting: the tracking number in large type, the documents to bring,
then back to the start on a tap or after a short countdown."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.screens.base import Screen, wrapped_label
from ui.theme import TextRole


class ConfirmationScreen(Screen):
    """Tells the applicant the application is safely stored and how to follow it."""

    finished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.message = wrapped_label("question", TextRole.QUESTION)
        self.tracking_caption = wrapped_label("help")
        self.tracking_number = wrapped_label("tracking", TextRole.TRACKING)
        self.tracking_number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tracking_number.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.documents_caption = wrapped_label("question")
        self.documents = wrapped_label("notice")
        self.countdown = wrapped_label("help")
        self.receipt = wrapped_label("notice")
        self.receipt.hide()
        for widget in (
            self.message,
            self.tracking_caption,
            self.tracking_number,
            self.receipt,
            self.documents_caption,
        ):
            self.content.addWidget(widget)
        # A long list of documents scrolls rather than squeezing the tracking number.
        self.documents_area = QScrollArea()
        self.documents_area.setWidgetResizable(True)
        self.documents_area.setFrameShape(QScrollArea.Shape.NoFrame)
        # In a container with a layout: the scroll area then gives the
        # word-wrapped list the height it needs for its width.
        documents_box = QWidget()
        box_layout = QVBoxLayout(documents_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(self.documents)
        box_layout.addStretch()
        self.documents_area.setWidget(documents_box)
        self.content.addWidget(self.documents_area, 1)
        self.content.addWidget(self.countdown)
        self.done_button = self.add_button("primary", stretch_before=True)
        self.done_button.clicked.connect(self._finish)
        self._seconds_left = 0
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(translate("ConfirmationScreen", "Application submitted"))
        self.message.setText(
            translate(
                "ConfirmationScreen",
                "Your application is saved on this kiosk and will be sent to the county office.",
            )
        )
        self.tracking_caption.setText(
            translate(
                "ConfirmationScreen", "Your tracking number. Keep it to check your application:"
            )
        )
        self.documents_caption.setText(
            translate("ConfirmationScreen", "Please bring these documents to the service centre:")
        )
        self.done_button.setText(translate("ConfirmationScreen", "Finish"))
        self._show_countdown()

    def show_submitted(self, tracking_number: str, documents: Sequence[str], seconds: int) -> None:
        """Show the outcome and start the countdown back to the start screen."""
        self.tracking_number.setText(tracking_number)
        has_documents = bool(documents)
        self.documents.setText("\n".join(f"• {text}" for text in documents))
        self.documents_area.setVisible(has_documents)
        self.documents_caption.setVisible(has_documents)
        self._seconds_left = seconds
        self._show_countdown()
        self._timer.start()

    def show_receipt_message(self, message: str) -> None:
        """Say what became of the printed receipt (printed, or what to do without it)."""
        self.receipt.setText(message)
        self.receipt.setVisible(bool(message))

    def clear_personal_data(self) -> None:
        self._timer.stop()
        self.show_receipt_message("")
        self.tracking_number.clear()
        self.documents.clear()

    def _tick(self) -> None:
        self._seconds_left -= 1
        if self._seconds_left <= 0:
            self._finish()
        else:
            self._show_countdown()

    def _show_countdown(self) -> None:
        self.countdown.setText(
            translate(
                "ConfirmationScreen", "This screen returns to the start in {seconds} seconds."
            ).format(seconds=self._seconds_left)
        )

    def _finish(self) -> None:
        self._timer.stop()
        self.finished.emit()
