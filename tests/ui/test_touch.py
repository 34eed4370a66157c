"""Touch first: a finger drags the content, is told when more lies below, sees
which choices are marked, and never has an option moved from under it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import DataPaths
from kiosk.handwriting import Stroke
from kiosk.store import connect
from tests.kiosk.test_handwriting import SIMPLE_CHARACTERS
from tests.ui.conftest import (
    CLERK_ID,
    CLERK_PIN,
    KioskFactory,
    open_sign_in,
    settle_kiosk,
    sign_in,
)
from tests.ui.screen_audit import (
    audit,
    bring_into_view,
    check_in_view,
    check_scrolling,
    image_array,
)
from tests.ui.test_virtual_keyboard import takes_input_method
from ui.app import Kiosk
from ui.screenshots import TOUR_CONFIG
from ui.walkthrough import Walkthrough
from ui.widgets.editors import LineEditor, OptionsEditor
from ui.widgets.touch_scroll import TouchScrollArea
from ui.widgets.wrapping_button import MARK_SIZE, TEXT_MARGINS, Mark

SERVICE = "rural-pension-enrolment"


@pytest.fixture
def kiosk(start_kiosk: KioskFactory, data_dir: Path) -> Kiosk:
    """A kiosk offering Chinese, English and Uyghur, as the demo does."""
    DataPaths(data_dir).config.write_text(TOUR_CONFIG, encoding="utf-8")
    return start_kiosk(data_dir)


def answer_until(kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot, field_id: str) -> None:
    """Answer the sample applicant's questions until `field_id` is on screen."""
    question = kiosk.applicant.screens.question
    for _ in range(60):
        session = kiosk.applicant.session
        assert session is not None
        field = session.wizard.current()
        assert field is not None
        if field.id == field_id:
            settle_kiosk(qtbot, kiosk)
            return
        walk.answer_current(walk.value_for(SERVICE, field))
        question.next_button.click()
        settle_kiosk(qtbot, kiosk)
    raise AssertionError(f"never reached {field_id}")


