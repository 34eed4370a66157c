"""A kiosk restarted with protected keys: applicants are served, the clerk unlocks it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.clock import FixedClock
from kiosk.config import DataPaths
from kiosk.store import open_database
from tests.kiosk.security_fixtures import PASSPHRASE, protect_with_passphrase
from tests.ui.conftest import CLERK_ID, CLERK_PIN, KioskFactory, settle_kiosk, sign_in
from ui.app import Kiosk
from ui.i18n import translate
from ui.problems import locked_notice
from ui.walkthrough import Walkthrough

FORM_ID = "rural-pension-enrolment"
REFUSED_TEXT = "That passphrase does not unlock this kiosk. Nothing was changed."


def _sign_in(kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk.start.clerk_button.click()
    sign_in(kiosk, qtbot, CLERK_ID, CLERK_PIN)


def test_the_clerk_unlocks_a_locked_kiosk_with_the_recovery_passphrase(
    data_dir: Path, clock: FixedClock, start_kiosk: KioskFactory, qtbot: QtBot
) -> None:
    opened = open_database(DataPaths(data_dir).database, clock=clock)
    protect_with_passphrase(opened.db, clock)
    opened.db.close()
    kiosk = start_kiosk(data_dir)
    walk = Walkthrough(kiosk, lambda: settle_kiosk(qtbot, kiosk))
    walk.begin(FORM_ID, "zh_CN")
    walk.identify()
    walk.answer_all(FORM_ID)  # saved as a draft at every step, while locked
    kiosk.navigator.reset(keep_draft=True)
    settle_kiosk(qtbot, kiosk)

    _sign_in(kiosk, qtbot)
    home = kiosk.clerk.home_screen
    refused = translate("Problems", REFUSED_TEXT)
    assert locked_notice() in home.notices.text()
    assert home.unlock_kiosk_button.isVisibleTo(home)
    [uuid] = list(home.draft_buttons)

    home.passphrase_input.setText("not the passphrase")
    home.unlock_kiosk_button.click()
    settle_kiosk(qtbot, kiosk)
    assert refused in home.notices.text()
    assert home.unlock_kiosk_button.isVisibleTo(home)
    assert home.passphrase_input.text() == ""

    home.passphrase_input.setText(PASSPHRASE)
    home.unlock_kiosk_button.click()
    settle_kiosk(qtbot, kiosk)
    assert locked_notice() not in home.notices.text()
    assert refused not in home.notices.text()  # said once
    assert not home.unlock_kiosk_button.isVisibleTo(home)

    home.draft_buttons[uuid].click()
    settle_kiosk(qtbot, kiosk)
    session = kiosk.applicant.session
    assert session is not None and session.wizard.answer("id_number") == walk.applicant.id_number
