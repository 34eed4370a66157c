"""Drive the real screens the way a person would: tap options, type on the
keypad's line, press Next. Used by `kiosk screenshots`, the end-to-end tests
and the benchmarks, so all three exercise exactly what an applicant uses.

Answers come from `resources/sample_data/applicants.json`; a question it does
not cover gets a plain valid answer for its type.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QApplication

from kiosk.forms import Field, FieldType
from resources import SAMPLE_APPLICANTS_FILE
from ui.app import Kiosk
from ui.applicant_flow import ApplicantScreens
from ui.widgets.editors import (
    AddressEditor,
    AnswerEditor,
    DateEditor,
    LineEditor,
    NoteEditor,
    OptionsEditor,
    YesNoEditor,
)

MAX_STEPS = 200
"""More Next presses than any form has questions: a loop guard, not a limit of forms."""


@dataclass(frozen=True)
class SampleApplicant:
    """The ID number and per-service answers of the demo applicant."""

    id_number: str
    answers: Mapping[str, Mapping[str, Any]]

    @classmethod
    def load(cls) -> SampleApplicant:
        """Read the shipped sample applicant."""
        data = json.loads(SAMPLE_APPLICANTS_FILE.read_text(encoding="utf-8"))
        return cls(data["id_number"], data["answers"])


def plain_answer(field: Field, kiosk: Kiosk) -> object:
    """A valid answer for a question the sample data does not cover."""
    kind = field.type
    if kind in (FieldType.CHOICE,):
        return field.choices[0].value
    if kind is FieldType.MULTI_CHOICE:
        return [field.choices[0].value]
    if kind is FieldType.YES_NO:
        return False
    if kind is FieldType.CONSENT:
        return True
    if kind is FieldType.ADDRESS:
        codes: list[str] = []
        for _ in range(field.levels):
            codes.append(kiosk.services.regions.children(codes)[0].code)
        return codes
    if kind is FieldType.NUMBER:
        return field.min if isinstance(field.min, int | float) else 1
    if kind is FieldType.DATE:
        return "1980-06-15"
    if kind is FieldType.PHONE:
        return "13800138000"
    if kind is FieldType.NOTE:
        return None
    return "测试"


class Walkthrough:
    """Fills in a service through the screens; `settle` lets queued work finish."""

    def __init__(self, kiosk: Kiosk, settle: Callable[[], None]) -> None:
        self.kiosk = kiosk
        self.settle = settle
        self.applicant = SampleApplicant.load()

    @property
    def screens(self) -> ApplicantScreens:
        """The applicant screens of the kiosk."""
        return self.kiosk.applicant.screens

    def begin(self, form_id: str, language: str) -> None:
        """From the start screen: choose the language and the service."""
        self.screens.start.language_buttons[language].click()
        self.screens.start.service_tiles[form_id].click()
        self.settle()

    def identify(self) -> None:
        """Type the sample ID number on the identify screen and continue."""
        self.screens.identify.id_input.setText(self.applicant.id_number)
        self.screens.identify.continue_button.click()
        self.settle()

    def answer_current(self, value: object) -> None:
        """Put `value` into the current question's editor as a person would."""
        editor = self.screens.question.editor
        assert editor is not None, "no question on screen"
        enter(editor, value, self.kiosk)

    def value_for(self, form_id: str, field: Field) -> object:
        """The sample answer for a question, or a plain one for its type."""
        sample = self.applicant.answers.get(form_id, {})
        current = self.kiosk.applicant.session
        place = None if current is None else current.wizard.current_item()
        if place is not None:
            sample = self.sample_items(form_id, place.group)[place.index]
        elif current is not None and current.wizard.answer(field.id) is not None:
            return current.wizard.answer(field.id)  # prefilled from the ID number
        if field.id in sample:
            return sample[field.id]
        return plain_answer(field, self.kiosk)

    def sample_items(self, form_id: str, group: Field) -> list[Mapping[str, Any]]:
        """The sample items of a repeating group (the household members), at least
        as many as the group needs, the missing ones answered plainly."""
        items = list(self.applicant.answers.get(form_id, {}).get(group.id, []))
        fewest = group.min if isinstance(group.min, int) else 0
        return items + [{}] * max(0, fewest - len(items))

    def fill_group(self, form_id: str) -> None:
        """On a repeating group's summary: add the next sample item, or go on when all are in."""
        session = self.kiosk.applicant.session
        assert session is not None
        group = session.wizard.current()
        assert group is not None and group.repeats
        members = self.screens.members
        if len(session.wizard.items(group.id)) < len(self.sample_items(form_id, group)):
            members.add_item_button.click()
        else:
            members.next_button.click()
        self.settle()
        if members.problem.isVisible():
            raise AssertionError(f"{form_id}: {group.id!r} refused: {members.problem.text()}")

    def answer_all(
        self,
        form_id: str,
        on_question: Callable[[Field], None] | None = None,
        press_next: Callable[[], None] | None = None,
        on_group: Callable[[Field], None] | None = None,
        stop_at_group: bool = False,
    ) -> None:
        """Answer questions and press Next until the review screen shows.

        `on_question` sees each question before it is answered, `on_group` each
        showing of a repeating group's summary; `press_next` replaces the press
        of Next (a benchmark times it). `stop_at_group` stops on a group's
        summary instead of filling it in.
        """
        for _ in range(MAX_STEPS):
            if self.kiosk.window.current_screen() is self.screens.members:
                if stop_at_group:
                    return
                session = self.kiosk.applicant.session
                group = None if session is None else session.wizard.current()
                if on_group is not None and group is not None:
                    on_group(group)
                self.fill_group(form_id)
                continue
            if self.kiosk.window.current_screen() is not self.screens.question:
                return
            session = self.kiosk.applicant.session
            assert session is not None
            field = session.wizard.current()
            assert field is not None
            if on_question is not None:
                on_question(field)
            self.answer_current(self.value_for(form_id, field))
            (press_next or self.screens.question.next_button.click)()
            self.settle()
            problem = self.screens.question.problem
            if problem.isVisible():
                raise AssertionError(f"{form_id}: {field.id!r} refused: {problem.text()}")
        raise AssertionError(f"{form_id}: no review screen after {MAX_STEPS} questions")

    def agree_and_submit(self) -> str:
        """On the review screen: give every consent, submit, return the tracking number."""
        for editor in self.screens.review.consents.values():
            editor.show_value(None)
            editor.buttons()[0].click()
        self.settle()
        self.screens.review.submit_button.click()
        self.settle()
        if self.kiosk.window.current_screen() is not self.screens.confirmation:
            raise AssertionError(f"not submitted: {self.screens.review.problem.text()}")
        return str(self.screens.confirmation.tracking_number.text())

    def complete(self, form_id: str, language: str) -> str:
        """A whole application from the start screen to the tracking number."""
        self.begin(form_id, language)
        self.identify()
        self.answer_all(form_id)
        return self.agree_and_submit()


def enter(editor: AnswerEditor, value: object, kiosk: Kiosk) -> None:
    """Set an editor's answer through its widgets (taps and typing)."""
    if isinstance(editor, YesNoEditor):
        if value is not None:
            editor.buttons()[0 if value else 1].click()
    elif isinstance(editor, OptionsEditor):
        wanted = set(value) if isinstance(value, list | tuple) else {value}
        for button, option in zip(editor.buttons(), editor.values(), strict=True):
            if (option in wanted) != button.isChecked():
                button.click()
    elif isinstance(editor, AddressEditor):
        editor.show_value([])
        for code in value if isinstance(value, list | tuple) else []:
            editor.tap_region(code)
    elif isinstance(editor, DateEditor):
        editor.line.clear()
        editor.line.insert("" if value is None else str(value).replace("-", ""))
    elif isinstance(editor, LineEditor):
        editor.line.clear()
        editor.line.insert("" if value is None else _typed_number(value))
    elif isinstance(editor, NoteEditor):
        editor.text.setPlainText("" if value is None else str(value))
    QApplication.processEvents()


def _typed_number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