def drag(area: TouchScrollArea, qtbot: QtBot, distance: int) -> None:
    """A finger put on the content and moved up by `distance` pixels, then lifted."""
    viewport = area.viewport()
    x, start = viewport.width() // 2, viewport.height() - 40
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(x, start))
    for step in range(1, 21):
        QTest.mouseMove(viewport, QPoint(x, start - distance * step // 20))
        qtbot.wait(10)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(x, start - distance))
    qtbot.wait(1200)  # the kinetic scroll comes to rest


def tap(widget: QWidget) -> None:
    """A finger on the middle of a widget, once the person has it in view."""
    bring_into_view(widget)
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def on_window(widget: QWidget, kiosk: Kiosk) -> QPoint:
    return widget.mapTo(kiosk.window, QPoint(0, 0))


def test_the_long_list_is_dragged_by_a_finger_and_says_more_below(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot
) -> None:
    kiosk.parts.presentation.set_elderly(True)
    walk.begin(SERVICE, "ug")
    walk.identify()
    answer_until(kiosk, walk, qtbot, "ethnicity")
    question = kiosk.applicant.screens.question
    area = question.body_scroll
    assert check_scrolling(kiosk.window) == []
    assert area.content_below() and area.more_below.isVisible()

    editor = question.editor
    assert isinstance(editor, OptionsEditor)
    last = editor.buttons()[-1]
    before = on_window(last, kiosk).y()
    drag(area, qtbot, 300)
    assert on_window(last, kiosk).y() < before - 200
    while area.more_below.isVisible():
        QTest.mouseClick(area.more_below, Qt.MouseButton.LeftButton)
        qtbot.wait(600)
    assert not area.content_below()
    # A tap, once dragged into view, still chooses.
    QTest.mouseClick(last, Qt.MouseButton.LeftButton, pos=last.rect().center())
    assert editor.chosen() == [editor.values()[-1]]


def mark_pixels(button: QWidget) -> int:
    """Pixels of the mark's colour in the box where a mark is drawn."""
    image = image_array(button.grab().toImage())
    start = TEXT_MARGINS[0]
    top = (button.height() - MARK_SIZE) // 2
    box = image[top : top + MARK_SIZE, start : start + MARK_SIZE, :3].astype(int)
    background = image[2 + button.height() // 2, button.width() - 8, :3].astype(int)
    return int(np.count_nonzero(np.abs(box - background).sum(axis=2) > 120))


def test_choices_are_marked_and_several_say_choose_all_that_apply(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot
) -> None:
    walk.begin(SERVICE, "en")
    walk.identify()
    answer_until(kiosk, walk, qtbot, "hukou_type")
    editor = kiosk.applicant.screens.question.editor
    assert isinstance(editor, OptionsEditor)
    button = editor.buttons()[0]
    assert button.mark is Mark.RADIO
    empty = mark_pixels(button)
    assert empty > 20  # the circle
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
    assert mark_pixels(button) > empty  # and its dot
    assert "Choose all that apply." not in kiosk.applicant.screens.question.spoken_text()

    answer_until(kiosk, walk, qtbot, "special_groups")
    editor = kiosk.applicant.screens.question.editor
    assert isinstance(editor, OptionsEditor)
    assert {button.mark for button in editor.buttons()} == {Mark.CHECK}
    assert "Choose all that apply." in kiosk.applicant.screens.question.spoken_text()


def test_a_problem_message_moves_no_option_from_under_the_finger(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot
) -> None:
    walk.begin(SERVICE, "zh_CN")
    walk.identify()
    answer_until(kiosk, walk, qtbot, "hukou_type")
    question = kiosk.applicant.screens.question
    editor = question.editor
    assert isinstance(editor, OptionsEditor)
    where = [on_window(button, kiosk) for button in editor.buttons()]
    QTest.mouseClick(question.next_button, Qt.MouseButton.LeftButton)
    settle_kiosk(qtbot, kiosk)
    assert question.problem.isVisible()  # nothing chosen yet
    assert [on_window(button, kiosk) for button in editor.buttons()] == where
    assert audit(kiosk.window) == []


@pytest.mark.parametrize("language", ["zh_CN", "ug"])
def test_a_card_number_is_typed_on_the_digit_keypad_and_may_keep_its_gaps(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot, language: str
) -> None:
    walk.begin(SERVICE, language)
    walk.identify()
    answer_until(kiosk, walk, qtbot, "bank_account")
    question = kiosk.applicant.screens.question
    editor = question.editor
    assert isinstance(editor, LineEditor) and editor.keypad is not None
    assert not takes_input_method(editor.line)  # no Pinyin, no Uyghur letters
    keys = {button.text(): button for button in editor.keypad.findChildren(QPushButton)}
    for group in ("6222", "0212", "0212", "0000"):
        for digit in group:
            QTest.mouseClick(keys[digit], Qt.MouseButton.LeftButton)
        QTest.keyClick(editor.line, Qt.Key.Key_Space)  # in groups, as printed on the card
    assert " " in editor.line.text()
    QTest.mouseClick(question.next_button, Qt.MouseButton.LeftButton)
    settle_kiosk(qtbot, kiosk)
    assert not question.problem.isVisible(), question.problem.text()
    session = kiosk.applicant.session
    assert session is not None
    assert session.wizard.answer("bank_account") == "6222021202120000"


def write(box: QWidget, qtbot: QtBot, strokes: list[Stroke]) -> None:
    """Draw strokes on the writing box with the mouse (a finger): press, move, lift."""
    for stroke in strokes:
        first, *rest = [QPoint(x, y) for x, y in stroke]
        QTest.mousePress(box, Qt.MouseButton.LeftButton, pos=first)
        for point in rest:
            QTest.mouseMove(box, point)
        QTest.mouseRelease(box, Qt.MouseButton.LeftButton, pos=rest[-1])
        qtbot.wait(20)


def test_a_name_is_written_by_hand_in_the_keyboards_place(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot
) -> None:
    walk.begin(SERVICE, "zh_CN")
    walk.identify()
    answer_until(kiosk, walk, qtbot, "full_name")
    question = kiosk.applicant.screens.question
    editor = question.editor
    assert isinstance(editor, LineEditor) and editor.handwriting is not None
    editor.line.clear()  # prefilled from the sample ID
    assert takes_input_method(editor.line)  # the Pinyin keyboard first
    tap(editor.writing_button)
    pad = editor.handwriting
    assert pad.isVisible() and not takes_input_method(editor.line)
    assert not _inside_scrolling(pad.box)  # a stroke is not a drag of the page
    for character in ("一", "十", "人"):
        write(pad.box, qtbot, SIMPLE_CHARACTERS[character])
        assert pad.candidates()[0] == character, pad.candidates()
        tap(pad.candidate_buttons[0])
        assert pad.box.strokes == [] and pad.candidates() == []
        settle_kiosk(qtbot, kiosk)
        # The writer sees what has been written: the field stays whole above the pad.
        assert check_in_view(kiosk.window, [editor.line]) == []
    assert editor.line.text() == "一十人"
    assert audit(kiosk.window) == []

    tap(editor.keyboard_button)
    assert not pad.isVisible() and takes_input_method(editor.line)


def _inside_scrolling(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, TouchScrollArea):
            return True
        parent = parent.parentWidget()
    return False


@pytest.mark.parametrize("language", ["en", "ug"])
def test_handwriting_is_offered_for_chinese_only(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot, language: str
) -> None:
    walk.begin(SERVICE, language)
    walk.identify()
    answer_until(kiosk, walk, qtbot, "full_name")
    editor = kiosk.applicant.screens.question.editor
    assert isinstance(editor, LineEditor) and editor.handwriting is None


def test_the_clerk_types_a_tracking_number_on_the_tracking_keys(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot, data_dir: Path
) -> None:
    tracking_number = walk.complete(SERVICE, "zh_CN")
    kiosk.navigator.reset(keep_draft=False)
    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, CLERK_ID, CLERK_PIN)
    kiosk.navigator.choose_language("zh_CN")  # the clerk may work in Chinese too
    home = kiosk.clerk.home_screen
    assert not home.tracking_keypad.isVisible()
    for line in (home.correct_input, home.reprint_input):
        assert not takes_input_method(line)  # never the Pinyin keyboard
    tap(home.reprint_input)
    assert home.tracking_keypad.isVisible()
    # A finger lands on the other field to drag the page: the drag calls the press
    # off with a release outside the field, and the keys keep typing where they were.
    QTest.mousePress(home.correct_input, Qt.MouseButton.LeftButton)
    QTest.mouseRelease(home.correct_input, Qt.MouseButton.LeftButton, pos=QPoint(-5000, -5000))
    keys = {button.text(): button for button in home.tracking_keypad.findChildren(QPushButton)}
    for character in tracking_number:
        tap(keys[character])
    assert home.reprint_input.text() == tracking_number
    tap(home.reprint_button)
    qtbot.waitUntil(lambda: reprints(data_dir) == [tracking_number], timeout=10_000)
    settle_kiosk(qtbot, kiosk)


def reprints(data_dir: Path) -> list[str]:
    db = connect(DataPaths(data_dir).database)
    try:
        rows = db.execute("SELECT tracking_number FROM print_jobs WHERE reprint = 1").fetchall()
    finally:
        db.close()
    return [str(number) for (number,) in rows]
