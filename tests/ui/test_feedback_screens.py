"""Rating the visit and leaving a complaint, through the real screens."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.clock import FixedClock
from kiosk.config import DataPaths
from kiosk.feedback import unsent
from kiosk.security.key_store import open_keys
from kiosk.store import open_database
from tests.ui.conftest import settle_kiosk
from ui.app import Kiosk
from ui.walkthrough import Walkthrough


def stored_feedback(data_dir: Path, clock: FixedClock) -> list[tuple[object, ...]]:
    opened = open_database(DataPaths(data_dir).database, clock=clock)
    try:
        return [
            (item.rating, item.topic, item.comment, item.contact, item.language)
            for item in unsent(opened.db, open_keys(opened.db))
        ]
    finally:
        opened.db.close()


def test_one_tap_rating_is_kept_and_the_kiosk_still_returns_to_start(
    walk: Walkthrough, kiosk: Kiosk, qtbot: QtBot, data_dir: Path, clock: FixedClock
) -> None:
    walk.complete("rural-pension-enrolment", "en")
    confirmation = kiosk.applicant.screens.confirmation
    assert kiosk.window.current_screen() is confirmation

    confirmation.rating_buttons[4].click()
    settle_kiosk(qtbot, kiosk)

    assert not confirmation.rating_buttons[4].isVisibleTo(confirmation)
    confirmation.done_button.click()
    settle_kiosk(qtbot, kiosk)
    assert kiosk.window.current_screen() is kiosk.start
    assert stored_feedback(data_dir, clock) == [(4, None, None, None, "en")]
    assert all(button.isVisibleTo(confirmation) for button in confirmation.rating_buttons.values())


def test_a_complaint_with_a_contact_is_kept_and_the_screen_is_cleared(
    walk: Walkthrough, kiosk: Kiosk, qtbot: QtBot, data_dir: Path, clock: FixedClock
) -> None:
    walk.complete("medical-insurance-enrolment", "en")
    kiosk.applicant.screens.confirmation.more_button.click()
    screen = kiosk.feedback.screen
    assert kiosk.window.current_screen() is screen

    screen.send_button.click()
    assert screen.problem.isVisibleTo(screen)  # nothing said yet
    screen.topic_buttons["waiting"].click()
    screen.comment.setPlainText("The printer queue was long")
    screen.contact_toggle.click()
    screen.contact.setText("13800138000")
    screen.send_button.click()
    settle_kiosk(qtbot, kiosk)

    assert kiosk.window.current_screen() is kiosk.start
    assert stored_feedback(data_dir, clock) == [
        (None, "waiting", "The printer queue was long", "13800138000", "en")
    ]
    assert screen.comment.toPlainText() == "" and screen.contact.text() == ""
    assert not any(button.isChecked() for button in screen.topic_buttons.values())


def test_an_anonymous_suggestion_keeps_no_contact_even_if_one_was_typed(
    walk: Walkthrough, kiosk: Kiosk, qtbot: QtBot, data_dir: Path, clock: FixedClock
) -> None:
    walk.complete("minimum-living-allowance", "zh_CN")
    kiosk.applicant.screens.confirmation.more_button.click()
    screen = kiosk.feedback.screen
    screen.contact_toggle.click()
    screen.contact.setText("13800138000")
    screen.contact_toggle.click()  # changed their mind
    screen.comment.setPlainText("多一些座位")
    screen.send_button.click()
    settle_kiosk(qtbot, kiosk)

    assert stored_feedback(data_dir, clock) == [(None, None, "多一些座位", None, "zh_CN")]
