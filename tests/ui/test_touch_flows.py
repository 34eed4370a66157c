"""The applicant's and the clerk's ways through the kiosk as issue 14's "Touch
first" list asks for them, driven by taps at widget coordinates on the real
screens."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import DataPaths
from sync.worker import SyncReport
from tests.ui.conftest import KioskFactory, audit_entries, settle_kiosk
from tests.ui.screen_audit import check_in_view
from tests.ui.test_found_in_use import _current_field as current_field
from tests.ui.test_found_in_use import _drafts as draft_count
from ui.app import Kiosk
from ui.clerk_flow import sync_outcome
from ui.scanning.camera_slot import CameraSlot
from ui.screen_tour import (
    TOUR_ADMINISTRATOR_ID,
    TOUR_ADMINISTRATOR_PIN,
    TOUR_CLERK_ID,
    TOUR_CLERK_PIN,
    TOUR_SUPERVISOR_ID,
    TOUR_SUPERVISOR_PIN,
)
from ui.screenshots import TOUR_CONFIG
from ui.walkthrough import Walkthrough
from ui.widgets.editors import YesNoEditor

SERVICE = "minimum-living-allowance"


@pytest.fixture
def kiosk(start_kiosk: KioskFactory, data_dir: Path) -> Kiosk:
    """A kiosk offering Chinese, English and Uyghur, as the demo does."""
    DataPaths(data_dir).config.write_text(TOUR_CONFIG, encoding="utf-8")
    return start_kiosk(data_dir)


def tap(widget: QWidget) -> None:
    """A finger on the middle of a widget, through the window system's mouse events."""
    assert widget.isVisible(), f"{widget} is not on screen"
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def top_in_window(widget: QWidget) -> int:
    """Where a widget starts, counted from the top of its window."""
    return widget.mapTo(widget.window(), widget.rect().topLeft()).y()


HOUR_MS = 3_600_000
"""A timer interval no test outlives."""


def test_the_confirmation_stays_90_seconds_from_the_last_touch_documents_first(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot
) -> None:
    confirmation = kiosk.applicant.screens.confirmation
    # The seconds are counted here, tick by tick: the real one-second timer must not
    # add its own on a slow machine ("89 seconds" where 90 were still left).
    confirmation.countdown_timer.setInterval(HOUR_MS)
    tracking_number = walk.complete(SERVICE, "en")
    assert kiosk.window.current_screen() is confirmation
    assert confirmation.tracking_number.text() == tracking_number
    assert "90 seconds" in confirmation.countdown.text()

    # What to bring comes before the (optional) rating, and nothing scrolls
    # inside the screen's own scrolling body.
    assert confirmation.documents.isVisible() and confirmation.documents.text()
    assert top_in_window(confirmation.documents) < top_in_window(confirmation.rating_caption)
    assert confirmation.findChildren(QScrollArea) == [confirmation.body_scroll]

    for _ in range(80):
        confirmation.countdown_timer.timeout.emit()
    assert "10 seconds" in confirmation.countdown.text()
    tap(confirmation.tracking_number)  # still copying the number down
    assert "90 seconds" in confirmation.countdown.text()
    for _ in range(89):
        confirmation.countdown_timer.timeout.emit()
    assert kiosk.window.current_screen() is confirmation
    confirmation.countdown_timer.timeout.emit()
    settle_kiosk(qtbot, kiosk)
    assert kiosk.window.current_screen() is kiosk.applicant.screens.start
    # Gone back to the start, later touches are nobody's business of this screen.
    assert not confirmation.countdown_timer.isActive()


@pytest.mark.parametrize("language", ["zh_CN", "en", "ug"])
def test_the_enrolment_screen_shows_the_certificate_choice_without_scrolling(
    kiosk: Kiosk, qtbot: QtBot, language: str
) -> None:
    # The layout audit of every language and look visits this screen in the tour
    # (tests/ui/test_screen_audit.py); here: what an installer needs is in view.
    start = kiosk.applicant.screens.start
    tap(start.language_buttons[language])
    sign_in_by_touch(kiosk, qtbot, TOUR_ADMINISTRATOR_ID, TOUR_ADMINISTRATOR_PIN)
    home = kiosk.clerk.home_screen
    tap(home.enrol_button)
    settle_kiosk(qtbot, kiosk)
    enrolment = kiosk.clerk.enrolment
    assert enrolment is not None
    assert kiosk.window.current_screen() is enrolment.screen
    assert check_in_view(kiosk.window, enrolment_controls(kiosk)) == []
    # One camera view for the kiosk: the identify screen's, shown here in its slot.
    assert isinstance(enrolment.screen.camera_slot, CameraSlot)
    assert enrolment.screen.camera is kiosk.applicant.screens.identify.camera


