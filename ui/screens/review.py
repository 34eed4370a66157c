"""Every answer on one screen, each tappable to change it; the consent
statements; and the button that submits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout

from kiosk.forms import Field, FormDefinition, RegionTree
from kiosk.forms.wizard import item_position
from ui.answer_text import display_answer
from ui.i18n import translate
from ui.screens.base import Screen, wrapped_label
from ui.theme import TextRole, set_role
from ui.widgets.base import clear_layout
from ui.widgets.editors import ConsentEditor
from ui.widgets.wrapping_button import LEADING, WrappingButton


class ReviewScreen(Screen):
    """Shows the answers of the current application for a last check."""

    edit_requested = Signal(str)
    consent_changed = Signal(str, bool)
    submit_requested = Signal()
    back_requested = Signal()

    def __init__(self, regions: RegionTree) -> None:
        super().__init__()
        self._regions = regions
        self.intro = wrapped_label("help")
        self.content.addWidget(self.intro)
        self._rows = QVBoxLayout()
        self._rows.setSpacing(12)
        self.content.addLayout(self._rows)
        self.content.addStretch()
        self.problem = self.add_problem_banner()
        self.answer_rows: dict[str, WrappingButton] = {}
        self._spare_rows: list[WrappingButton] = []
        """Rows made for earlier reviews, empty and hidden, to be filled again: making
        and styling some twenty rows anew was most of what showing the review cost."""
        self.consents: dict[str, ConsentEditor] = {}
        self.back_button = self.add_button()
        self.back_button.clicked.connect(self.back_requested)
        self.submit_button = self.add_button("primary", stretch_before=True)
        self.submit_button.clicked.connect(self.submit_requested)
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(
            translate("ReviewScreen", "Please check your answers. Tap an answer to change it.")
        )
        self.back_button.setText(translate("ReviewScreen", "Back"))
        self.submit_button.setText(translate("ReviewScreen", "Submit application"))

    def show_answers(
        self,
        form: FormDefinition,
        questions: Sequence[Field],
        consents: Sequence[Field],
        answers: Mapping[str, object],
        language: str,
        simple: bool = False,
        item_questions: Mapping[str, Sequence[Sequence[Field]]] | None = None,
    ) -> None:
        """Fill the screen with one row per question and one box per consent.

        A repeating group shows as its list (tap to add or remove) and, under
        each item's name, a row per question the item asks (`item_questions`,
        by group id). `simple` (elderly mode) words the questions and choices
        simply where the form allows; consent statements are always shown as written.
        """
        self.clear_personal_data()
        self.title.setText(form.title.get(language))
        for field in questions:
            if field.repeats:
                asked = (item_questions or {}).get(field.id, ())
                self._add_group(field, answers.get(field.id), asked, language, simple)
                continue
            answer = display_answer(field, answers.get(field.id), language, self._regions, simple)
            self._add_row(field.id, f"{field.label_in(language, simple)}\n{answer}")
        for field in consents:
            statement = wrapped_label("notice", TextRole.BODY)
            statement.setText(field.label.get(language))
            editor = ConsentEditor()
            editor.show_value(answers.get(field.id))
            editor.changed.connect(
                lambda field_id=field.id, e=editor: self.consent_changed.emit(
                    field_id, e.raw_value() is True
                )
            )
            self.consents[field.id] = editor
            self._rows.addWidget(statement)
            self._rows.addWidget(editor)
        self._rows.addStretch()

    def _add_row(self, position: str, text: str) -> None:
        row = self._spare_rows.pop() if self._spare_rows else self._new_row()
        row.setText(text)
        row.show()
        self.answer_rows[position] = row
        self._rows.addWidget(row)

    def _new_row(self) -> WrappingButton:
        row = WrappingButton("", LEADING)
        set_role(row, "review-row")
        row.clicked.connect(lambda _=False: self.edit_requested.emit(self._position_of(row)))
        return row

    def _position_of(self, row: WrappingButton) -> str:
        """Which question the row shows now (a row is filled again for each review)."""
        return next(position for position, shown in self.answer_rows.items() if shown is row)

    def _add_group(
        self,
        group: Field,
        answer: object,
        asked: Sequence[Sequence[Field]],
        language: str,
        simple: bool,
    ) -> None:
        """A repeating group: its list as one row, then each item's answers under its name."""
        items = (
            [entry for entry in answer if isinstance(entry, Mapping)]
            if isinstance(answer, list | tuple)
            else []
        )
        count = translate("ReviewScreen", "{count} added").format(count=len(items))
        self._add_row(group.id, f"{group.label_in(language, simple)}\n{count}")
        for index, (entry, questions) in enumerate(zip(items, asked, strict=False)):
            heading = wrapped_label("notice", TextRole.BODY)
            heading.setText(group.item_label_in(language, index + 1))
            self._rows.addWidget(heading)
            for inner in questions:
                shown = display_answer(inner, entry.get(inner.id), language, self._regions, simple)
                self._add_row(
                    item_position(group.id, index, inner.id),
                    f"{inner.label_in(language, simple)}\n{shown}",
                )

    def show_problem(self, message: str | None) -> None:
        """Explain why the application cannot be submitted yet, or hide the message."""
        self.problem.setText(message or "")
        self.problem.setVisible(bool(message))

    def clear_personal_data(self) -> None:
        rows = list(self.answer_rows.values())
        clear_layout(self._rows, keep=set(rows))
        for row in rows:
            row.hide()
            row.setText("")
        self._spare_rows.extend(rows)
        self.answer_rows.clear()
        self.consents.clear()
        self.title.clear()
        self.show_problem(None)
