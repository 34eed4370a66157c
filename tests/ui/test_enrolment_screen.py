"""The enrolment screen on the real kiosk window: an administrator enrols the kiosk
with a real platform on loopback, by scanning the console's QR code through the
hand-held scanner path or typing the code on the on-screen keypad."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from central.database import Database
from kiosk.clock import FixedClock
from kiosk.config import DataPaths, load_config, write_default_config
from kiosk.config_edit import set_settings
from kiosk.staff import Role, add_staff
from kiosk.store import connect, open_database
from sync import sync_settings
from sync.protocol import enrolment_qr_text
from tests.central.platform import Platform, start_platform
from tests.ui.conftest import (
    CLERK_ID,
    CLERK_PIN,
    KioskFactory,
    audit_entries,
    open_sign_in,
    settle_kiosk,
    sign_in,
)
from tests.ui.test_check_by_id import BORN, check, open_check_by_id
from tests.ui.test_scanning_wedge import press, scanner_gaps
from ui.app import Kiosk
from ui.screens.enrolment import EnrolmentScreen
from ui.screenshots import TOUR_CONFIG
from ui.walkthrough import Walkthrough

ADMIN_ID, ADMIN_PIN = "9001", "482915"


@pytest.fixture
def platform(tmp_path: Path, clock: FixedClock) -> Iterator[Platform]:
    """A central platform on loopback, as the console's enrolment QR code points to."""
    started = start_platform(Database(f"sqlite:///{tmp_path / 'central.db'}"), clock, tmp_path)
    yield started
    started.server.stop()


def fresh_kiosk_dir(directory: Path, clock: FixedClock, central_url: str | None) -> Path:
    """A kiosk with staff and an administrator, never enrolled, expecting `central_url`."""
    paths = DataPaths(directory)
    opened = open_database(paths.database, clock=clock)
    add_staff(opened.db, CLERK_ID, "Tour clerk", Role.CLERK, CLERK_PIN, clock)
    add_staff(opened.db, ADMIN_ID, "Installer", Role.ADMINISTRATOR, ADMIN_PIN, clock)
    opened.db.conn.close()
    write_default_config(paths.config)
    if central_url is not None:
        set_settings(paths.config, {"central_url": central_url})
    return directory


def enrolment_screen(kiosk: Kiosk) -> EnrolmentScreen:
    assert kiosk.clerk.enrolment is not None
    return kiosk.clerk.enrolment.screen


def enrolment_screens_in(kiosk: Kiosk) -> list[QWidget]:
    """The enrolment screens the window holds (made when first shown: none before)."""
    stack = kiosk.window.stack
    found = (stack.widget(index) for index in range(stack.count()))
    return [screen for screen in found if isinstance(screen, EnrolmentScreen)]


def wait_for_outcome(qtbot: QtBot, kiosk: Kiosk) -> str:
    screen = enrolment_screen(kiosk)
    qtbot.waitUntil(lambda: screen.enrol_button.isEnabled(), timeout=30_000)
    settle_kiosk(qtbot, kiosk)
    return screen.outcome.text()


def kiosk_code_enrolled(directory: Path) -> str | None:
    db = connect(DataPaths(directory).database)
    try:
        return sync_settings.read(db, sync_settings.KIOSK_CODE)
    finally:
        db.close()


