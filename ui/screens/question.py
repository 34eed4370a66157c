"""One question per screen: progress, the question in large type, its help
text, a touch editor, a plain-language problem message, Back and Next."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout

from kiosk.forms import Field, FieldType, FormDefinition, RegionTree
from ui.i18n import translate
from ui.screens.base import Screen, wrapped_label
from ui.theme import TextRole, set_role
from ui.widgets.base import clear_layout, discard_widget
from ui.widgets.editors import AnswerEditor, LineEditor, Raw, editor_for

if TYPE_CHECKING:
    from ui.scanning.camera_session import CameraSettings


class QuestionScreen(Screen):
    """Shows the wizard's current question; the flow decides what comes next."""

    next_requested = Signal()
    back_requested = Signal()
    answer_changed = Signal()
    """The person changed the answer (a tap, a key): a problem shown may be gone."""
    photo_chosen = Signal(str, bytes)
    """The field id and the document photo the person kept, to be stored with the draft."""

    def __init__(
        self,
        regions: RegionTree,
        camera_settings: Callable[[], CameraSettings] | None = None,
    ) -> None:
        """`camera_settings` is asked for each time a document photo is to be taken."""
        super().__init__()
        self._regions = regions
        self._camera_settings = camera_settings
        self._position = (0, 0)
        progress_row = QHBoxLayout()
        self.progress_label = QLabel()
        set_role(self.progress_label, "progress")
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        progress_row.addWidget(self.progress_label)
        progress_row.addWidget(self.progress_bar, 1)
        self.content.addLayout(progress_row)
        self.question = wrapped_label("question", TextRole.QUESTION)
        self.help = wrapped_label("help")
        # The question and its editor on the start side, a keypad (when the
        # editor has one) on the end side.
        self.column = QVBoxLayout()
        for widget in (self.question, self.help):
            self.column.addWidget(widget)
        self.keypad_slot = QVBoxLayout()
        row = QHBoxLayout()
        row.addLayout(self.column, 1)
        row.addLayout(self.keypad_slot)
        self.content.addLayout(row, 1)
        self.editor: AnswerEditor | None = None
        self.problem = self.add_problem_banner()
        # The handwriting pad, when chosen, takes the keyboard's place: under the
        # content, not inside it, so a stroke is never taken for a drag of the page.
        self.pad_slot = QVBoxLayout()
        self.outer.insertLayout(self.outer.indexOf(self.problem) + 1, self.pad_slot)
        self.back_button = self.add_button()
        self.back_button.clicked.connect(self.back_requested)
        self.next_button = self.add_button("primary", stretch_before=True)
        self.next_button.clicked.connect(self.next_requested)
        self.retranslate()

    def retranslate(self) -> None:
        index, total = self._position
        self.progress_label.setText(
            translate("QuestionScreen", "Question {index} of {total}").format(
                index=index, total=total
            )
        )
        self.back_button.setText(translate("QuestionScreen", "Back"))
        self.next_button.setText(translate("QuestionScreen", "Next"))

    def show_question(
        self,
        form: FormDefinition,
        field: Field,
        language: str,
        value: object,
        position: tuple[int, int],
        simple: bool = False,
        heading: str | None = None,
    ) -> None:
        """Replace the screen's content with one question and its current answer.

        `simple` (elderly mode) shows the form's simpler wording where it has one;
        `heading` names the item a repeating group's question is about
        ("Household member 2"), shown under the form's title.
        """
        title = form.title.get(language)
        self.title.setText(f"{title}\n{heading}" if heading else title)
        self.question.setText(field.label_in(language, simple))
        help_text = field.help_in(language, simple)
        self.help.setText(help_text)
        self.help.setVisible(bool(help_text))
        self.show_problem(None)
        self._drop_editor()
        self.editor = self._editor_for(field, language, simple)
        self.editor.show_value(value)
        self.editor.changed.connect(self.answer_changed)
        self.column.addWidget(self.editor, 1)
        if self.editor.keypad is not None:
            self.keypad_slot.addWidget(self.editor.keypad)
            self.keypad_slot.addStretch()
        if isinstance(self.editor, LineEditor) and self.editor.handwriting is not None:
            self.pad_slot.addWidget(self.editor.handwriting)
            self.editor.writing_changed.connect(self._keep_field_in_view)
        self._position = position
        self.progress_bar.setRange(0, position[1])
        self.progress_bar.setValue(position[0])
        self.retranslate()
        # Once the screen is in front (the flow shows it after this call).
        editor = self.editor
        QTimer.singleShot(0, lambda: self._start_typing(editor))

    def _editor_for(self, field: Field, language: str, simple: bool) -> AnswerEditor:
        if field.type is not FieldType.IMAGE:
            return editor_for(field, language, self._regions, simple)
        from ui.scanning.document_photo import DocumentPhotoView
        from ui.widgets.photo_editor import PhotoEditor

        settings = self._camera_settings() if self._camera_settings else None
        editor = PhotoEditor(DocumentPhotoView(settings))
        editor.photo_chosen.connect(lambda data: self.photo_chosen.emit(field.id, data))
        return editor

    def _keep_field_in_view(self, writing: bool) -> None:
        """The handwriting pad takes the bottom of the screen, as the keyboard does, and
        the page's room with it: the field written into stays whole above it, or the
        writer cannot see the characters chosen."""
        line = self.editor.line if isinstance(self.editor, LineEditor) and writing else None
        self.body_scroll.keep_in_view(line)

    def _start_typing(self, editor: AnswerEditor) -> None:
        if editor is self.editor and self.isVisible():
            editor.start_typing()

    def raw_answer(self) -> Raw:
        """What the person entered on this screen."""
        return None if self.editor is None else self.editor.raw_value()

    def show_problem(self, message: str | None) -> None:
        """Show a problem with the answer next to the question, or hide it."""
        self.problem.setText(message or "")
        self.problem.setVisible(bool(message))

    def clear_personal_data(self) -> None:
        self._drop_editor()
        for label in (self.title, self.question, self.help, self.problem):
            label.clear()

    def _drop_editor(self) -> None:
        self.body_scroll.keep_in_view(None)
        clear_layout(self.keypad_slot)
        clear_layout(self.pad_slot)
        if self.editor is not None:
            self.column.removeWidget(self.editor)
            discard_widget(self.editor)
            self.editor = None
