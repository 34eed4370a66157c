"""When an answer means the person cannot apply: a page of its own saying so,
why (the form's own words), and what to do next.

Not a red message under the question: there is nothing to correct, unless
the answer was a mistake. As on GOV.UK's "you cannot apply" pages, the
person can go back and change the answer, start again, or, here, leave
what they entered for the staff to finish with them later.
"""

from __future__ import annotations

from PySide6.QtCore import Signal

from ui.i18n import translate
from ui.screens.base import Screen, wrapped_label
from ui.theme import TextRole


class IneligibleScreen(Screen):
    """You cannot apply for this service: why, and the ways on."""

    change_requested = Signal()
    """The answer was a mistake: back to the question."""
    finish_later_requested = Signal()
    """Keep the draft for the staff, and leave."""
    start_again_requested = Signal()
    """Drop this application and return to the start."""

    def __init__(self) -> None:
        super().__init__()
        self.service = wrapped_label("help")
        self.reason = wrapped_label("question", TextRole.QUESTION)
        self.next_caption = wrapped_label("question")
        self.next_steps = wrapped_label("help")
        for widget in (self.service, self.reason, self.next_caption, self.next_steps):
            self.content.addWidget(widget)
        self.content.addStretch()
        self.change_button = self.add_button()
        self.change_button.clicked.connect(self.change_requested)
        self.finish_later_button = self.add_button(stretch_before=True)
        self.finish_later_button.clicked.connect(self.finish_later_requested)
        self.start_again_button = self.add_button("primary")
        self.start_again_button.clicked.connect(self.start_again_requested)
        self.retranslate()

    def show_reason(self, service: str, reason: str) -> None:
        """Which service, and why not (the form's words, in the person's language)."""
        self.service.setText(service)
        self.reason.setText(reason)

    def retranslate(self) -> None:
        self.title.setText(translate("IneligibleScreen", "You cannot apply for this service"))
        self.next_caption.setText(translate("IneligibleScreen", "What you can do next"))
        self.next_steps.setText(
            translate(
                "IneligibleScreen",
                "• If you chose the answer by mistake, tap \u201cChange my answer\u201d.\n"
                "• Ask the staff at the service centre whether another service can help you.\n"
                "• Tap \u201cFinish later\u201d to leave what you entered with the staff: they "
                "can finish the application with you when you can apply.",
            )
        )
        self.change_button.setText(translate("IneligibleScreen", "Change my answer"))
        self.finish_later_button.setText(translate("IneligibleScreen", "Finish later"))
        self.start_again_button.setText(translate("IneligibleScreen", "Start again"))

    def clear_personal_data(self) -> None:
        self.service.clear()
        self.reason.clear()