def test_an_administrator_scans_the_console_qr_code_and_the_kiosk_enrols_and_syncs(
    start_kiosk: KioskFactory, platform: Platform, clock: FixedClock, tmp_path: Path, qtbot: QtBot
) -> None:
    directory = fresh_kiosk_dir(tmp_path / "kiosk", clock, platform.url)
    kiosk = start_kiosk(directory)
    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, ADMIN_ID, ADMIN_PIN)

    screen = enrolment_screen(kiosk)
    assert kiosk.window.current_screen() is screen, "a fresh kiosk opens on enrolment"
    assert screen.address_input.text() == platform.url
    assert screen.system_ca_button.isChecked()

    qr_text = enrolment_qr_text(platform.url, platform.enrolment_code("LQ21"))
    screen.code_input.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.code_input)
    at = 50_000
    with qtbot.waitSignal(screen.wedge.scanned):
        for char, gap in zip(qr_text, scanner_gaps(len(qr_text)), strict=True):
            at += gap
            press(screen.code_input, char, at)
        press(screen.code_input, "\r", at + 6, Qt.Key.Key_Return)
    assert screen.code_input.text() == qr_text.split('"code":"')[1].rstrip('"}')
    assert "Code read" in screen.outcome.text()

    with qtbot.waitSignal(
        kiosk.parts.sync.report,
        timeout=30_000,
        check_params_cb=lambda report: report.online and report.error is None,
    ):  # sync runs with the new credential
        screen.enrol_button.click()
        assert wait_for_outcome(qtbot, kiosk).startswith("Enrolled as kiosk LQ21.")
    assert kiosk_code_enrolled(directory) == "LQ21"
    config = load_config(DataPaths(directory).config)
    assert (config.central_url, config.kiosk_code) == (platform.url, "LQ21")
    assert screen.code_input.text() == ""
    assert {"kiosk_enrolled", "central_settings_saved", "settings_changed"} <= {
        entry.action for entry in audit_entries(directory)
    }

    screen.done_button.click()
    settle_kiosk(qtbot, kiosk)
    home = kiosk.clerk.home_screen
    assert kiosk.window.current_screen() is home
    assert not home.enrol_button.isVisible(), "an enrolled kiosk offers no enrolment"


def test_a_typed_code_a_wrong_code_an_unreachable_address_then_syncing_without_a_restart(
    start_kiosk: KioskFactory, platform: Platform, clock: FixedClock, tmp_path: Path, qtbot: QtBot
) -> None:
    directory = fresh_kiosk_dir(tmp_path / "kiosk", clock, None)
    kiosk = start_kiosk(directory)
    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, ADMIN_ID, ADMIN_PIN)
    home = kiosk.clerk.home_screen
    assert kiosk.window.current_screen() is home, "no central platform expected: no detour"
    assert home.enrol_button.isVisible()
    assert enrolment_screens_in(kiosk) == [], "made when first shown, not with the others"
    home.enrol_button.click()
    settle_kiosk(qtbot, kiosk)
    screen = enrolment_screen(kiosk)
    assert kiosk.window.current_screen() is screen
    assert enrolment_screens_in(kiosk) == [screen]
    assert screen.address_input.text() == ""

    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        closed_port = unused.getsockname()[1]
    screen.address_input.setText(f"http://127.0.0.1:{closed_port}")
    for key in "WRONG-CODE-1":
        screen.keypad.keys[key].click()
    assert screen.code_input.text() == "WRONG-CODE-1"
    screen.enrol_button.click()
    assert "cannot be reached" in wait_for_outcome(qtbot, kiosk)

    screen.address_input.setText("http://central.example.org")
    screen.enrol_button.click()
    assert "not secure" in wait_for_outcome(qtbot, kiosk)

    screen.address_input.setText(platform.url)
    screen.enrol_button.click()
    assert "does not accept this code" in wait_for_outcome(qtbot, kiosk)
    assert kiosk_code_enrolled(directory) is None

    screen.code_input.clear()
    for key in platform.enrolment_code("LQ22"):
        screen.keypad.keys[key].click()
    screen.enrol_button.click()
    assert wait_for_outcome(qtbot, kiosk).startswith("Enrolled as kiosk LQ22.")
    assert kiosk_code_enrolled(directory) == "LQ22"
    assert load_config(DataPaths(directory).config).central_url == platform.url
    syncs_and_asks_the_platform_without_a_restart(kiosk, qtbot, platform, "LQ22")


