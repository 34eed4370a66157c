"""The frame every screen shares: a title at the top, content, and a bar of
large buttons at the bottom (back on the start side, forward on the end side,
mirrored automatically for right-to-left languages)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import translate
from ui.qt_names import set_enum_property
from ui.theme import TextRole, set_role
from ui.widgets.base import TranslatableWidget, descendant_widgets
from ui.widgets.touch_scroll import TouchScrollArea
from ui.widgets.wrapping_button import WrappingButton

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLineEdit  # the start screen has none (ui.widgets.base)

    from ui.widgets.keypad import Keypad

SCREEN_MARGIN = 24

SPOKEN_BUTTON_ROLES = ("option", "tile", "review-row")
"""Buttons whose text is content (a choice, a service, an answer), so it is read aloud."""


class ReadAloudButton(QPushButton):
    """The button beside every screen's title that reads the screen aloud."""

    def __init__(self) -> None:
        super().__init__()
        set_role(self, "discreet")
        self.retranslate()

    def retranslate(self) -> None:
        """Called by the language switcher, like every translatable widget."""
        self.setText(translate("Screen", "Read aloud"))


class CallStaffButton(WrappingButton):
    """The quiet "call staff" button beside every applicant screen's title; once
    pressed it says that staff are called until a clerk answers."""

    def __init__(self) -> None:
        super().__init__()
        set_role(self, "discreet")
        set_enum_property(self, "focusPolicy", "NoFocus")
        self.called = False
        self.retranslate()

    def set_called(self, called: bool) -> None:
        """Show whether a call is waiting for a clerk (a second tap adds nothing)."""
        self.called = called
        self.setEnabled(not called)
        self.retranslate()

    def retranslate(self) -> None:
        """Called by the language switcher, like every translatable widget."""
        self.setText(
            translate("Screen", "Staff are called: someone is coming")
            if self.called
            else translate("Screen", "Call staff")
        )


class Screen(TranslatableWidget):
    """A full-window screen with a title, a content area and a button bar.

    Every screen has a "read aloud" button beside its title; the flow shows
    it only when there is a voice for the language in use.
    """

    read_aloud_requested = Signal()
    call_staff_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.outer = outer = QVBoxLayout(self)
        outer.setContentsMargins(SCREEN_MARGIN, SCREEN_MARGIN, SCREEN_MARGIN, SCREEN_MARGIN)
        outer.setSpacing(12)
        self.title = QLabel()
        self.title.setWordWrap(True)
        set_role(self.title, "title", TextRole.TITLE)
        self.read_button = ReadAloudButton()
        self.read_button.clicked.connect(self.read_aloud_requested)
        self.read_button.hide()
        self.call_button = CallStaffButton()
        self.call_button.clicked.connect(self.call_staff_requested)
        self.call_button.hide()  # shown on the applicant's screens (see ui.staff_call)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        # The buttons keep to the top beside a title of several lines. (A column
        # with a stretch below them rather than AlignTop: see ui.qt_names.)
        corner = QVBoxLayout()
        corner_buttons = QHBoxLayout()
        corner_buttons.addWidget(self.call_button)
        corner_buttons.addWidget(self.read_button)
        corner.addLayout(corner_buttons)
        corner.addStretch()
        title_row.addLayout(corner)
        outer.addLayout(title_row)
        # The content scrolls, under a finger, when it is taller than the screen
        # (a long list, large text); the title and the buttons always stay in view.
        # It is the screen's only scrolling area: nothing inside it scrolls.
        body = QWidget()
        self.content = QVBoxLayout(body)
        self.content.setContentsMargins(0, 0, 0, 0)
        self.content.setSpacing(12)
        self.body_scroll = TouchScrollArea()
        self.body_scroll.setWidget(body)
        outer.addWidget(self.body_scroll, 1)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(24)
        outer.addLayout(self.buttons)

    def offer_reading(self, can: bool) -> None:
        """Offer reading this screen aloud when there is a voice for the language on it."""
        self.read_button.setVisible(can)

    def add_button(self, role: str = "", stretch_before: bool = False) -> WrappingButton:
        """Append a large button to the bottom bar."""
        if stretch_before:
            self.buttons.addStretch()
        # Wrapping, so that large text or a long translation takes a second
        # line instead of pushing the bar off the screen.
        button = WrappingButton()
        # A tap leaves the focus in the field being typed into: taking it would put
        # the on-screen keyboard away mid-tap, move the bar down as the window gets
        # its bottom back, and the tap would end beside the button (two taps for Next).
        set_enum_property(button, "focusPolicy", "NoFocus")
        if role:
            set_role(button, role)
        self.buttons.addWidget(button)
        return button

    def add_problem_banner(self) -> QLabel:
        """A hidden problem message between the content and the button bar.

        Showing it shortens the scrolling content from below instead of pushing
        it down: the option a finger is on never moves away from it.
        """
        banner = wrapped_label("problem")
        banner.hide()
        self.outer.insertWidget(self.outer.indexOf(self.body_scroll) + 1, banner)
        return banner

    def add_keypad_row(
        self, widgets: Sequence[QWidget], target: QLineEdit, extra_key: str | None = None
    ) -> Keypad:
        """The widgets in a column with a number pad beside them, typing into `target`."""
        row = QHBoxLayout()
        column = QVBoxLayout()
        for widget in widgets:
            column.addWidget(widget)
        column.addStretch()
        row.addLayout(column, 1)
        from PySide6.QtCore import Qt

        from ui.widgets.keypad import Keypad

        keypad = Keypad(target, extra_key)
        row.addWidget(keypad, 0, Qt.AlignmentFlag.AlignTop)
        self.content.addLayout(row, 1)
        return keypad

    def spoken_text(self) -> list[str]:
        """What "read aloud" says: the title, then every text shown, in order."""
        texts = [self.title.text()]
        for widget in descendant_widgets(self):
            if not widget.isVisibleTo(self) or widget is self.title:
                continue
            if isinstance(widget, QPushButton):
                if widget.property("role") in SPOKEN_BUTTON_ROLES:
                    texts.append(widget.text())
            elif isinstance(widget, QLabel) and not isinstance(widget.parent(), QPushButton):
                texts.append(widget.text())
        return [text for text in texts if text]

    def clear_personal_data(self) -> None:
        """Forget everything about the last applicant shown here; overridden by screens."""


def wrapped_label(role: str, text_role: TextRole = TextRole.BODY) -> QLabel:
    """A label that wraps long text and follows the stylesheet role."""
    label = QLabel()
    label.setWordWrap(True)
    set_enum_property(label, "textFormat", "PlainText")
    set_role(label, role, text_role)
    return label
