"""One touch-friendly editor per field type of a form.

An editor shows a field's current answer and gives back what the person
entered, as raw input (strings as typed, chosen values, booleans). Turning raw
input into a stored answer and checking it is the form engine's job
(`kiosk.forms`), so every rule lives in one place.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.forms import Field, FieldType, RegionTree
from ui.i18n import translate
from ui.theme import set_role
from ui.widgets.base import (
    TranslatableWidget,
    clear_layout,
    without_pan_gesture,
    without_viewport_fill,
)
from ui.widgets.id_number_validator import IdNumberValidator
from ui.widgets.keypad import Keypad
from ui.widgets.wrapping_button import LEADING, WrappingButton

Raw = str | bool | list[str] | None


class AnswerEditor(TranslatableWidget):
    """Base of all editors: `raw_value()` out, `show_value()` in, `changed` on every edit."""

    changed = Signal()
    keypad: Keypad | None = None
    """A number pad the screen should show beside the question, if the editor has one."""

    def raw_value(self) -> Raw:
        """What the person has entered, or None for nothing."""
        raise NotImplementedError

    def show_value(self, value: object) -> None:
        """Show a stored answer (or None) for editing."""
        raise NotImplementedError

    def start_typing(self) -> None:
        """Put the cursor in the field and bring up the on-screen keyboard, for an
        editor typed into with it (free text); the others have nothing to type."""


TYPED_TEXT_HINTS = Qt.InputMethodHint.ImhSensitiveData
"""Answers are personal data: the on-screen keyboard must not learn them (its
Pinyin input would otherwise keep a user dictionary and offer the last
applicant's name to the next)."""


def type_with_keyboard(field: QWidget) -> None:
    """Focus a free-text field and ask for the on-screen keyboard."""
    field.setFocus(Qt.FocusReason.OtherFocusReason)
    QGuiApplication.inputMethod().show()


class LineEditor(AnswerEditor):
    """Free text on one line; with a keypad for digit-only answers.

    The keypad belongs to the editor but is placed by the screen: beside the
    question rather than under the field, since a landscape screen has room
    across and the question stays in view while the keys are pressed.
    """

    def __init__(self, keypad_extra: str | None = None, with_keypad: bool = False) -> None:
        super().__init__()
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit()
        self.line.textChanged.connect(self.changed)
        self.column.addWidget(self.line)
        self.column.addStretch()
        self.keypad = Keypad(self.line, keypad_extra) if with_keypad else None
        if self.keypad is None:
            self.line.setInputMethodHints(TYPED_TEXT_HINTS)

    def raw_value(self) -> Raw:
        text = self.line.text().strip()
        return text or None

    def start_typing(self) -> None:
        if self.keypad is None:
            type_with_keyboard(self.line)

    def show_value(self, value: object) -> None:
        self.line.setText("" if value is None else str(value))


class DateEditor(LineEditor):
    """A date typed as digits on the keypad, shown as YYYY-MM-DD while typing."""

    def __init__(self) -> None:
        super().__init__(with_keypad=True)
        self.line.setInputMask("9999-99-99;_")
        self.line.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self._hint = QLabel()
        self._hint.setWordWrap(True)
        set_role(self._hint, "help")
        self.column.insertWidget(1, self._hint)
        self.retranslate()

    def retranslate(self) -> None:
        self._hint.setText(translate("Editors", "Year, month, day. For example 1956-03-12"))

    def raw_value(self) -> Raw:
        digits = "".join(ch for ch in self.line.text() if ch.isdigit())
        if not digits:
            return None
        return self.line.text().replace("_", "").strip("-")

    def show_value(self, value: object) -> None:
        self.line.setText("" if value is None else str(value).replace("-", ""))
        self.line.setCursorPosition(len(self.line.text()))


class NoteEditor(AnswerEditor):
    """A few lines of free text."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit()
        without_pan_gesture(self.text)
        without_viewport_fill(self.text)
        self.text.setTabChangesFocus(True)
        self.text.setInputMethodHints(TYPED_TEXT_HINTS)
        self.text.textChanged.connect(self.changed)
        layout.addWidget(self.text)

    def start_typing(self) -> None:
        type_with_keyboard(self.text)

    def raw_value(self) -> Raw:
        text = self.text.toPlainText().strip()
        return text or None

    def show_value(self, value: object) -> None:
        self.text.setPlainText("" if value is None else str(value))


class OptionsEditor(AnswerEditor):
    """A column of large option buttons: one choice, or several."""

    def __init__(
        self,
        options: Sequence[tuple[str, str]],
        multiple: bool,
        exclusive: frozenset[str] = frozenset(),
    ) -> None:
        """`exclusive`: values that rule out the others in a multiple choice ("None of
        these"): choosing one takes the others away, choosing another takes it away."""
        super().__init__()
        self._group = QButtonGroup(self)
        self._group.setExclusive(not multiple)
        self._multiple = multiple
        self._exclusive = exclusive
        self._values: list[str] = []
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setSpacing(12)
        for value, label in options:
            button = WrappingButton(label, LEADING)
            button.setCheckable(True)
            set_role(button, "option")
            self._group.addButton(button, len(self._values))
            self._values.append(value)
            column.addWidget(button)
        column.addStretch()
        self._group.idClicked.connect(self._keep_exclusive_alone)
        self._group.idToggled.connect(lambda _id, _on: self.changed.emit())
        scroll = QScrollArea()
        without_pan_gesture(scroll)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _keep_exclusive_alone(self, clicked: int) -> None:
        button = self._group.button(clicked)
        if not self._multiple or not button.isChecked():
            return
        alone = self._values[clicked] in self._exclusive
        for other in self._group.buttons():
            other_id = self._group.id(other)
            if other_id != clicked and (alone or self._values[other_id] in self._exclusive):
                other.setChecked(False)

    def buttons(self) -> list[QPushButton]:
        """The option buttons, in the order of the form (for tests and read-aloud)."""
        return [button for button in self._group.buttons() if isinstance(button, QPushButton)]

    def values(self) -> list[str]:
        """The value of each option button, in the same order as `buttons()`."""
        return [self._values[self._group.id(button)] for button in self.buttons()]

    def chosen(self) -> list[str]:
        """Values of the options that are on."""
        return [
            self._values[self._group.id(button)]
            for button in self._group.buttons()
            if button.isChecked()
        ]

    def raw_value(self) -> Raw:
        chosen = self.chosen()
        if self._multiple:
            return chosen or None
        return chosen[0] if chosen else None

    def show_value(self, value: object) -> None:
        wanted = set(value) if isinstance(value, list | tuple) else {value}
        for button in self._group.buttons():
            button.setChecked(self._values[self._group.id(button)] in wanted)


class YesNoEditor(OptionsEditor):
    """Two large buttons, Yes and No."""

    def __init__(self) -> None:
        super().__init__([("yes", ""), ("no", "")], multiple=False)
        self.retranslate()

    def retranslate(self) -> None:
        yes, no = self.buttons()
        yes.setText(translate("Editors", "Yes"))
        no.setText(translate("Editors", "No"))

    def raw_value(self) -> Raw:
        chosen = self.chosen()
        return None if not chosen else chosen[0] == "yes"

    def show_value(self, value: object) -> None:
        super().show_value(None if value is None else ("yes" if value else "no"))


class ConsentEditor(OptionsEditor):
    """One large "I agree" button that stays pressed."""

    def __init__(self) -> None:
        super().__init__([("agree", "")], multiple=True)
        self.retranslate()

    def retranslate(self) -> None:
        self.buttons()[0].setText(translate("Editors", "I agree"))

    def raw_value(self) -> Raw:
        return True if self.chosen() else None

    def show_value(self, value: object) -> None:
        super().show_value(["agree"] if value is True else [])


class AddressEditor(AnswerEditor):
    """Province, county, township, village: one level at a time, each a tap.

    The chosen levels stay visible as a row of buttons; tapping one goes back
    to choose that level again.
    """

    def __init__(self, regions: RegionTree, levels: int, language: str) -> None:
        super().__init__()
        self._regions = regions
        self._levels = levels
        self._language = language
        self._codes: list[str] = []
        self._buttons_by_code: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        self._path_row = QGridLayout()
        self._path_row.setSpacing(12)
        layout.addLayout(self._path_row)
        self._prompt = QLabel()
        self._prompt.setWordWrap(True)
        set_role(self._prompt, "help")
        layout.addWidget(self._prompt)
        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setSpacing(12)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self._grid_host)
        layout.addWidget(scroll)
        self._rebuild()

    def retranslate(self) -> None:
        self._rebuild()

    def raw_value(self) -> Raw:
        return list(self._codes) or None

    def show_value(self, value: object) -> None:
        self._codes = [str(code) for code in value] if isinstance(value, list | tuple) else []
        self._rebuild()

    def tap_region(self, code: str) -> None:
        """Press the button of one place at the level being chosen now."""
        self._buttons_by_code[code].click()

    def _choose(self, depth: int, code: str) -> None:
        self._codes = [*self._codes[:depth], code]
        self._rebuild()
        self.changed.emit()

    def _reopen(self, depth: int) -> None:
        self._codes = self._codes[:depth]
        self._rebuild()
        self.changed.emit()

    def _rebuild(self) -> None:
        clear_layout(self._path_row)
        clear_layout(self._grid)
        self._buttons_by_code.clear()
        names = self._regions.names(self._codes, self._language)
        for depth, name in enumerate(names):
            step = WrappingButton(name, LEADING)
            set_role(step, "option")
            step.clicked.connect(lambda _=False, d=depth: self._reopen(d))
            self._path_row.addWidget(step, depth // 2, depth % 2)
        complete = len(self._codes) >= self._levels
        self._prompt.setText(
            translate("Editors", "Address complete. Tap a place above to change it.")
            if complete
            else translate("Editors", "Choose one:")
        )
        if complete:
            return
        depth = len(self._codes)
        for index, region in enumerate(self._regions.children(self._codes)):
            button = WrappingButton(region.name.get(self._language), LEADING)
            set_role(button, "option")
            button.clicked.connect(lambda _=False, d=depth, c=region.code: self._choose(d, c))
            self._buttons_by_code[region.code] = button
            self._grid.addWidget(button, index // 2, index % 2)


def editor_for(
    field: Field, language: str, regions: RegionTree, simple: bool = False
) -> AnswerEditor:
    """The editor that suits a field's type; `simple` words its options simply (elderly mode)."""
    kind = field.type
    if kind in (FieldType.CHOICE, FieldType.MULTI_CHOICE):
        options = [(choice.value, choice.label_in(language, simple)) for choice in field.choices]
        exclusive = frozenset(choice.value for choice in field.choices if choice.exclusive)
        return OptionsEditor(options, multiple=kind is FieldType.MULTI_CHOICE, exclusive=exclusive)
    if kind is FieldType.YES_NO:
        return YesNoEditor()
    if kind is FieldType.CONSENT:
        return ConsentEditor()
    if kind is FieldType.ADDRESS:
        return AddressEditor(regions, field.levels, language)
    if kind is FieldType.DATE:
        return DateEditor()
    if kind is FieldType.NOTE:
        return NoteEditor()
    if kind is FieldType.ID_NUMBER:
        editor = LineEditor(keypad_extra="X", with_keypad=True)
        editor.line.setValidator(IdNumberValidator(editor.line))
        return editor
    if kind is FieldType.PHONE:
        return LineEditor(keypad_extra="-", with_keypad=True)
    if kind is FieldType.NUMBER:
        return LineEditor(keypad_extra=None if field.integer else ".", with_keypad=True)
    return LineEditor()
