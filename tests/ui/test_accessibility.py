"""Read-aloud, elderly mode and high contrast, through the real screens.

Speech goes through Qt's own `mock` text-to-speech engine: the kiosk's code
above the engine is the real one, and the engine reports each word it would
say. The mock engine has English voices only, which also shows what happens
for a language without a voice.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtTextToSpeech import QTextToSpeech
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from tests.ui.conftest import KioskFactory, settle_kiosk
from ui.app import Kiosk
from ui.screens.base import Screen
from ui.theme import BASE_POINT_SIZE, ELDERLY_SCALE, HIGH_CONTRAST_THEME, TextRole, palettes
from ui.walkthrough import Walkthrough


def spoken_words(kiosk: Kiosk, qtbot: QtBot, action: object) -> list[str]:
    """Run `action` and collect every word the engine says until it falls silent."""
    engine = kiosk.parts.speaker.engine
    assert engine is not None
    words: list[str] = []
    engine.sayingWord.connect(lambda word, _id, _start, _length: words.append(word))
    assert callable(action)
    action()
    qtbot.waitUntil(
        lambda: bool(words) and engine.state() == QTextToSpeech.State.Ready, timeout=20_000
    )
    return words


def test_read_aloud_says_the_question_and_its_choices(
    start_kiosk: KioskFactory, data_dir: Path, qtbot: QtBot
) -> None:
    kiosk = start_kiosk(data_dir, speech_engine="mock")
    walk = Walkthrough(kiosk, lambda: settle_kiosk(qtbot, kiosk))
    walk.begin("minimum-living-allowance", "en")
    walk.identify()
    question = kiosk.applicant.screens.question
    session = kiosk.applicant.session
    assert session is not None
    while (field := session.wizard.current()) is not None and field.id != "relation_to_head":
        walk.answer_current(walk.value_for("minimum-living-allowance", field))
        question.next_button.click()
        walk.settle()
    assert question.read_button.isVisible()

    words = spoken_words(kiosk, qtbot, question.read_button.click)

    said = " ".join(words)
    assert "household" in said  # the question
    assert "Husband or wife" in said  # one of its choices


def test_no_voice_for_the_language_hides_read_aloud(
    start_kiosk: KioskFactory, data_dir: Path, qtbot: QtBot
) -> None:
    kiosk = start_kiosk(data_dir, speech_engine="mock")
    start = kiosk.applicant.screens.start
    start.language_buttons["en"].click()
    assert start.read_button.isVisible()
    assert start.larger_text_button.text() == "Larger text, read aloud"

    start.language_buttons["zh_CN"].click()  # the mock engine has no Chinese voice

    assert not start.read_button.isVisible()
    assert start.larger_text_button.text() == "大字"  # larger text only: nothing promises a voice


def test_without_an_engine_nothing_offers_to_read(walk: Walkthrough, kiosk: Kiosk) -> None:
    walk.begin("rural-pension-enrolment", "en")
    walk.identify()

    assert kiosk.parts.speaker.engine is None
    assert not kiosk.applicant.screens.question.read_button.isVisible()
    assert kiosk.applicant.screens.start.larger_text_button.text() == "Larger text"


def test_elderly_mode_enlarges_text_gives_more_time_and_reads_aloud(
    start_kiosk: KioskFactory, data_dir: Path, qtbot: QtBot
) -> None:
    kiosk = start_kiosk(data_dir, speech_engine="mock")
    start = kiosk.applicant.screens.start
    start.language_buttons["en"].click()
    normal_width = start.check_button.sizeHint().width()

    words = spoken_words(kiosk, qtbot, start.larger_text_button.click)

    assert QApplication.font().pointSizeF() == BASE_POINT_SIZE * ELDERLY_SCALE
    assert start.check_button.sizeHint().width() > normal_width
    assert kiosk.parts.inactivity.idle_seconds() == 2 * kiosk.services.config.inactivity_seconds
    assert "apply" in " ".join(words)

    kiosk.navigator.reset(keep_draft=False)

    assert QApplication.font().pointSizeF() == BASE_POINT_SIZE
    assert not start.larger_text_button.isChecked()
    assert kiosk.parts.inactivity.idle_seconds() == kiosk.services.config.inactivity_seconds


def test_high_contrast_turns_the_screens_light_on_dark(kiosk: Kiosk) -> None:
    start = kiosk.applicant.screens.start
    start.contrast_button.click()
    image = kiosk.window.grab().toImage()
    corner = image.pixelColor(5, 5)

    assert corner.lightness() < 20  # black background
    assert kiosk.parts.presentation.high_contrast

    kiosk.navigator.reset(keep_draft=False)
    assert kiosk.window.grab().toImage().pixelColor(5, 5).lightness() > 235


def test_a_look_change_reaches_screens_made_before_and_after_it(kiosk: Kiosk, qtbot: QtBot) -> None:
    """Large text and high contrast reach a screen that was hidden when they were
    chosen, and one made afterwards; the reset takes both back."""
    start = kiosk.applicant.screens.start
    made_before = kiosk.window.add_screen(Screen())
    start.larger_text_button.click()
    start.contrast_button.click()
    made_after = kiosk.window.add_screen(Screen())
    heading = QColor(palettes()[HIGH_CONTRAST_THEME]["heading"])

    for screen in (made_before, made_after):
        assert looks_of(kiosk, qtbot, screen, heading) == (
            BASE_POINT_SIZE * ELDERLY_SCALE,
            BASE_POINT_SIZE * ELDERLY_SCALE * TextRole.TITLE.value,
            True,
        )

    kiosk.navigator.reset(keep_draft=False)

    for screen in (made_before, made_after):
        assert looks_of(kiosk, qtbot, screen, heading) == (
            BASE_POINT_SIZE,
            BASE_POINT_SIZE * TextRole.TITLE.value,
            False,
        )


def looks_of(
    kiosk: Kiosk, qtbot: QtBot, screen: Screen, colour: QColor
) -> tuple[float, float, bool]:
    """Shown in front: its body text's size, its title's size, and whether the title
    is drawn in `colour`."""
    body = QLabel("Text")
    screen.outer.addWidget(body)
    screen.title.setText("Title")
    kiosk.window.show_screen(screen)
    settle_kiosk(qtbot, kiosk)
    title = screen.title.grab().toImage()
    drawn = {title.pixel(x, y) for x in range(title.width()) for y in range(title.height())}
    return body.font().pointSizeF(), screen.title.font().pointSizeF(), colour.rgb() in drawn
