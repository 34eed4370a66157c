"""Checking applications by ID number and date of birth on the real screens: at a kiosk
without a central platform, then at one enrolled with a platform on loopback that
answers, and stops answering."""

from __future__ import annotations

import gzip
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from central.database import Database
from kiosk.clock import FixedClock
from kiosk.config import DataPaths, write_default_config
from kiosk.config_edit import set_settings
from kiosk.store import open_database
from sync.client import CentralClient
from sync.enrolment import enrol
from sync.transport import RequestsTransport
from tests.central.platform import Platform, start_platform, tracking_number
from tests.ui.conftest import KioskFactory, settle_kiosk
from tests.ui.screen_audit import check_in_view
from ui.app import Kiosk
from ui.screens.check_by_id import CheckByIdScreen
from ui.screenshots import TOUR_CONFIG
from ui.walkthrough import Walkthrough

BORN = "19491231"
"""The sample applicant's date of birth, as typed on the pad."""


@pytest.fixture
def kiosk(start_kiosk: KioskFactory, data_dir: Path) -> Kiosk:
    """A kiosk offering Chinese, English and Uyghur, as the demo does."""
    DataPaths(data_dir).config.write_text(TOUR_CONFIG, encoding="utf-8")
    return start_kiosk(data_dir)


def open_check_by_id(kiosk: Kiosk, qtbot: QtBot, language: str = "en") -> CheckByIdScreen:
    """From the start screen: "Check my application", then "No receipt?"."""
    screens = kiosk.applicant.screens
    screens.start.language_buttons[language].click()
    screens.start.check_button.click()
    settle_kiosk(qtbot, kiosk)
    screens.check.by_id_button.click()
    screen = kiosk.window.current_screen()
    assert isinstance(screen, CheckByIdScreen)
    return screen


def check(qtbot: QtBot, kiosk: Kiosk, screen: CheckByIdScreen, id_number: str, born: str) -> str:
    """Type both on the screen's keypad as a person taps them, tap Check, read the answer."""
    screen.result.clear()
    for field, text in ((screen.id_input, id_number), (screen.birth_input, born)):
        field.clear()
        QTest.mouseClick(field, Qt.MouseButton.LeftButton)  # the pad now types here
        for character in text:
            [key] = [k for k in _keys(screen) if k.text() == character]
            QTest.mouseClick(key, Qt.MouseButton.LeftButton)
    screen.lookup_button.click()
    qtbot.waitUntil(lambda: bool(screen.result.text()), timeout=30_000)
    settle_kiosk(qtbot, kiosk)
    return screen.result.text()


def _keys(screen: CheckByIdScreen) -> list[QPushButton]:
    return [key for key in screen.keypad.findChildren(QPushButton) if key.text()]


def test_a_villager_without_a_receipt_finds_the_application_made_here(
    walk: Walkthrough, kiosk: Kiosk, qtbot: QtBot
) -> None:
    number = walk.complete("rural-pension-enrolment", "zh_CN")
    kiosk.applicant.screens.confirmation.finished.emit()
    settle_kiosk(qtbot, kiosk)
    screen = open_check_by_id(kiosk, qtbot)
    id_number = walk.applicant.id_number

    found = check(qtbot, kiosk, screen, id_number, BORN)
    wrong_date = check(qtbot, kiosk, screen, id_number, "19491230")
    bad_id = check(qtbot, kiosk, screen, id_number[:17], BORN)
    future = check(qtbot, kiosk, screen, id_number, "20991231")

    assert number in found and "Waiting to be sent" in found
    assert "pension" in found.lower()
    assert "could not be reached" not in found  # this kiosk has no central platform
    assert "No application was found" in wrong_date
    assert "not a valid ID number" in bad_id
    assert "date of birth is not possible" in future
    kiosk.navigator.reset(keep_draft=False)
    settle_kiosk(qtbot, kiosk)
    assert screen.id_input.text() == screen.birth_input.text() == screen.result.text() == ""


