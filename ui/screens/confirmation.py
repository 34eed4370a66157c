"""After submitting: the tracking number in large type, the documents to bring,
a one-tap rating of the visit, then back to the start on a tap or after a
countdown that every touch starts again.

Everything is in the screen's one scrolling body (no list scrolling inside
it): the documents come right after the number, because they are what the
person must act on; then the other services this person may apply for in the
same visit (one tap starts one, with what they already told us carried over);
the rating, which is optional, follows them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout

from ui.i18n import translate
from ui.screens.base import Screen, wrapped_label
from ui.screens.offers import ServiceOffers
from ui.theme import TextRole, set_role
from ui.widgets.wrapping_button import WrappingButton

RATINGS = (1, 2, 3, 4, 5)

TOUCH_EVENTS = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress)


class ConfirmationScreen(Screen):
    """Tells the applicant the application is safely stored and how to follow it."""

    finished = Signal()
    rated = Signal(int)
    """A rating from 1 (very unhappy) to 5 (very happy), given with one tap."""
    more_requested = Signal()
    """The person wants to leave a complaint or a suggestion."""
    service_chosen = Signal(str)
    """The person applies for another service (its form id) in the same visit."""

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
        self.visit_numbers = wrapped_label("help")
        self.visit_numbers.hide()
        for widget in (
            self.message,
            self.tracking_caption,
            self.tracking_number,
            self.visit_numbers,
            self.receipt,
            self.documents_caption,
            self.documents,
        ):
            self.content.addWidget(widget)
        self.offers = ServiceOffers()
        self.offers.chosen.connect(self._choose)
        self.content.addWidget(self.offers)
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
        self.content.addWidget(self.countdown)
        self.content.addStretch()
        self.more_button = self.add_button()
        self.more_button.clicked.connect(self._ask_more)
        self.done_button = self.add_button("primary", stretch_before=True)
        self.done_button.clicked.connect(self._finish)
        self._seconds_left = 0
        self._seconds = 0
        self._rated = False
        self.countdown_timer = QTimer(self)
        self.countdown_timer.setInterval(1000)
        self.countdown_timer.timeout.connect(self._tick)
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
        self.offers.caption.setText(
            translate(
                "ConfirmationScreen",
                "You can also apply for these now, without giving your details again:",
            )
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
        """Show the outcome and start the countdown back to the start screen (the
        settings keep it at 90 seconds or more), started again by every touch."""
        self.tracking_number.setText(tracking_number)
        has_documents = bool(documents)
        self.documents.setText("\n".join(f"• {text}" for text in documents))
        self.documents.setVisible(has_documents)
        self.documents_caption.setVisible(has_documents)
        self._seconds = seconds
        self._seconds_left = self._seconds
        self._show_countdown()
        self.countdown_timer.start()
        _application().installEventFilter(self)

    def show_visit(self, earlier: Sequence[tuple[str, str]]) -> None:
        """The applications submitted earlier in this visit, as (service, tracking number):
        the last receipt lists them all, and so does the screen."""
        lines = [f"{service}: {number}" for service, number in earlier]
        caption = translate("ConfirmationScreen", "Also applied for today:")
        self.visit_numbers.setText("\n".join([caption, *lines]) if lines else "")
        self.visit_numbers.setVisible(bool(lines))

    def _choose(self, form_id: str) -> None:
        self._stop()
        self.service_chosen.emit(form_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Any touch, anywhere, while the number is shown gives the full time again:
        someone still copying it down must not lose it mid-way."""
        if event.type() in TOUCH_EVENTS and self.countdown_timer.isActive():
            self._seconds_left = self._seconds
            self._show_countdown()
        return False

    def resume_countdown(self) -> None:
        """Count down again from the full time (the person came back to this screen)."""
        self._seconds_left = self._seconds
        self._show_countdown()
        self.countdown_timer.start()
        _application().installEventFilter(self)

    def show_receipt_message(self, message: str) -> None:
        """Say what became of the printed receipt (printed, or what to do without it)."""
        self.receipt.setText(message)
        self.receipt.setVisible(bool(message))

    def clear_personal_data(self) -> None:
        self._stop()
        self._show_rating(rated=False)
        self.show_receipt_message("")
        self.tracking_number.clear()
        self.documents.clear()
        self.show_visit(())
        self.offers.show_offers(())

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
        self._stop()
        self.more_requested.emit()

    def _finish(self) -> None:
        self._stop()
        self.finished.emit()

    def _stop(self) -> None:
        self.countdown_timer.stop()
        _application().removeEventFilter(self)


def _application() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app
