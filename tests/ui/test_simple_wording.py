"""Elderly mode shows (and reads) the form's simpler wording; normal mode the text as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import DataPaths
from kiosk.forms import Field
from tests.ui.conftest import KioskFactory, settle_kiosk
from ui.app import Kiosk
from ui.screenshots import TOUR_CONFIG
from ui.translations import SHIPPED_LANGUAGES
from ui.walkthrough import Walkthrough
from ui.widgets.editors import OptionsEditor

SERVICE = "rural-pension-enrolment"
QUESTION = "hukou_type"  # simpler question, help and choice labels in every language
CHOICE = "agricultural"


def walk_to(walk: Walkthrough, kiosk: Kiosk, language: str, elderly: bool) -> Field:
    """From the start screen, in `language` and mode, up to the question `QUESTION`."""
    start = walk.screens.start
    start.language_buttons[language].click()
    if start.larger_text_button.isChecked() != elderly:
        start.larger_text_button.click()
    walk.begin(SERVICE, language)
    walk.identify()
    session = kiosk.applicant.session
    assert session is not None
    while (field := session.wizard.current()) is not None and field.id != QUESTION:
        walk.answer_current(walk.value_for(SERVICE, field))
        walk.screens.question.next_button.click()
        walk.settle()
    assert field is not None
    return field


@pytest.mark.parametrize("elderly", [False, True], ids=["normal", "elderly"])
@pytest.mark.parametrize("language", ["en", *SHIPPED_LANGUAGES])
def test_the_question_and_review_use_the_wording_of_the_mode(
    language: str, elderly: bool, start_kiosk: KioskFactory, data_dir: Path, qtbot: QtBot
) -> None:
    DataPaths(data_dir).config.write_text(TOUR_CONFIG, encoding="utf-8")  # every language
    kiosk = start_kiosk(data_dir)
    walk = Walkthrough(kiosk, lambda: settle_kiosk(qtbot, kiosk))
    field = walk_to(walk, kiosk, language, elderly)
    choice = next(item for item in field.choices if item.value == CHOICE)
    simple_label, plain_label = field.label_in(language, True), field.label_in(language)
    assert simple_label != plain_label
    expected_label = simple_label if elderly else plain_label
    expected_help = field.help_in(language, elderly)
    expected_choice = choice.label_in(language, elderly)
    question = walk.screens.question

    assert question.question.text() == expected_label
    assert question.help.text() == expected_help
    assert isinstance(question.editor, OptionsEditor)
    assert expected_choice in [button.text() for button in question.editor.buttons()]
    assert expected_label in question.spoken_text()  # what "read aloud" says

    walk.answer_all(SERVICE)
    row = walk.screens.review.answer_rows[QUESTION].text()
    assert row.splitlines() == [expected_label, expected_choice]