def test_the_messages_are_translated(walk: Walkthrough, kiosk: Kiosk, qtbot: QtBot) -> None:
    answers = {}
    for language in ("zh_CN", "ug"):
        screen = open_check_by_id(kiosk, qtbot, language)
        answers[language] = check(qtbot, kiosk, screen, walk.applicant.id_number, BORN)
        assert check_in_view(kiosk.window, [screen.result]) == []  # scrolled into view
        kiosk.navigator.reset(keep_draft=False)
        settle_kiosk(qtbot, kiosk)

    assert "未找到" in answers["zh_CN"] or "没有找到" in answers["zh_CN"]
    assert answers["ug"] and not answers["ug"].isascii()
    assert "No application" not in answers["ug"]


@pytest.fixture
def platform(tmp_path: Path, clock: FixedClock) -> Iterator[Platform]:
    """A central platform on loopback."""
    started = start_platform(Database(f"sqlite:///{tmp_path / 'central.db'}"), clock, tmp_path)
    yield started
    started.server.stop()


def enrolled_kiosk_dir(directory: Path, platform: Platform, clock: FixedClock) -> Path:
    """A kiosk enrolled with `platform` as kiosk DEMO01."""
    paths = DataPaths(directory)
    opened = open_database(paths.database, clock=clock)
    with requests.Session() as session:
        client = CentralClient(platform.url, RequestsTransport(session, None))
        enrol(opened.db, client, platform.enrolment_code("DEMO01"), clock)
    opened.db.conn.close()
    write_default_config(paths.config)
    set_settings(paths.config, {"central_url": platform.url})
    return directory


def applied_elsewhere(platform: Platform, id_number: str) -> str:
    """An application the person made at kiosk LQ04, as that kiosk sends it."""
    number = tracking_number("LQ04")
    item = {
        "uuid": str(uuid.uuid4()),
        "form_id": "medical-insurance-enrolment",
        "form_version": 1,
        "language": "zh_CN",
        "tracking_number": number,
        "submitted_at": "2026-11-20T03:30:12.000000Z",
        "assisted": False,
        "answers": {"id_number": id_number, "birth_date": "1949-12-31"},
    }
    answer = requests.post(
        f"{platform.url}/api/v1/applications/batch",
        data=gzip.compress(json.dumps({"items": [item]}).encode()),
        headers={
            "Content-Encoding": "gzip",
            "Content-Type": "application/json",
            "Authorization": f"Bearer {platform.credential('LQ04')}",
        },
        timeout=30,
    )
    assert answer.json()["results"][0]["outcome"] == "stored", answer.text
    return number


def test_the_central_platform_adds_what_was_made_elsewhere_and_its_absence_is_said(
    platform: Platform,
    start_kiosk: KioskFactory,
    tmp_path: Path,
    clock: FixedClock,
    qtbot: QtBot,
) -> None:
    kiosk = start_kiosk(enrolled_kiosk_dir(tmp_path / "kiosk", platform, clock))
    walk = Walkthrough(kiosk, lambda: settle_kiosk(qtbot, kiosk))
    here = walk.complete("rural-pension-enrolment", "en")
    kiosk.applicant.screens.confirmation.finished.emit()
    settle_kiosk(qtbot, kiosk)
    elsewhere = applied_elsewhere(platform, walk.applicant.id_number)
    screen = open_check_by_id(kiosk, qtbot)

    with_centre = check(qtbot, kiosk, screen, walk.applicant.id_number, BORN)
    platform.server.stop()
    without_centre = check(qtbot, kiosk, screen, walk.applicant.id_number, BORN)

    assert here in with_centre and elsewhere in with_centre
    assert "could not be reached" not in with_centre
    assert here in without_centre and elsewhere not in without_centre
    assert "could not be reached" in without_centre
    assert platform.count("SELECT COUNT(*) FROM id_lookups WHERE kiosk_code = 'DEMO01'") == 1
