"""Idle privacy: from every screen, an applicant who walks away leaves nothing behind.

For each screen a person (or the clerk) enters personal data, the
inactivity timer runs out, the "are you still there?" countdown runs out,
and then every widget of the kiosk, hidden ones and the clerk's included,
is searched for that data: its text, placeholder, tooltip, accessible name,
item rows, and what Undo would bring back. The timers are made to run out
by emitting their `timeout`, so no test waits on the wall clock.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import CLERK_ID, CLERK_PIN, KioskFactory, settle_kiosk
from tests.ui.privacy_scan import held_texts, kiosk_widgets
from ui.app import Kiosk
from ui.walkthrough import SampleApplicant, Walkthrough
from ui.widgets.keypad import Keypad

SERVICE = "rural-pension-enrolment"
SAMPLE = SampleApplicant.load()
NAME = str(SAMPLE.answers[SERVICE]["full_name"])
PHONE = str(SAMPLE.answers[SERVICE]["phone"])
ID_NUMBER = SAMPLE.id_number
MAX_COUNTDOWN_TICKS = 1000
QUICK_TICK_MS = 10
"""The confirmation countdown's second, quickened (90 of them take about a second)."""
"""More seconds than any countdown has: a loop guard."""

Scenario = Callable[[Kiosk, Walkthrough], list[str]]
"""Leaves the kiosk on one screen holding personal data; returns that data."""


def type_on_keypad(screen: QWidget, text: str) -> None:
    """Press the keys of the screen's on-screen number pad."""
    (keypad,) = screen.findChildren(Keypad)
    keys = {button.text(): button for button in keypad.findChildren(QPushButton)}
    for character in text:
        keys[character].click()


def on_identify(kiosk: Kiosk, walk: Walkthrough) -> list[str]:
    """An ID number typed on the pad, then an ID code read by the hand-held scanner."""
    walk.begin(SERVICE, "zh_CN")
    identify = walk.screens.identify
    type_on_keypad(identify, ID_NUMBER)
    assert identify.id_input.text() == ID_NUMBER
    identify.code_scanned.emit(json.dumps({"name": NAME, "phone": PHONE}, ensure_ascii=False))
    walk.settle()
    assert identify.scan_outcome.isVisible()
    return [NAME, PHONE, ID_NUMBER]


def on_question(kiosk: Kiosk, walk: Walkthrough) -> list[str]:
    """Some questions answered, the phone number typed but not yet confirmed."""
    walk.begin(SERVICE, "zh_CN")
    walk.identify()
    session = kiosk.applicant.session
    assert session is not None
    while (field := session.wizard.current()) is not None and field.id != "phone":
        walk.answer_current(walk.value_for(SERVICE, field))
        walk.screens.question.next_button.click()
        walk.settle()
    walk.answer_current(PHONE)
    return [NAME, PHONE, ID_NUMBER]


def on_members(kiosk: Kiosk, walk: Walkthrough) -> list[str]:
    """Household members listed, the removal of one being asked."""
    household = "minimum-living-allowance"
    walk.begin(household, "zh_CN")
    walk.identify()
    walk.answer_all(household, stop_at_group=True)
    members = walk.screens.members
    while len(members.item_buttons) < 2:
        walk.fill_group(household)
        walk.answer_all(household, stop_at_group=True)
    members.remove_buttons[1].click()
    assert members.confirm_text.isVisible()
    return [str(member["member_name"]) for member in SAMPLE.answers[household]["members"]]


def on_review(kiosk: Kiosk, walk: Walkthrough) -> list[str]:
    """Every answer given, shown for a last check."""
    walk.begin(SERVICE, "zh_CN")
    walk.identify()
    walk.answer_all(SERVICE)
    assert kiosk.window.current_screen() is walk.screens.review
    return [NAME, PHONE, ID_NUMBER]


def on_confirmation(kiosk: Kiosk, walk: Walkthrough) -> list[str]:
    """Submitted: the tracking number and the receipt's outcome on screen."""
    tracking_number = walk.complete(SERVICE, "zh_CN")
    return [NAME, PHONE, ID_NUMBER, tracking_number]