def syncs_and_asks_the_platform_without_a_restart(
    kiosk: Kiosk, qtbot: QtBot, platform: Platform, kiosk_code: str
) -> None:
    """A kiosk that started with no central platform and was just enrolled at its screen:
    the clerk screen offers Sync now, which sends a waiting application, and the check by
    ID number asks the platform too."""
    screen = enrolment_screen(kiosk)
    screen.done_button.click()
    settle_kiosk(qtbot, kiosk)
    home = kiosk.clerk.home_screen
    assert home.sync_button.isVisible(), "the clerk screen offers Sync now at once"
    home.end_button.click()
    settle_kiosk(qtbot, kiosk)

    walk = Walkthrough(kiosk, lambda: settle_kiosk(qtbot, kiosk))
    number = walk.complete("rural-pension-enrolment", "en")
    kiosk.applicant.screens.confirmation.finished.emit()
    settle_kiosk(qtbot, kiosk)
    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, CLERK_ID, CLERK_PIN)
    home.sync_button.click()
    qtbot.waitUntil(lambda: home.sync_feedback.text().startswith("Sync done"), timeout=30_000)
    sent = "SELECT COUNT(*) FROM applications WHERE tracking_number = ? AND kiosk_code = ?"
    assert platform.count(sent, (number, kiosk_code)) == 1, "the platform took the application"
    home.end_button.click()
    settle_kiosk(qtbot, kiosk)

    found = check(qtbot, kiosk, open_check_by_id(kiosk, qtbot), walk.applicant.id_number, BORN)
    assert number in found and "could not be reached" not in found
    asked = "SELECT COUNT(*) FROM id_lookups WHERE kiosk_code = ?"
    assert platform.count(asked, (kiosk_code,)) == 1, "check by ID number asked the platform"


def test_a_clerk_is_never_offered_enrolment(
    start_kiosk: KioskFactory, platform: Platform, clock: FixedClock, tmp_path: Path, qtbot: QtBot
) -> None:
    kiosk = start_kiosk(fresh_kiosk_dir(tmp_path / "kiosk", clock, platform.url))
    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, CLERK_ID, CLERK_PIN)
    assert kiosk.window.current_screen() is kiosk.clerk.home_screen
    assert not kiosk.clerk.home_screen.enrol_button.isVisible()


def test_an_installed_kiosk_takes_no_application_before_it_is_enrolled(
    start_kiosk: KioskFactory, platform: Platform, clock: FixedClock, tmp_path: Path, qtbot: QtBot
) -> None:
    directory = fresh_kiosk_dir(tmp_path / "kiosk", clock, None)
    config = f'{TOUR_CONFIG}applications_before_enrolment = false\ncentral_url = "{platform.url}"\n'
    DataPaths(directory).config.write_text(config, encoding="utf-8")
    kiosk = start_kiosk(directory)
    start = kiosk.applicant.screens.start

    said = {}
    for language in ("zh_CN", "ug", "en"):
        start.language_buttons[language].click()
        settle_kiosk(qtbot, kiosk)
        assert start.setting_up.isVisible(), language
        assert not start.title.isVisible(), language  # no "what would you like to apply for"
        assert not start.check_button.isVisible(), language
        assert not any(tile.isVisible() for tile in start.service_tiles.values()), language
        assert start.clerk_button.isVisible(), language
        said[language] = start.setting_up.text()
    assert "being set up" in said["en"] and "staff" in said["en"]
    assert "工作人员" in said["zh_CN"]
    assert said["ug"] and not said["ug"].isascii() and said["ug"] != said["en"]

    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, ADMIN_ID, ADMIN_PIN)  # the enrolment screen opens by itself
    screen = enrolment_screen(kiosk)
    screen.code_input.setText(platform.enrolment_code("LQ24"))
    screen.enrol_button.click()
    assert wait_for_outcome(qtbot, kiosk).startswith("Enrolled as kiosk LQ24.")
    screen.done_button.click()
    kiosk.clerk.home_screen.end_button.click()
    settle_kiosk(qtbot, kiosk)

    assert kiosk.window.current_screen() is start
    assert not start.setting_up.isVisible()
    assert start.title.isVisible()
    assert start.check_button.isVisible()
    walk = Walkthrough(kiosk, lambda: settle_kiosk(qtbot, kiosk))
    assert walk.complete("rural-pension-enrolment", "en").startswith("LQ24-")
