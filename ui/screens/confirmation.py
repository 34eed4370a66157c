"""After submitting: the tracking number in large type, the documents to bring,
a one-tap rating of the visit, then back to the start on a tap or after a
short countdown."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout

from ui.i18n import translate
from ui.screens.base import Screen, wrapped_label
from ui.theme import TextRole, set_role
from ui.widgets.wrapping_button import WrappingButton

RATINGS = (1, 2, 3, 4, 5)


class ConfirmationScreen(Screen):
    """Tells the applicant the application is safely stored and how to follow it."""

    finished = Signal()
    rated = Signal(int)
    """A rating from 1 (very unhappy) to 5 (very happy), given with one tap."""
    more_requested = Signal()
    """The person wants to leave a complaint or a suggestion."""

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
        ):
            self.content.addWidget(widget)
        # The rating sits above the documents, which scroll: one tap, always in view.
        self.rating_caption = wrapped_label("question")
        self.content.addWidget(self.rating_caption)
        rating_row = QHBoxLayout()
        self.rating_buttons: dict[int, WrappingButton] = {}
        for rating in RATINGS:
            button = WrappingButton()
            set_role(button, "option")
            button.clicked.connect(lambda _=False, given=rating: self._rate(given))
            self.rating_buttons[rating] = button
            rating_row.addWidget(button)
        self.content.addLayout(rating_row)
        self.content.addWidget(self.documents_caption)
        # A long list of documents scrolls with the whole screen (its only scrolling area).
        self.content.addWidget(self.documents)
        self.content.addStretch()
        self.content.addWidget(self.countdown)
        self.more_button = self.add_button()
        self.more_button.clicked.connect(self._ask_more)
        self.done_button = self.add_button("primary", stretch_before=True)
        self.done_button.clicked.connect(self._finish)
        self._seconds_left = 0
        self._rated = False
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
        self.more_button.setText(translate("ConfirmationScreen", "Complaint or suggestion"))
        self.rating_caption.setText(
            translate("ConfirmationScreen", "Thank you for your rating.")
            if self._rated
            else translate("ConfirmationScreen", "How was your visit today? Tap one:")
        )
        names = {
            1: translate("ConfirmationScreen", "1 Very bad"),
            2: translate("ConfirmationScreen", "2 Bad"),
            3: translate("ConfirmationScreen", "3 Fair"),
            4: translate("ConfirmationScreen", "4 Good"),
            5: translate("ConfirmationScreen", "5 Very good"),
        }
        for rating, button in self.rating_buttons.items():
            button.setText(names[rating])
        self._show_countdown()

    def show_submitted(self, tracking_number: str, documents: Sequence[str], seconds: int) -> None:
        """Show the outcome and start the countdown back to the start screen."""
        self.tracking_number.setText(tracking_number)
        has_documents = bool(documents)
        self.documents.setText("\n".join(f"• {text}" for text in documents))
        self.documents.setVisible(has_documents)
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
        self._show_rating(rated=False)
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

    def _rate(self, rating: int) -> None:
        self._show_rating(rated=True)
        self.rated.emit(rating)

    def _show_rating(self, rated: bool) -> None:
        self._rated = rated
        for button in self.rating_buttons.values():
            button.setVisible(not rated)
        self.retranslate()

    def _ask_more(self) -> None:
        self._timer.stop()
        self.more_requested.emit()

    def _finish(self) -> None:
        self._timer.stop()
        self.finished.emit()