def sign_in_by_touch(kiosk: Kiosk, qtbot: QtBot, staff_id: str, pin: str) -> None:
    """From the start screen to the clerk screen on the sign-in keypad."""
    tap(kiosk.applicant.screens.start.clerk_button)
    settle_kiosk(qtbot, kiosk)
    screen = kiosk.clerk.pin_screen
    type_on_keypad(screen.keypad, staff_id)
    tap(screen.pin_input)
    type_on_keypad(screen.keypad, pin)
    tap(screen.sign_in_button)
    settle_kiosk(qtbot, kiosk)
    assert kiosk.window.current_screen() is kiosk.clerk.home_screen


def type_on_keypad(keypad: QWidget, text: str) -> None:
    """Tap each character's key."""
    keys = {button.text(): button for button in keypad.findChildren(QPushButton)}
    for character in text:
        tap(keys[character])


def test_assisted_filling_asks_the_language_first_and_the_start_screen_names_the_clerk(
    kiosk: Kiosk, qtbot: QtBot
) -> None:
    sign_in_by_touch(kiosk, qtbot, TOUR_CLERK_ID, TOUR_CLERK_PIN)
    tap(kiosk.clerk.home_screen.assist_button)
    settle_kiosk(qtbot, kiosk)
    consent = kiosk.clerk.consent_screen
    assert kiosk.window.current_screen() is consent
    # The language first: the question waits until the applicant can read it.
    assert all(button.isVisible() for button in consent.language_buttons.values())
    assert not consent.yes_button.isVisible() and not consent.question.isVisible()

    tap(consent.language_buttons["ug"])
    assert kiosk.navigator.language == "ug"
    assert consent.question.isVisible() and TOUR_CLERK_ID in consent.question.text()
    assert not consent.language_buttons["ug"].isVisible()
    tap(consent.yes_button)
    settle_kiosk(qtbot, kiosk)

    start = kiosk.applicant.screens.start
    assert kiosk.window.current_screen() is start
    assert kiosk.navigator.language == "ug"
    assert start.assisting.isVisible()
    assert "Tour clerk" in start.assisting.text() and TOUR_CLERK_ID in start.assisting.text()
    assert start.assisting.text() != "A clerk is helping you: Tour clerk (staff number 1001)."

    kiosk.navigator.reset(keep_draft=False)
    settle_kiosk(qtbot, kiosk)
    assert not start.assisting.isVisible() and start.assisting.text() == ""


def test_the_clerk_screen_has_one_primary_action_quit_apart_and_feedback_on_sync(
    kiosk: Kiosk, qtbot: QtBot
) -> None:
    tap(kiosk.applicant.screens.start.language_buttons["en"])
    sign_in_by_touch(kiosk, qtbot, TOUR_SUPERVISOR_ID, TOUR_SUPERVISOR_PIN)
    home = kiosk.clerk.home_screen
    primary = [
        button
        for button in home.findChildren(QPushButton)
        if button.isVisible() and button.property("role") == "primary"
    ]
    assert primary == [home.assist_button]
    # "Quit the kiosk program" is a supervisor's, and nowhere near "End session".
    assert home.quit_button.isVisible() and home.end_button.isVisible()
    assert home.buttons.indexOf(home.quit_button) == -1
    assert home.buttons.indexOf(home.end_button) != -1
    # Printing the waiting receipts and copying an old one read differently.
    assert home.retry_button.text() != home.reprint_button.text()
    assert "copy" in home.reprint_button.text() and "waiting" in home.retry_button.text()
    for language in ("zh_CN", "ug"):  # no word of "end session" hides inside "quit"
        kiosk.navigator.choose_language(language)
        assert home.end_button.text() not in home.quit_button.text()
        assert home.retry_button.text() != home.reprint_button.text()
    kiosk.navigator.choose_language("en")

    home.offer_sync(True)
    settle_kiosk(qtbot, kiosk)
    tap(home.sync_button)
    assert not home.sync_button.isEnabled()
    assert home.sync_feedback.isVisible() and home.sync_feedback.text() == "Syncing now…"
    home.sync_finished(lambda: sync_outcome(SyncReport(online=True, acknowledged=2, backlog=1)))
    assert home.sync_button.isEnabled()
    assert home.sync_feedback.text() == "Sync done: 2 sent, 1 still waiting to be sent."


