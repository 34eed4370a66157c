"""A repeating group's summary (the household members): the items entered so
far, each tappable to change it and with its own Remove, an "Add" button, and
Back and Next. Removing asks first, on the screen itself, so a slip of the
finger never deletes a member."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.screens.base import Screen, wrapped_label
from ui.theme import TextRole, set_role
from ui.widgets.base import clear_layout
from ui.widgets.wrapping_button import LEADING, WrappingButton


@dataclass(frozen=True)
class ItemSummary:
    """How one item is shown in the list: its name ("Household member 2"), a few of
    its answers, and whether a question of it is still unanswered or wrong."""

    name: str
    answers: str
    finished: bool


class MembersScreen(Screen):
    """Shows the items of the repeating group the wizard is at."""

    add_requested = Signal()
    edit_requested = Signal(int)
    remove_confirmed = Signal(int)
    next_requested = Signal()
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.question = wrapped_label("question", TextRole.QUESTION)
        self.help = wrapped_label("help")
        self.count = wrapped_label("progress")
        for widget in (self.question, self.help, self.count):
            self.content.addWidget(widget)
        self._rows_host = QWidget()
        self._rows = QVBoxLayout(self._rows_host)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(12)
        self.content.addWidget(self._rows_host)
        self.add_item_button = WrappingButton()
        set_role(self.add_item_button, "option")
        self.add_item_button.clicked.connect(self.add_requested)
        self.content.addWidget(self.add_item_button)
        self.confirm_text = wrapped_label("notice", TextRole.BODY)
        self.confirm_remove = WrappingButton()
        self.keep_button = WrappingButton()
        set_role(self.confirm_remove, "primary")
        confirm_row = QHBoxLayout()
        confirm_row.addWidget(self.keep_button)
        confirm_row.addStretch()
        confirm_row.addWidget(self.confirm_remove)
        self._confirm_box = QWidget()
        box = QVBoxLayout(self._confirm_box)
        box.addWidget(self.confirm_text)
        box.addLayout(confirm_row)
        self._confirm_box.hide()
        self.content.addWidget(self._confirm_box)
        self.keep_button.clicked.connect(self._cancel_removal)
        self.confirm_remove.clicked.connect(self._confirm_removal)
        self.problem = wrapped_label("problem")
        self.problem.hide()
        self.content.addWidget(self.problem)
        self.content.addStretch()
        self.item_buttons: list[QPushButton] = []
        self.remove_buttons: list[QPushButton] = []
        self._items: tuple[ItemSummary, ...] = ()
        self._add_label = ""
        self._removing: int | None = None
        self.back_button = self.add_button()
        self.back_button.clicked.connect(self.back_requested)
        self.next_button = self.add_button("primary", stretch_before=True)
        self.next_button.clicked.connect(self.next_requested)
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText(translate("MembersScreen", "Back"))
        self.next_button.setText(translate("MembersScreen", "Next"))
        self.keep_button.setText(translate("MembersScreen", "No, keep"))
        self.confirm_remove.setText(translate("MembersScreen", "Yes, remove"))
        self.count.setText(
            translate("MembersScreen", "Added so far: {count}").format(count=len(self._items))
        )
        self.add_item_button.setText(
            translate("MembersScreen", "+ Add: {item}").format(item=self._add_label)
        )
        for button in self.remove_buttons:
            button.setText(translate("MembersScreen", "Remove"))
        for button, item in zip(self.item_buttons, self._items, strict=True):
            button.setText(self._item_text(item))
        if self._removing is not None:
            self._ask_removal(self._removing)

    def show_group(
        self,
        title: str,
        question: str,
        help_text: str,
        add_label: str,
        items: Sequence[ItemSummary],
        can_add: bool,
    ) -> None:
        """Fill the screen with a group's question and one row per item entered.

        `add_label` names what Add adds ("Household member"); `can_add` is False
        once the group has as many items as it may.
        """
        self.clear_personal_data()
        self.title.setText(title)
        self.question.setText(question)
        self.help.setText(help_text)
        self.help.setVisible(bool(help_text))
        self._items = tuple(items)
        self._add_label = add_label
        for index, item in enumerate(self._items):
            row_widget = QWidget()
            row = QHBoxLayout(row_widget)
            row.setContentsMargins(0, 0, 0, 0)
            button = WrappingButton(self._item_text(item), LEADING)
            set_role(button, "review-row")
            button.clicked.connect(lambda _=False, i=index: self.edit_requested.emit(i))
            remove = WrappingButton()
            remove.clicked.connect(lambda _=False, i=index: self._ask_removal(i))
            row.addWidget(button, 1)
            row.addWidget(remove)
            self._rows.addWidget(row_widget)
            self.item_buttons.append(button)
            self.remove_buttons.append(remove)
        self.add_item_button.setEnabled(can_add)
        self.retranslate()

    def _item_text(self, item: ItemSummary) -> str:
        text = f"{item.name}\n{item.answers}" if item.answers else item.name
        if not item.finished:
            text += "\n" + translate("MembersScreen", "Not finished: tap to go on")
        return text

    def _ask_removal(self, index: int) -> None:
        """Ask, on this screen, whether the item really goes; the rest is put away meanwhile."""
        self._removing = index
        self.confirm_text.setText(
            translate("MembersScreen", "Remove {item} from the list?").format(
                item=self._items[index].name
            )
        )
        self._confirm_box.show()
        self._set_list_enabled(False)

    def _cancel_removal(self) -> None:
        self._removing = None
        self._confirm_box.hide()
        self._set_list_enabled(True)

    def _confirm_removal(self) -> None:
        index = self._removing
        self._cancel_removal()
        if index is not None:
            self.remove_confirmed.emit(index)

    def _set_list_enabled(self, enabled: bool) -> None:
        """While a removal is asked, the question is the only thing on the screen."""
        for widget in (self._rows_host, self.add_item_button, self.back_button, self.next_button):
            widget.setVisible(enabled)

    def show_problem(self, message: str | None) -> None:
        """Say why the list cannot be left yet (too few, an item not finished), or hide it."""
        self.problem.setText(message or "")
        self.problem.setVisible(bool(message))

    def clear_personal_data(self) -> None:
        self._cancel_removal()
        clear_layout(self._rows)
        self.item_buttons.clear()
        self.remove_buttons.clear()
        self._items = ()
        for label in (self.title, self.question, self.help, self.confirm_text):
            label.clear()
        self.show_problem(None)
