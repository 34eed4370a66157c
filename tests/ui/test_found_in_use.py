"""Findings of issue 14, each reproduced as a villager, clerk or installer met it
on the demo, and kept here so that it stays fixed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TypeVar, cast

import pytest
from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QGuiApplication, QInputMethod
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.clock import format_timestamp
from kiosk.config import DataPaths
from kiosk.forms import Field
from kiosk.forms.text import LocalText
from kiosk.store import connect
from tests.ui.conftest import (
    CLERK_ID,
    CLERK_PIN,
    SUPERVISOR_ID,
    SUPERVISOR_PIN,
    TEST_TIME,
    KioskFactory,
    open_sign_in,
    settle_kiosk,
    sign_in,
)
from tests.ui.screen_audit import audit, bring_into_view, check_in_view, check_reading_order
from tests.ui.test_screen_audit import show_link_status
from tests.ui.test_virtual_keyboard import takes_input_method
from ui.app import Kiosk
from ui.keyboard_clearance import KeyboardClearance
from ui.screenshots import TOUR_CONFIG
from ui.walkthrough import Walkthrough
from ui.widgets.editors import DateEditor, OptionsEditor
from ui.widgets.keypad import Keypad

SERVICE = "minimum-living-allowance"

W = TypeVar("W", bound=QWidget)


@pytest.fixture
def kiosk(start_kiosk: KioskFactory, data_dir: Path) -> Kiosk:
    """A kiosk offering Chinese, English and Uyghur, as the demo does."""
    DataPaths(data_dir).config.write_text(TOUR_CONFIG, encoding="utf-8")
    return start_kiosk(data_dir)


def _reprints(data_dir: Path) -> list[tuple[str, str]]:
    db = connect(DataPaths(data_dir).database)
    try:
        rows = db.execute(
            "SELECT tracking_number, requested_by FROM print_jobs WHERE reprint = 1"
        ).fetchall()
    finally:
        db.close()
    return [(str(number), str(actor)) for number, actor in rows]


@pytest.mark.parametrize(
    ("staff_id", "pin", "role"),
    [(CLERK_ID, CLERK_PIN, "clerk"), (SUPERVISOR_ID, SUPERVISOR_PIN, "supervisor")],
)
def test_1_a_reprint_from_the_clerk_screen_is_queued_in_the_staff_members_name(
    kiosk: Kiosk,
    walk: Walkthrough,
    data_dir: Path,
    qtbot: QtBot,
    staff_id: str,
    pin: str,
    role: str,
) -> None:
    tracking_number = walk.complete(SERVICE, "en")
    kiosk.navigator.reset(keep_draft=False)
    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, staff_id, pin)

    home = kiosk.clerk.home_screen
    home.reprint_input.setText(tracking_number)
    home.reprint_button.click()

    qtbot.waitUntil(lambda: _reprints(data_dir) != [], timeout=10_000)
    assert _reprints(data_dir) == [(tracking_number, f"{role}:{staff_id}")]
    settle_kiosk(qtbot, kiosk)


def _only(parent: QWidget, kind: type[W]) -> W:
    found = parent.findChild(kind)
    assert found is not None, f"no {kind.__name__} in {parent}"
    return found


def _tap(widget: QWidget) -> None:
    """A finger on the middle of a widget, through the window system's mouse events,
    once the person has scrolled it into view (a tap can only reach what is seen)."""
    bring_into_view(widget)
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


@pytest.mark.parametrize("language", ["zh_CN", "ug", "en"])
def test_2_a_tracking_number_is_typed_on_latin_keys_in_every_language(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot, language: str
) -> None:
    tracking_number = walk.complete(SERVICE, "en")
    kiosk.navigator.reset(keep_draft=False)
    start = kiosk.applicant.screens.start
    _tap(start.language_buttons[language])
    _tap(start.check_button)
    check = kiosk.applicant.screens.check
    assert kiosk.window.current_screen() is check

    _tap(check.number_input)
    # No input method (Pinyin candidates, the Uyghur-only layout) on this line.
    assert not takes_input_method(check.number_input)
    keys = {button.text(): button for button in check.keypad.findChildren(QPushButton)}
    assert check_in_view(kiosk.window, keys.values()) == []  # every key without scrolling
    for character in tracking_number:
        _tap(keys[character])
    assert check.number_input.text() == tracking_number
    _tap(check.lookup_button)
    settle_kiosk(qtbot, kiosk)

    assert check.result.isVisible()
    service = kiosk.services.catalogue.newest(SERVICE).title.get(language)
    assert check.result.text().startswith(service)


def test_3_a_published_update_renames_the_service_tile_in_every_language(
    kiosk: Kiosk, qtbot: QtBot
) -> None:
    catalogue = kiosk.services.catalogue
    current = catalogue.newest(SERVICE)
    renamed = {code: f"{current.title.get(code)} (2027)" for code in ("zh_CN", "en", "ug")}
    update = replace(current, version=current.version + 1, title=LocalText(renamed))
    catalogue.add([update])  # as a signed bundle from the central platform installs it
    kiosk.applicant.screens.start.offer_services(catalogue.service_titles())

    start = kiosk.applicant.screens.start
    for code, title in renamed.items():
        _tap(start.language_buttons[code])
        assert start.service_tiles[SERVICE].text() == title


def _current_field(kiosk: Kiosk) -> Field:
    session = kiosk.applicant.session
    assert session is not None
    field = session.wizard.current()
    assert field is not None
    return field


def _drafts(data_dir: Path) -> int:
    db = connect(DataPaths(data_dir).database)
    try:
        return int(
            db.execute("SELECT count(*) FROM applications WHERE state = 'draft'").fetchone()[0]
        )
    finally:
        db.close()


@pytest.mark.parametrize("language", ["en", "ug"])
def test_4_back_from_who_is_applying_keeps_the_language(
    kiosk: Kiosk, qtbot: QtBot, language: str
) -> None:
    start = kiosk.applicant.screens.start
    _tap(start.language_buttons[language])
    _tap(start.service_tiles[SERVICE])
    settle_kiosk(qtbot, kiosk)
    _tap(kiosk.applicant.screens.identify.back_button)
    settle_kiosk(qtbot, kiosk)

    assert kiosk.window.current_screen() is start
    assert kiosk.applicant.language == language
    assert start.language_buttons[language].isChecked()


def test_16_a_tile_tapped_then_back_leaves_no_draft_and_drafts_say_whose(
    kiosk: Kiosk, walk: Walkthrough, data_dir: Path, qtbot: QtBot
) -> None:
    start = kiosk.applicant.screens.start
    for _ in range(3):
        _tap(start.service_tiles[SERVICE])
        _tap(kiosk.applicant.screens.identify.back_button)
    kiosk.applicant.start_service(SERVICE)  # left without an answer by the idle reset
    kiosk.navigator.reset(keep_draft=True)
    settle_kiosk(qtbot, kiosk)
    assert _drafts(data_dir) == 0

    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, CLERK_ID, CLERK_PIN)
    home = kiosk.clerk.home_screen
    assert home.draft_buttons == {}
    assert home.drafts_caption.text() == "No unfinished applications."
    _tap(home.end_button)
    settle_kiosk(qtbot, kiosk)

    walk.begin(SERVICE, "en")
    walk.identify()  # the ID number fills in the first answers
    kiosk.navigator.reset(keep_draft=True)
    settle_kiosk(qtbot, kiosk)
    assert _drafts(data_dir) == 1
    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, CLERK_ID, CLERK_PIN)
    (draft,) = home.draft_buttons.values()
    number = walk.applicant.id_number
    assert draft.text().startswith(f"{number[:4]}**********{number[-4:]} — ")


def test_6_the_clerks_printer_line_is_translated_shows_no_path_and_agrees_with_the_applicant(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot
) -> None:
    walk.complete(SERVICE, "en")
    receipt = kiosk.applicant.screens.confirmation.receipt
    qtbot.waitUntil(lambda: receipt.text() != "", timeout=10_000)
    assert receipt.text().startswith("This kiosk has no printer.")
    kiosk.navigator.reset(keep_draft=False)
    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, CLERK_ID, CLERK_PIN)

    printer = kiosk.clerk.home_screen.printer
    qtbot.waitUntil(lambda: printer.text() != "", timeout=10_000)
    english = printer.text()
    assert english.startswith("No printer is connected.")
    assert "ready" not in english and "/" not in english
    kiosk.navigator.choose_language("zh_CN")
    assert printer.text() != english
    assert printer.text().startswith("未连接打印机")


def test_5_last_sync_and_drafts_show_the_same_moment_as_one_labelled_local_time(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot
) -> None:
    from sync.worker import SyncReport

    walk.begin(SERVICE, "en")
    walk.identify()
    kiosk.navigator.reset(keep_draft=True)  # a draft saved at TEST_TIME
    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, CLERK_ID, CLERK_PIN)
    home = kiosk.clerk.home_screen
    home.connection.update_report(SyncReport(online=True, last_sync_at=format_timestamp(TEST_TIME)))

    # 02:30 UTC is 10:30 at the kiosk (Asia/Shanghai), and says so.
    (draft,) = home.draft_buttons.values()
    assert "2026-11-27 10:30 (UTC+8)" in draft.text()
    assert "2026-11-27 10:30 (UTC+8)" in home.connection.label.text()
    assert "02:30" not in home.connection.label.text()


def test_7_dates_and_times_read_in_order_inside_uyghur_text(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot
) -> None:
    from sync.worker import SyncReport

    walk.begin(SERVICE, "ug")
    walk.identify()
    question = kiosk.applicant.screens.question
    while not isinstance(question.editor, DateEditor):
        walk.answer_current(walk.value_for(SERVICE, _current_field(kiosk)))
        _tap(question.next_button)
        settle_kiosk(qtbot, kiosk)
    hints = [label.text() for label in question.findChildren(QLabel) if label.isVisible()]
    assert any("1956-03-12" in text for text in hints)
    assert check_reading_order(kiosk.window) == []

    question.editor.line.setText("19561312")
    _tap(question.next_button)
    assert "1956-03-12" in question.problem.text()
    assert check_reading_order(kiosk.window) == []

    kiosk.navigator.reset(keep_draft=True)
    _tap(kiosk.applicant.screens.start.clerk_button)
    sign_in(kiosk, qtbot, CLERK_ID, CLERK_PIN)
    home = kiosk.clerk.home_screen
    home.connection.update_report(SyncReport(online=True, last_sync_at=format_timestamp(TEST_TIME)))
    assert "2026-11-27" in home.connection.label.text()
    assert check_reading_order(kiosk.window) == []


def _answer_until(kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot, field_id: str) -> None:
    """Answer the questions of SERVICE as the sample applicant until `field_id` is asked."""
    question = kiosk.applicant.screens.question
    while _current_field(kiosk).id != field_id:
        walk.answer_current(walk.value_for(SERVICE, _current_field(kiosk)))
        _tap(question.next_button)
        settle_kiosk(qtbot, kiosk)


def _type(keys: QWidget, text: str) -> None:
    """Tap the keys of an on-screen pad that spell `text`."""
    by_text = {button.text(): button for button in keys.findChildren(QPushButton)}
    for character in text:
        _tap(by_text[character])


def test_9_a_problem_message_goes_once_the_answer_is_put_right(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot
) -> None:
    number = walk.applicant.id_number
    walk.begin(SERVICE, "en")
    identify = kiosk.applicant.screens.identify
    wrong_check = "0" if number[-1] != "0" else "1"
    identify.id_input.setText(number[:-1] + wrong_check)
    _tap(identify.continue_button)
    assert identify.problem.isVisible()
    keypad = _only(identify, Keypad)
    _tap(keypad.delete_key)
    assert identify.problem.isVisible()  # not yet an ID number
    _type(keypad, number[-1])
    assert not identify.problem.isVisible()
    _tap(identify.continue_button)
    settle_kiosk(qtbot, kiosk)

    _answer_until(kiosk, walk, qtbot, "bank_account")
    question = kiosk.applicant.screens.question
    assert question.editor is not None and question.editor.keypad is not None  # digits
    editor = _only(question.editor, QLineEdit)
    editor.setText("62220212")
    _tap(question.next_button)
    assert question.problem.isVisible()
    QTest.keyClicks(editor, "02120000")  # the rest of the card number
    assert not question.problem.isVisible()

    walk.answer_all(SERVICE)
    review = kiosk.applicant.screens.review
    _tap(review.submit_button)
    assert review.problem.isVisible()  # consent not given yet
    for consent in review.consents.values():
        _tap(consent.buttons()[0])
    assert not review.problem.isVisible()


@pytest.mark.parametrize("where", ["identify", "question"])
def test_10_an_id_number_takes_18_characters_and_an_x_only_as_the_18th(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot, where: str
) -> None:
    walk.begin(SERVICE, "en")
    line = kiosk.applicant.screens.identify.id_input
    keypad = _only(kiosk.applicant.screens.identify, Keypad)
    if where == "question":
        walk.identify()
        _answer_until(kiosk, walk, qtbot, "id_number")
        editor = kiosk.applicant.screens.question.editor
        assert editor is not None and editor.keypad is not None
        line, keypad = _only(editor, QLineEdit), editor.keypad
        line.clear()
    _type(keypad, "X")
    assert line.text() == ""  # not the first character
    _type(keypad, "1101051949")
    _type(keypad, "X")
    assert line.text() == "1101051949"  # nor the eleventh
    _type(keypad, "1231002X")
    assert line.text() == "11010519491231002X"
    _type(keypad, "5")
    assert line.text() == "11010519491231002X"  # no 19th character


def test_12_none_of_these_cannot_be_chosen_with_other_options(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot
) -> None:
    walk.begin(SERVICE, "en")
    walk.identify()
    _answer_until(kiosk, walk, qtbot, "other_assistance")
    editor = kiosk.applicant.screens.question.editor
    assert isinstance(editor, OptionsEditor)
    buttons = dict(zip(editor.values(), editor.buttons(), strict=True))
    _tap(buttons["old_age_allowance"])
    _tap(buttons["education_aid"])
    _tap(buttons["none"])
    assert editor.chosen() == ["none"]
    _tap(buttons["education_aid"])
    assert editor.chosen() == ["education_aid"]


PHOTO_SIDE = {"en": "side with your photo", "zh_CN": "人像面", "ug": "رەسىملىك يۈزى"}
"""How each language names the side of the ID card that carries the number
(the side with the photo, at the bottom; the other side has the national emblem)."""
OTHER_SIDES = {"en": ("back", "front"), "zh_CN": ("背面", "正面"), "ug": ("ئارقا", "ئالدى")}


@pytest.mark.parametrize("language", ["en", "zh_CN", "ug"])
def test_15_identify_and_the_id_question_agree_where_the_number_is(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot, language: str
) -> None:
    walk.begin(SERVICE, language)
    said = [kiosk.applicant.screens.identify.help.text()]
    walk.identify()
    _answer_until(kiosk, walk, qtbot, "id_number")
    said.append(kiosk.applicant.screens.question.help.text())
    for text in said:
        assert PHOTO_SIDE[language] in text
        assert not any(side in text for side in OTHER_SIDES[language])


@pytest.mark.parametrize("leave", ["reset", "back"])
def test_17_no_focus_ring_is_left_on_the_last_persons_service_tile(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot, leave: str
) -> None:
    kiosk.window.activateWindow()
    qtbot.waitUntil(kiosk.window.isActiveWindow, timeout=5_000)
    tile = kiosk.applicant.screens.start.service_tiles[SERVICE]
    _tap(tile)  # a tap gives the button keyboard focus, kept while its screen is away
    settle_kiosk(qtbot, kiosk)
    if leave == "back":
        _tap(kiosk.applicant.screens.identify.back_button)
    else:
        walk.identify()
        kiosk.navigator.reset(keep_draft=True)
    settle_kiosk(qtbot, kiosk)

    assert kiosk.window.current_screen() is kiosk.applicant.screens.start
    assert not any(
        other.hasFocus() for other in kiosk.applicant.screens.start.service_tiles.values()
    )


class FakeInputMethod(QObject):
    """The on-screen keyboard's side of QInputMethod: visible, and where its keys are."""

    keyboardRectangleChanged = Signal()
    visibleChanged = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.rectangle = QRectF()

    def isVisible(self) -> bool:
        return not self.rectangle.isEmpty()

    def keyboardRectangle(self) -> QRectF:
        return self.rectangle

    def show_keys(self, top: int) -> None:
        """The keyboard from `top` to the bottom of the screen (empty: hidden)."""
        screen = QGuiApplication.primaryScreen().availableGeometry()
        self.rectangle = QRectF(0, top, screen.width(), screen.height() - top) if top else QRectF()
        self.visibleChanged.emit()
        self.keyboardRectangleChanged.emit()