def test_call_staff_on_an_applicant_screen_shows_on_the_clerk_screen_until_cleared(
    kiosk: Kiosk, qtbot: QtBot, data_dir: Path
) -> None:
    screens = kiosk.applicant.screens
    tap(screens.start.language_buttons["en"])
    asking = [screen for screen in screens.all() if screen is not screens.start]
    assert all(screen.call_button.isVisibleTo(screen) for screen in asking)
    tap(screens.start.service_tiles[SERVICE])
    settle_kiosk(qtbot, kiosk)
    identify = screens.identify
    tap(identify.call_button)
    settle_kiosk(qtbot, kiosk)
    assert identify.call_button.text() == "Staff are called: someone is coming"
    assert not identify.call_button.isEnabled()
    assert all(screen.call_button.called for screen in asking)
    called = [e for e in audit_entries(data_dir) if e.action == "staff_called"]
    assert [(e.actor, e.subject) for e in called] == [("applicant", "kiosk")]

    kiosk.navigator.reset(keep_draft=False)
    settle_kiosk(qtbot, kiosk)
    assert identify.call_button.called  # still waiting for a clerk after a reset
    tap(screens.start.language_buttons["en"])
    sign_in_by_touch(kiosk, qtbot, TOUR_CLERK_ID, TOUR_CLERK_PIN)
    home = kiosk.clerk.home_screen
    assert home.staff_call.isVisible() and home.answer_call_button.isVisible()
    assert "asked for staff at 2026-11-27 10:30 (UTC+8)" in home.staff_call.text()

    tap(home.answer_call_button)
    settle_kiosk(qtbot, kiosk)
    assert not home.staff_call.isVisible() and not home.answer_call_button.isVisible()
    assert not any(screen.call_button.called for screen in asking)
    answered = [e for e in audit_entries(data_dir) if e.action == "staff_call_answered"]
    assert [(e.actor, e.subject) for e in answered] == [(f"clerk:{TOUR_CLERK_ID}", called[0].at)]


PENSION = "rural-pension-enrolment"


def answer_until(kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot, field_id: str) -> None:
    """Answer the pension questions as the sample applicant until `field_id` is asked."""
    while (field := current_field(kiosk)).id != field_id:
        walk.answer_current(walk.value_for(PENSION, field))
        tap(kiosk.applicant.screens.question.next_button)
        settle_kiosk(qtbot, kiosk)


@pytest.mark.parametrize("way_on", ["finish later", "start again"])
def test_an_answer_that_rules_the_person_out_gets_a_page_with_what_to_do_next(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot, data_dir: Path, way_on: str
) -> None:
    screens = kiosk.applicant.screens
    tap(screens.start.language_buttons["ug"])
    tap(screens.start.service_tiles[PENSION])
    settle_kiosk(qtbot, kiosk)
    walk.identify()
    answer_until(kiosk, walk, qtbot, "employee_pension")
    question = screens.question
    assert isinstance(question.editor, YesNoEditor)
    yes = question.editor.buttons()[question.editor.values().index("yes")]
    tap(yes)
    tap(question.next_button)
    settle_kiosk(qtbot, kiosk)

    ineligible = screens.ineligible
    assert kiosk.window.current_screen() is ineligible
    assert not question.problem.isVisible()  # a page of its own, not a red message
    field = current_field(kiosk)
    assert field.constraint_message is not None
    assert ineligible.reason.text() == field.constraint_message.get("ug")
    assert ineligible.title.text() != "You cannot apply for this service"  # translated
    assert ineligible.next_steps.text()

    tap(ineligible.change_button)  # a mistake: the question again, the answer can change
    assert kiosk.window.current_screen() is question
    tap(question.next_button)
    settle_kiosk(qtbot, kiosk)
    assert kiosk.window.current_screen() is ineligible

    if way_on == "finish later":
        tap(ineligible.finish_later_button)
        settle_kiosk(qtbot, kiosk)
        assert draft_count(data_dir) == 1  # left for the staff to finish with the person
    else:
        tap(ineligible.start_again_button)
        settle_kiosk(qtbot, kiosk)
        assert draft_count(data_dir) == 0
    assert kiosk.window.current_screen() is screens.start
    assert ineligible.reason.text() == ""


def enrolment_controls(kiosk: Kiosk) -> list[QWidget]:
    """What an installer must reach on the enrolment screen without scrolling: both
    fields, the certificate choice and the button that looks for certificate files."""
    enrolment = kiosk.clerk.enrolment
    assert enrolment is not None
    screen = enrolment.screen
    return [
        screen.address_input,
        screen.code_input,
        screen.system_ca_button,
        screen.drives_button,
        screen.enrol_button,
    ]
