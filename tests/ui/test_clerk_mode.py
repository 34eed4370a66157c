"""Clerk mode on the real window: staff sign-in, sessions that belong to one
person, lock-out and unlock, quitting, USB export, and the window lock-down."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.clock import FixedClock
from kiosk.config import DataPaths
from kiosk.staff import set_active
from kiosk.store import connect
from tests.ui.conftest import (
    CLERK_ID,
    CLERK_PIN,
    SUPERVISOR_ID,
    SUPERVISOR_PIN,
    KioskFactory,
    audit_entries,
    open_sign_in,
    settle_kiosk,
    sign_in,
)
from ui.app import Kiosk
from ui.lockdown import LockDown

MODIFIER_KEYS = frozenset({Qt.Key.Key_Alt, Qt.Key.Key_Control, Qt.Key.Key_Shift})


class KeyProbe(QObject):
    """Records the keys (other than the modifiers themselves) that reach the widget it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[int] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() not in MODIFIER_KEYS
        ):
            self.keys.append(event.key())
        return False


def _logins_and_logouts(data_dir: Path) -> list[tuple[str, str, str | None]]:
    return [
        (entry.action, entry.subject, entry.details.get("reason_code"))  # type: ignore[misc]
        for entry in audit_entries(data_dir)
        if entry.action in ("staff_login", "staff_logout")
    ]


def test_a_clerk_signs_in_with_number_and_pin_and_ends_the_session(
    kiosk: Kiosk, data_dir: Path, qtbot: QtBot
) -> None:
    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, CLERK_ID, CLERK_PIN)

    home = kiosk.clerk.home_screen
    assert kiosk.window.current_screen() is home
    assert CLERK_ID in home.signed_in.text() and "Tour clerk" in home.signed_in.text()
    assert not home.quit_button.isVisible()  # a clerk may not quit the kiosk
    home.end_button.click()
    settle_kiosk(qtbot, kiosk)

    assert kiosk.window.current_screen() is kiosk.applicant.screens.start
    assert kiosk.clerk.session is None
    assert home.signed_in.text() == ""
    assert _logins_and_logouts(data_dir) == [
        ("staff_login", CLERK_ID, None),
        ("staff_logout", CLERK_ID, "end_tapped"),
    ]


def test_another_sign_in_ends_the_previous_session(
    kiosk: Kiosk, data_dir: Path, qtbot: QtBot
) -> None:
    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, CLERK_ID, CLERK_PIN)
    kiosk.clerk.home_screen.switch_button.click()
    settle_kiosk(qtbot, kiosk)
    assert kiosk.window.current_screen() is kiosk.clerk.pin_screen
    assert kiosk.clerk.pin_screen.staff_input.text() == ""  # nothing of the clerk is left

    sign_in(kiosk, qtbot, SUPERVISOR_ID, SUPERVISOR_PIN)

    assert kiosk.clerk.session is not None
    assert kiosk.clerk.session.staff_id == SUPERVISOR_ID
    assert SUPERVISOR_ID in kiosk.clerk.home_screen.signed_in.text()
    assert _logins_and_logouts(data_dir) == [
        ("staff_login", CLERK_ID, None),
        ("staff_logout", CLERK_ID, "replaced"),
        ("staff_login", SUPERVISOR_ID, None),
    ]
    # A reprint now is the supervisor's, never the clerk's.
    with qtbot.waitSignal(kiosk.parts.printing.status_changed, timeout=10_000):
        kiosk.clerk.home_screen.reprint_input.setText("LQ03-20261127-0001")
        kiosk.clerk.home_screen.reprint_button.click()


def test_a_quiet_spell_signs_the_clerk_out(kiosk: Kiosk, data_dir: Path, qtbot: QtBot) -> None:
    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, CLERK_ID, CLERK_PIN)

    kiosk.clerk.inactivity.idle.emit()
    settle_kiosk(qtbot, kiosk)

    assert kiosk.window.current_screen() is kiosk.applicant.screens.start
    assert kiosk.clerk.session is None
    assert _logins_and_logouts(data_dir)[-1] == ("staff_logout", CLERK_ID, "inactivity")


def test_a_clerk_disabled_during_the_session_is_signed_out_after_the_sync(
    kiosk: Kiosk, data_dir: Path, qtbot: QtBot, clock: FixedClock
) -> None:
    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, CLERK_ID, CLERK_PIN)
    kiosk.clerk.recheck_session()  # still active: nothing happens
    settle_kiosk(qtbot, kiosk)
    assert kiosk.clerk.session is not None

    db = connect(DataPaths(data_dir).database)
    set_active(db, CLERK_ID, False, clock, "central")  # as a sync that disables them would
    db.close()
    kiosk.clerk.recheck_session()
    settle_kiosk(qtbot, kiosk)

    assert kiosk.clerk.session is None
    assert kiosk.window.current_screen() is kiosk.applicant.screens.start
    assert _logins_and_logouts(data_dir)[-1] == ("staff_logout", CLERK_ID, "account_disabled")


