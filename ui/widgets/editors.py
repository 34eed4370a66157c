"""One touch-friendly editor per field type of a form.

An editor shows a field's current answer and gives back what the person
entered, as raw input (strings as typed, chosen values, booleans). Turning raw
input into a stored answer and checking it is the form engine's job
(`kiosk.forms`), so every rule lives in one place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.forms import Field, FieldType, RegionTree
from kiosk.handwriting import Recognizer, shared_recognizer
from ui.i18n import translate
from ui.theme import set_role
from ui.widgets.base import (
    TranslatableWidget,
    clear_layout,
    without_pan_gesture,
    without_viewport_fill,
)
from ui.widgets.handwriting_pad import HandwritingPad
from ui.widgets.id_number_validator import IdNumberValidator
from ui.widgets.keypad import Keypad, refuse_input_method
from ui.widgets.wrapping_button import LEADING, Mark, WrappingButton

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
    """Free text on one line; with a keypad for digit-only answers, or a choice
    between the on-screen keyboard and a handwriting pad for words (names).

    The keypad belongs to the editor but is placed by the screen: beside the
    question rather than under the field, since a landscape screen has room
    across and the question stays in view while the keys are pressed. The
    handwriting pad too, in the keyboard's place at the bottom of the screen.
    """

    writing_changed = Signal(bool)
    """The handwriting pad came (True) or went: the screen keeps the field in view above it."""

    def __init__(
        self,
        keypad_extra: str | None = None,
        with_keypad: bool = False,
        recognizer: Recognizer | None = None,
    ) -> None:
        super().__init__()
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit()
        self.line.textChanged.connect(self.changed)
        self.column.addWidget(self.line)
        self.keypad = Keypad(self.line, keypad_extra) if with_keypad else None
        self.handwriting: HandwritingPad | None = None
        self._writing = False
        if self.keypad is None:
            self.line.setInputMethodHints(TYPED_TEXT_HINTS)
        if self.keypad is None and recognizer is not None:
            self._offer_handwriting(recognizer)
        self.column.addStretch()

    def _offer_handwriting(self, recognizer: Recognizer) -> None:
        self.handwriting = HandwritingPad(self.line, recognizer)
        self.handwriting.hide()
        self.line.installEventFilter(self)
        modes = QHBoxLayout()
        self.keyboard_button = WrappingButton()
        self.writing_button = WrappingButton()
        group = QButtonGroup(self)
        for button in (self.keyboard_button, self.writing_button):
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            set_role(button, "toggle")
            group.addButton(button)
            modes.addWidget(button)
        modes.addStretch()
        self.keyboard_button.setChecked(True)
        self.keyboard_button.clicked.connect(lambda: self.write_by_hand(False))
        self.writing_button.clicked.connect(lambda: self.write_by_hand(True))
        self.column.addLayout(modes)
        LineEditor.retranslate(self)

    def retranslate(self) -> None:
        if self.handwriting is not None:
            self.keyboard_button.setText(translate("Editors", "Keyboard (Pinyin)"))
            self.writing_button.setText(translate("Editors", "Write by hand"))

    def write_by_hand(self, writing: bool) -> None:
        """Show the handwriting pad instead of the on-screen keyboard, or the keyboard again."""
        if self.handwriting is None:
            return
        self._writing = writing
        self.writing_button.setChecked(writing)
        self.keyboard_button.setChecked(not writing)
        self.handwriting.setVisible(writing)
        # The line now refuses (or takes again) the input method: ask it anew.
        QGuiApplication.inputMethod().update(Qt.InputMethodQuery.ImEnabled)
        if writing:
            self.line.setFocus(Qt.FocusReason.OtherFocusReason)
            QGuiApplication.inputMethod().hide()
        else:
            type_with_keyboard(self.line)
        self.writing_changed.emit(writing)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """While writing by hand, the keyboard stays away from the line."""
        return self._writing and refuse_input_method(watched, event)

    def raw_value(self) -> Raw:
        text = self.line.text().strip()
        return text or None

    def start_typing(self) -> None:
        if self.keypad is None and not self._writing:
            type_with_keyboard(self.line)

    def show_value(self, value: object) -> None:
        self.line.setText("" if value is None else str(value))


DIGITS_ONLY = re.compile(r"(?:\[0-9\]|\\d)(?:\{\d+(?:,\d*)?\}|[+*])?")
"""A text field's pattern that allows digits alone (``[0-9]{16,19}``, ``\\d+``): a card or
account number, typed on the digit keypad."""


def digits_only(field: Field) -> bool:
    """Whether a text field takes digits alone (its pattern says so)."""
    return field.pattern is not None and DIGITS_ONLY.fullmatch(field.pattern) is not None


class DigitsEditor(LineEditor):
    """Digits typed on the keypad (a bank card number); spaces are tolerated.

    A card prints its number in groups of four, and a number pasted or typed on
    a hardware keyboard may keep the gaps: they are not part of the answer.
    """

    def __init__(self) -> None:
        super().__init__(with_keypad=True)
        self.line.setLayoutDirection(Qt.LayoutDirection.LeftToRight)

    def raw_value(self) -> Raw:
        digits = "".join(self.line.text().split())
        return digits or None


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
        # No scroll area of its own: the screen's content scrolls as one.
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        self._how_many = QLabel()
        self._how_many.setWordWrap(True)
        set_role(self._how_many, "help")
        self._how_many.setVisible(multiple and len(options) > 1)
        column.addWidget(self._how_many)
        for value, label in options:
            button = WrappingButton(label, LEADING)
            button.setCheckable(True)
            button.set_mark(Mark.CHECK if multiple else Mark.RADIO)
            set_role(button, "option")
            self._group.addButton(button, len(self._values))
            self._values.append(value)
            column.addWidget(button)
        column.addStretch()
        self._group.idClicked.connect(self._keep_exclusive_alone)
        self._group.idToggled.connect(lambda _id, _on: self.changed.emit())
        OptionsEditor.retranslate(self)

    def retranslate(self) -> None:
        # Several may be chosen: said before the options, not found out by trying.
        self._how_many.setText(translate("Editors", "Choose all that apply."))

    def _keep_exclusive_alone(self, clicked: int) -> None:
        button = self._group.button(clicked)
        if not self._multiple or not button.isChecked():
            return
        alone = self._values[clicked] in self._exclusive
        for other in self._group.buttons():
            other_id = self._group.id(other)
            if other_id != clicked and (alone or self._values[other_id] in self._exclusive):
                other.setChecked(False)

    def buttons(self) -> list[WrappingButton]:
        """The option buttons, in the order of the form (for tests and read-aloud)."""
        return [button for button in self._group.buttons() if isinstance(button, WrappingButton)]

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
        # No scroll area of its own: the screen's content scrolls as one.
        self._grid = QGridLayout()
        self._grid.setSpacing(12)
        layout.addLayout(self._grid)
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

    def region_button(self, code: str) -> QPushButton:
        """The button of one place at the level being chosen now (for a finger to tap)."""
        return self._buttons_by_code[code]

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
    if digits_only(field):
        return DigitsEditor()
    # Chinese words may be written by hand: many elderly villagers cannot type Pinyin.
    return LineEditor(recognizer=shared_recognizer() if language == "zh_CN" else None)