def test_11_back_and_next_stay_put_as_the_candidate_bar_comes_and_goes(
    kiosk: Kiosk, qtbot: QtBot
) -> None:
    keyboard = FakeInputMethod()
    KeyboardClearance(kiosk.window, cast(QInputMethod, keyboard))
    kiosk.window.move(0, 0)
    screen_height = QGuiApplication.primaryScreen().availableGeometry().height()
    layout = kiosk.window.layout()
    assert layout is not None

    keyboard.show_keys(screen_height - 400)  # the keys
    with_keys = layout.contentsMargins().bottom()
    assert with_keys > 0
    keyboard.show_keys(screen_height - 460)  # Pinyin's candidate bar above them
    tallest = layout.contentsMargins().bottom()
    assert tallest == with_keys + 60
    keyboard.show_keys(screen_height - 400)  # the candidates taken
    assert layout.contentsMargins().bottom() == tallest
    keyboard.show_keys(0)  # the keyboard put away
    assert layout.contentsMargins().bottom() == 0


def test_11_tapping_next_leaves_the_focus_and_so_the_keyboard_in_the_field(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot
) -> None:
    kiosk.window.activateWindow()
    qtbot.waitUntil(kiosk.window.isActiveWindow, timeout=5_000)
    walk.begin(SERVICE, "en")
    walk.identify()
    _answer_until(kiosk, walk, qtbot, "full_name")
    question = kiosk.applicant.screens.question
    line = _only(question, QLineEdit)
    line.clear()
    line.setFocus()
    qtbot.waitUntil(line.hasFocus, timeout=5_000)
    _tap(question.next_button)  # no name yet: the question stays, saying so
    assert question.problem.isVisible()
    assert line.hasFocus()


def test_8_the_start_screen_fits_in_every_language_text_size_and_theme(
    kiosk: Kiosk, qtbot: QtBot
) -> None:
    show_link_status(kiosk)  # the demo's line about the link to the county office
    start = kiosk.applicant.screens.start
    findings: list[str] = []
    for language in ("zh_CN", "en", "ug"):
        for elderly in (False, True):
            for contrast in (False, True):
                kiosk.navigator.reset(keep_draft=False)  # toggles off, as for the next person
                _tap(start.language_buttons[language])
                if start.larger_text_button.isChecked() != elderly:
                    _tap(start.larger_text_button)
                if start.contrast_button.isChecked() != contrast:
                    _tap(start.contrast_button)
                settle_kiosk(qtbot, kiosk)
                found = audit(kiosk.window)
                if not elderly:  # every service without scrolling
                    found += check_in_view(kiosk.window, start.service_tiles.values())
                findings += [f"{language} {elderly=} {contrast=}: {item}" for item in found]
    assert findings == []