def test_wrong_pins_lock_the_clerk_out_until_a_supervisor_unlocks(
    kiosk: Kiosk, data_dir: Path, qtbot: QtBot
) -> None:
    open_sign_in(kiosk, qtbot)
    for _ in range(5):
        sign_in(kiosk, qtbot, CLERK_ID, "0000")
    problem = kiosk.clerk.pin_screen.problem.text()
    assert "locked until" in problem
    sign_in(kiosk, qtbot, CLERK_ID, CLERK_PIN)
    assert kiosk.window.current_screen() is kiosk.clerk.pin_screen  # locked, even with the PIN

    sign_in(kiosk, qtbot, SUPERVISOR_ID, SUPERVISOR_PIN)
    home = kiosk.clerk.home_screen
    assert list(home.unlock_buttons) == [CLERK_ID]
    assert "Tour clerk" in home.unlock_buttons[CLERK_ID].text()
    home.unlock_buttons[CLERK_ID].click()
    settle_kiosk(qtbot, kiosk)
    assert home.unlock_buttons == {}

    home.end_button.click()
    settle_kiosk(qtbot, kiosk)
    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, CLERK_ID, CLERK_PIN)
    assert kiosk.window.current_screen() is home
    actions = [(entry.action, entry.actor) for entry in audit_entries(data_dir)]
    assert ("staff_locked_out", "kiosk") in actions
    assert ("staff_unlocked", f"supervisor:{SUPERVISOR_ID}") in actions


def test_an_unknown_number_reads_like_a_wrong_pin(kiosk: Kiosk, qtbot: QtBot) -> None:
    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, "999999", CLERK_PIN)
    unknown = kiosk.clerk.pin_screen.problem.text()
    sign_in(kiosk, qtbot, CLERK_ID, "0000")
    assert unknown == kiosk.clerk.pin_screen.problem.text() != ""


def test_only_a_supervisor_can_quit_with_their_pin_again_and_it_is_audited(
    kiosk: Kiosk, data_dir: Path, qtbot: QtBot
) -> None:
    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, SUPERVISOR_ID, SUPERVISOR_PIN)
    home, pin_screen = kiosk.clerk.home_screen, kiosk.clerk.pin_screen
    assert home.quit_button.isVisible()
    quits: list[bool] = []
    kiosk.clerk.quit_approved.connect(lambda: quits.append(True))

    home.quit_button.click()
    settle_kiosk(qtbot, kiosk)
    assert kiosk.window.current_screen() is pin_screen and pin_screen.confirming
    assert pin_screen.staff_input.text() == SUPERVISOR_ID and pin_screen.staff_input.isReadOnly()
    pin_screen.pin_input.setText("0000")
    pin_screen.sign_in_button.click()
    settle_kiosk(qtbot, kiosk)
    assert quits == [] and pin_screen.problem.isVisible()
    pin_screen.back_button.click()  # back to the clerk screen, still signed in
    settle_kiosk(qtbot, kiosk)
    assert kiosk.window.current_screen() is home and kiosk.clerk.session is not None

    home.quit_button.click()
    settle_kiosk(qtbot, kiosk)
    with qtbot.waitSignal(kiosk.clerk.quit_approved, timeout=10_000):
        pin_screen.pin_input.setText(SUPERVISOR_PIN)
        pin_screen.sign_in_button.click()
    actions = [entry.action for entry in audit_entries(data_dir)]
    assert actions[-2:] == ["staff_pin_confirmed", "kiosk_quit"]
    assert "staff_login_failed" in actions


def test_export_to_usb_explains_a_missing_stick_and_an_unenrolled_kiosk(
    data_dir: Path, start_kiosk: KioskFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    (tmp_path / "media" / "kiosk" / "STICK").mkdir(parents=True)  # a folder, not a mount
    config = f'usb_mount_patterns = ["{tmp_path}/media/*/*"]\n'
    (data_dir / "kiosk.toml").write_text(config, encoding="utf-8")
    kiosk = start_kiosk(data_dir)
    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, CLERK_ID, CLERK_PIN)
    home = kiosk.clerk.home_screen

    home.export_button.click()
    settle_kiosk(qtbot, kiosk)
    assert "No USB stick was found" in home.export_message.text()
    assert list((tmp_path / "media" / "kiosk" / "STICK").iterdir()) == []


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    ],
)
def test_a_locked_down_window_refuses_to_close_and_swallows_exit_keys(
    kiosk: Kiosk, qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    lockdown = LockDown(app, kiosk.window)
    lockdown.engage()
    try:
        assert kiosk.window.windowFlags() & Qt.WindowType.FramelessWindowHint
        assert kiosk.window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
        assert kiosk.window.isFullScreen()
        probe = KeyProbe()
        kiosk.window.installEventFilter(probe)
        QTest.keyClick(kiosk.window, Qt.Key.Key_A)
        QTest.keyClick(kiosk.window, key, modifier)
        assert probe.keys == [Qt.Key.Key_A]  # the exit key never reached the window
        assert not kiosk.window.close()
        assert kiosk.window.isVisible()
    finally:
        lockdown.release()
    assert kiosk.window.close()


def test_both_sign_in_fields_keep_the_on_screen_keyboard_away(kiosk: Kiosk) -> None:
    from tests.ui.test_virtual_keyboard import takes_input_method

    screen = kiosk.clerk.pin_screen
    screen.pin_input.setFocus()  # the pad follows the field touched
    screen.keypad.bind(screen.pin_input)
    assert not takes_input_method(screen.staff_input)
    assert not takes_input_method(screen.pin_input)