def on_check(kiosk: Kiosk, walk: Walkthrough) -> list[str]:
    """An ID number typed where the tracking number belongs, and looked up."""
    walk.screens.start.language_buttons["zh_CN"].click()
    walk.screens.start.check_button.click()
    walk.screens.check.number_input.insert(ID_NUMBER)
    walk.screens.check.lookup_button.click()
    walk.settle()
    assert walk.screens.check.result.isVisible()
    return [ID_NUMBER]


def on_clerk(kiosk: Kiosk, walk: Walkthrough) -> list[str]:
    """The clerk signed in and typed an ID number into the reprint box."""
    walk.screens.start.clerk_button.click()
    pin_screen = kiosk.clerk.pin_screen
    pin_screen.staff_input.insert(CLERK_ID)
    pin_screen.keypad.bind(pin_screen.pin_input)
    type_on_keypad(pin_screen, CLERK_PIN)
    pin_screen.sign_in_button.click()
    walk.settle()
    home = kiosk.clerk.home_screen
    assert kiosk.window.current_screen() is home
    home.reprint_input.insert(ID_NUMBER)
    return [ID_NUMBER, CLERK_PIN]


def let_the_kiosk_fall_idle(kiosk: Kiosk, qtbot: QtBot) -> None:
    """Run out the inactivity wait, then the countdown, as if nobody touched the screen.

    After a submit the confirmation screen's own countdown ends the visit instead (an
    "are you still there?" would hide the tracking number): its real timer runs it out,
    quickened, inside the event loop as on a kiosk (about a second; the wait is bounded
    by 30 s because 10 ms timers run late on a loaded machine).
    """
    confirmation = kiosk.applicant.screens.confirmation
    if kiosk.window.current_screen() is confirmation:
        assert not kiosk.parts.inactivity.quiet_timer.isActive(), "one countdown, not two"
        confirmation.countdown_timer.setInterval(QUICK_TICK_MS)
        qtbot.waitUntil(lambda: kiosk.window.current_screen() is not confirmation, timeout=30_000)
        return
    quiet = kiosk.parts.inactivity.quiet_timer
    assert quiet.isActive(), "this screen is not watched for inactivity"
    quiet.stop()
    quiet.timeout.emit()
    overlay = kiosk.window.idle_overlay
    assert overlay.isVisible(), "no 'are you still there?' countdown"
    for _ in range(MAX_COUNTDOWN_TICKS):
        if not overlay.second_timer.isActive():
            break
        overlay.second_timer.timeout.emit()


@pytest.mark.parametrize(
    "scenario",
    [on_identify, on_question, on_members, on_review, on_confirmation, on_check, on_clerk],
    ids=["identify", "question", "members", "review", "confirmation", "check", "clerk"],
)
def test_walking_away_leaves_no_personal_data_in_any_widget(
    scenario: Scenario, start_kiosk: KioskFactory, data_dir: Path, qtbot: QtBot
) -> None:
    present_before = QApplication.topLevelWidgets()
    kiosk = start_kiosk(data_dir)
    walk = Walkthrough(kiosk, lambda: settle_kiosk(qtbot, kiosk))
    personal = scenario(kiosk, walk)
    walk.settle()
    widgets = kiosk_widgets(kiosk.window, present_before)
    before_reset = [text for _, text in held_texts(widgets) if any(p in text for p in personal)]
    assert before_reset, "the scenario left no personal data to look for"

    let_the_kiosk_fall_idle(kiosk, qtbot)
    walk.settle()

    assert kiosk.window.current_screen() is kiosk.applicant.screens.start
    assert kiosk.applicant.session is None
    assert not kiosk.window.idle_overlay.isVisible()
    left = [
        (kind, text)
        for kind, text in held_texts(kiosk_widgets(kiosk.window, present_before), with_undo=True)
        if any(item in text for item in personal)
    ]
    assert left == []
