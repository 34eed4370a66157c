"""The applicant's whole path through the real screens, and what survives a restart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk import tracking
from kiosk.applications import ApplicationState, ApplicationStore
from kiosk.clock import FixedClock
from kiosk.config import DataPaths
from kiosk.services import KIOSK_TIME_ZONE
from kiosk.store import open_database
from tests.ui.conftest import KioskFactory, settle_kiosk
from ui.app import Kiosk
from ui.walkthrough import Walkthrough

SERVICES = ["rural-pension-enrolment", "medical-insurance-enrolment", "minimum-living-allowance"]
LANGUAGES = ["zh_CN", "en"]


def stored_store(data_dir: Path, clock: FixedClock) -> ApplicationStore:
    """An independent connection to the kiosk's database, as a restarted kiosk would open."""
    opened = open_database(DataPaths(data_dir).database, clock=clock)
    return ApplicationStore(opened.db, clock, "DEMO01", zone=KIOSK_TIME_ZONE)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("form_id", SERVICES)
def test_complete_service_and_find_it_after_restart(
    form_id: str,
    language: str,
    walk: Walkthrough,
    kiosk: Kiosk,
    start_kiosk: KioskFactory,
    data_dir: Path,
    clock: FixedClock,
    qtbot: QtBot,
) -> None:
    tracking_number = walk.complete(form_id, language)

    assert tracking.is_valid(tracking_number)
    assert tracking_number.startswith("DEMO01-261127-")
    session = kiosk.applicant.session
    assert session is not None
    submitted_answers = session.wizard.final_answers()
    assert submitted_answers["id_number"] == walk.applicant.id_number
    assert submitted_answers["birth_date"] == "1949-12-31"  # prefilled from the ID number

    kiosk.window.close()
    kiosk.shut_down()
    restarted = start_kiosk(data_dir)
    restarted.applicant.screens.start.check_button.click()
    restarted.applicant.screens.check.number_input.setText(tracking_number.lower())
    restarted.applicant.screens.check.lookup_button.click()
    settle_kiosk(qtbot, restarted)
    result = restarted.applicant.screens.check.result.text()
    assert result and restarted.services.catalogue.newest(form_id).title.get("zh_CN") in result

    found = stored_store(data_dir, clock).find_by_tracking_number(tracking_number)
    assert found is not None
    assert found.state is ApplicationState.SUBMITTED
    assert found.form_id == form_id
    assert found.language == language
    assert dict(found.answers) == json.loads(json.dumps(submitted_answers))
    check = stored_store(data_dir, clock).identity_check(found.uuid)
    assert check is not None and check["format"] == "typed"


def test_wrong_answer_is_explained_at_the_question(walk: Walkthrough, kiosk: Kiosk) -> None:
    walk.begin("rural-pension-enrolment", "en")
    walk.identify()
    screens = kiosk.applicant.screens
    session = kiosk.applicant.session
    assert session is not None
    while (field := session.wizard.current()) is not None and field.id != "phone":
        walk.answer_current(walk.value_for("rural-pension-enrolment", field))
        screens.question.next_button.click()
        walk.settle()
    walk.answer_current("12345")
    screens.question.next_button.click()

    assert screens.question.problem.isVisible()
    assert "11-digit mobile number" in screens.question.problem.text()
    assert session.wizard.current() is not None
    assert session.wizard.current().id == "phone"  # type: ignore[union-attr]


def test_bad_id_number_is_refused_on_identify(walk: Walkthrough, kiosk: Kiosk) -> None:
    walk.begin("minimum-living-allowance", "zh_CN")
    screens = kiosk.applicant.screens
    screens.identify.id_input.setText("110105194912310021")  # last character wrong
    screens.identify.continue_button.click()

    assert kiosk.window.current_screen() is screens.identify
    assert screens.identify.problem.isVisible()
    assert "身份证号码" in screens.identify.problem.text()


def test_language_switch_redraws_the_start_screen(kiosk: Kiosk) -> None:
    start = kiosk.applicant.screens.start
    start.language_buttons["en"].click()
    english = start.title.text()
    tile_en = start.service_tiles["rural-pension-enrolment"].text()
    start.language_buttons["zh_CN"].click()

    assert english == "What would you like to apply for today?"
    assert "pension" in tile_en.lower()
    assert start.title.text() != english
    assert "养老" in start.service_tiles["rural-pension-enrolment"].text()


def test_changing_an_answer_from_review_returns_to_review(walk: Walkthrough, kiosk: Kiosk) -> None:
    walk.begin("minimum-living-allowance", "en")
    walk.identify()
    walk.answer_all("minimum-living-allowance")
    screens = kiosk.applicant.screens
    assert kiosk.window.current_screen() is screens.review

    screens.review.answer_rows["owns_vehicle"].click()
    assert kiosk.window.current_screen() is screens.question
    walk.answer_current(True)  # now the vehicle description becomes necessary
    screens.question.next_button.click()
    walk.settle()
    session = kiosk.applicant.session
    assert session is not None and session.wizard.current() is not None
    assert session.wizard.current().id == "vehicle_description"  # type: ignore[union-attr]

    walk.answer_current("三轮摩托车一辆")
    screens.question.next_button.click()
    walk.settle()
    assert kiosk.window.current_screen() is screens.review
    assert "三轮摩托车一辆" in screens.review.answer_rows["vehicle_description"].text()


def test_the_review_reuses_its_rows_and_each_still_edits_its_own_question(
    walk: Walkthrough, kiosk: Kiosk
) -> None:
    screens = kiosk.applicant.screens
    walk.begin("minimum-living-allowance", "en")
    walk.identify()
    walk.answer_all("minimum-living-allowance")
    made = set(screens.review.answer_rows.values())
    kiosk.navigator.reset(keep_draft=False)
    walk.settle()
    assert all(row.text() == "" and row.isHidden() for row in made)

    walk.begin("rural-pension-enrolment", "zh_CN")
    walk.identify()
    walk.answer_all("rural-pension-enrolment")
    rows = list(screens.review.answer_rows.items())
    assert {row for _, row in rows} <= made  # no row made anew
    session = kiosk.applicant.session
    assert session is not None
    for position, row in (rows[0], rows[len(rows) // 2], rows[-1]):
        row.click()
        assert kiosk.window.current_screen() is screens.question
        assert session.wizard.position == position
        screens.question.next_button.click()
        walk.settle()
        assert kiosk.window.current_screen() is screens.review


def test_check_my_application_reads_the_receipt_qr_and_refuses_a_forged_one(
    walk: Walkthrough, kiosk: Kiosk, data_dir: Path, clock: FixedClock, qtbot: QtBot
) -> None:
    from kiosk.receipt_verification import qr_payload, reference_for

    tracking_number = walk.complete("minimum-living-allowance", "en")
    opened = open_database(DataPaths(data_dir).database, clock=clock)
    payload = qr_payload(reference_for(opened.db, tracking_number))
    opened.db.conn.close()
    forged = payload[:-1] + ("A" if payload[-1] != "A" else "B")
    kiosk.navigator.reset(keep_draft=False)
    check = kiosk.applicant.screens.check

    def look_up(text: str) -> str:
        kiosk.applicant.screens.start.check_button.click()
        check.number_input.setText(text)  # a hand-held scanner types the QR's text
        check.lookup_button.click()
        settle_kiosk(qtbot, kiosk)
        return check.result.text()

    assert "最低生活保障申请" in look_up(payload)  # back in the default language after reset
    assert "本机没有这个编号的申请" in look_up(forged)
