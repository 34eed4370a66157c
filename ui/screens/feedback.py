"""A complaint or suggestion: what it is about, a few words, and a contact only
if the person wants an answer. Anonymous unless they choose otherwise."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLineEdit, QPlainTextEdit

from kiosk.feedback_rules import MAX_COMMENT, MAX_CONTACT, TOPICS
from ui.i18n import translate
from ui.screens.base import Screen, wrapped_label
from ui.theme import set_role
from ui.widgets.wrapping_button import WrappingButton

TOPIC_COLUMNS = 3


class FeedbackScreen(Screen):
    """Collects one complaint or suggestion; `send_requested` carries it."""

    send_requested = Signal(object, str, str)
    """topic (str or None), comment, contact (empty when anonymous)."""
    skip_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.topic_caption = wrapped_label("question")
        self.content.addWidget(self.topic_caption)
        topics = QGridLayout()
        self._topic_group = QButtonGroup(self)
        self.topic_buttons: dict[str, WrappingButton] = {}
        for index, topic in enumerate(TOPICS):
            button = WrappingButton()
            set_role(button, "option")
            button.setCheckable(True)
            self._topic_group.addButton(button)
            self.topic_buttons[topic] = button
            topics.addWidget(button, index // TOPIC_COLUMNS, index % TOPIC_COLUMNS)
        self.content.addLayout(topics)
        self.comment_caption = wrapped_label("question")
        self.comment = QPlainTextEdit()
        self.comment.textChanged.connect(self._limit_comment)
        self.content.addWidget(self.comment_caption)
        self.content.addWidget(self.comment, 1)
        self.contact_toggle = WrappingButton()
        set_role(self.contact_toggle, "toggle")
        self.contact_toggle.setCheckable(True)
        self.contact = QLineEdit()
        self.contact.setMaxLength(MAX_CONTACT)
        self.contact.hide()
        self.contact_toggle.toggled.connect(self.contact.setVisible)
        self.privacy = wrapped_label("help")
        self.problem = wrapped_label("problem")
        self.problem.hide()
        for widget in (self.contact_toggle, self.contact, self.privacy, self.problem):
            self.content.addWidget(widget)
        self.skip_button = self.add_button()
        self.skip_button.clicked.connect(self.skip_requested)
        self.send_button = self.add_button("primary", stretch_before=True)
        self.send_button.clicked.connect(self._send)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(translate("FeedbackScreen", "Complaint or suggestion"))
        self.topic_caption.setText(translate("FeedbackScreen", "What is it about?"))
        names = {
            "waiting": translate("FeedbackScreen", "Waiting time"),
            "staff": translate("FeedbackScreen", "Staff"),
            "kiosk": translate("FeedbackScreen", "Using this kiosk"),
            "rules": translate("FeedbackScreen", "The rules of a service"),
            "other": translate("FeedbackScreen", "Something else"),
        }
        for topic, button in self.topic_buttons.items():
            button.setText(names[topic])
        self.comment_caption.setText(translate("FeedbackScreen", "Tell us in a few words:"))
        self.contact_toggle.setText(
            translate("FeedbackScreen", "I would like an answer: leave my name or phone")
        )
        self.contact.setPlaceholderText(translate("FeedbackScreen", "Name or phone number"))
        self.privacy.setText(
            translate(
                "FeedbackScreen",
                "Your complaint or suggestion is anonymous unless you leave your name or phone.",
            )
        )
        self.skip_button.setText(translate("FeedbackScreen", "Skip"))
        self.send_button.setText(translate("FeedbackScreen", "Send"))

    def show_problem(self, message: str | None) -> None:
        """Say why the feedback cannot be sent as it is."""
        self.problem.setText(message or "")
        self.problem.setVisible(bool(message))

    def clear_personal_data(self) -> None:
        self._topic_group.setExclusive(False)
        for button in self.topic_buttons.values():
            button.setChecked(False)
        self._topic_group.setExclusive(True)
        self.comment.clear()
        self.contact.clear()
        self.contact_toggle.setChecked(False)
        self.show_problem(None)

    def _send(self) -> None:
        topic = next((t for t, button in self.topic_buttons.items() if button.isChecked()), None)
        contact = self.contact.text() if self.contact_toggle.isChecked() else ""
        self.send_requested.emit(topic, self.comment.toPlainText(), contact)

    def _limit_comment(self) -> None:
        text = self.comment.toPlainText()
        if len(text) > MAX_COMMENT:
            self.comment.setPlainText(text[:MAX_COMMENT])
