"""One visit, several services, through the real screens: the ID card's QR is read
once (through the kiosk's own decoder), the pension is submitted, the allowance is
chosen on the confirmation screen and starts with the answers already given shown on
one page; the last receipt lists both tracking numbers; another service can be chosen
as soon as the ID is read; walking away in the middle of the second application leaves
nothing of the visit on screen."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.applications import ApplicationState
from kiosk.clock import FixedClock
from kiosk.forms import Field, ValidationContext
from kiosk.forms.idnumber import check_character
from kiosk.identity import trust_list_path
from tests.identity.claim169_factory import PERSON, ed25519_key, signed_code, trust_list_json
from tests.qr.codes import in_frame, qr_png
from tests.ui.conftest import (
    CLERK_ID,
    CLERK_PIN,
    KioskFactory,
    open_sign_in,
    settle_kiosk,
    sign_in,
)
from tests.ui.privacy_scan import held_texts, kiosk_widgets
from tests.ui.test_applicant_flow import stored_store
from tests.ui.test_idle_privacy import let_the_kiosk_fall_idle
from tests.ui.test_scanning_camera import frame_of
from ui.app import Kiosk
from ui.walkthrough import Walkthrough

NUMBER = "52263419800101123" + check_character("52263419800101123")
PENSION = "rural-pension-enrolment"
ALLOWANCE = "minimum-living-allowance"
MEDICAL = "medical-insurance-enrolment"
CARRIED_INTO_ALLOWANCE = {
    "full_name",
    "id_number",
    "gender",
    "birth_date",
    "phone",
    "address",
    "bank_name",
    "bank_account",
}


def read_the_id_card(
    qtbot: QtBot, start_kiosk: KioskFactory, data_dir: Path
) -> tuple[Kiosk, Walkthrough]:
    """Start a kiosk, begin the pension in English and hold a signed ID card to the camera."""
    key = ed25519_key()
    trust_list_path(data_dir).write_text(trust_list_json([key.trust_entry()]), encoding="utf-8")
    kiosk = start_kiosk(data_dir)
    walk = Walkthrough(kiosk, lambda: settle_kiosk(qtbot, kiosk))
    walk.begin(PENSION, "en")
    identify = walk.screens.identify
    code = signed_code(key, person={**PERSON, 1: NUMBER})
    identify.camera.video_sink.setVideoFrame(frame_of(in_frame(qr_png(code, box_size=3))))
    qtbot.waitUntil(lambda: identify.scan_outcome.isVisible())
    assert "ID verified" in identify.scan_outcome.text()
    return kiosk, walk


def title(kiosk: Kiosk, form_id: str) -> str:
    return kiosk.services.catalogue.newest(form_id).title.get("en")


def pdftotext(path: Path) -> str:
    found = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    )
    return " ".join(found.stdout.split())


def test_two_services_in_one_visit_with_the_id_read_once(
    qtbot: QtBot, start_kiosk: KioskFactory, data_dir: Path, clock: FixedClock
) -> None:
    kiosk, walk = read_the_id_card(qtbot, start_kiosk, data_dir)
    screens = kiosk.applicant.screens

    # Once the card is read, the other services are offered; Continue goes on with this one.
    assert set(screens.identify.offers.buttons) == {ALLOWANCE, MEDICAL}
    screens.identify.continue_button.click()
    walk.settle()
    assert kiosk.window.current_screen() is screens.question
    walk.answer_all(PENSION)
    first = walk.agree_and_submit()

    confirmation = screens.confirmation
    assert set(confirmation.offers.buttons) == {ALLOWANCE, MEDICAL}
    assert confirmation.offers.caption.isVisible()
    assert not confirmation.visit_numbers.isVisible()  # nothing earlier in this visit
    confirmation.offers.buttons[ALLOWANCE].click()
    walk.settle()

    # "Is this still right?": everything shared, on one page, under the allowance's ids.
    carried = screens.carried
    assert kiosk.window.current_screen() is carried
    assert set(carried.rows) == CARRIED_INTO_ALLOWANCE
    assert "张三" in carried.rows["full_name"].text()
    carried.rows["phone"].click()  # changed since: asked again
    assert "asked this again" in carried.rows["phone"].text()
    carried.confirm_button.click()
    walk.settle()

    asked: list[str] = []

    def ask(field: Field) -> None:
        assert kiosk.window.current_screen() is not screens.identify
        asked.append(field.id)

    walk.answer_all(ALLOWANCE, on_question=ask)
    assert "phone" in asked
    assert not (CARRIED_INTO_ALLOWANCE - {"phone"}) & set(asked), asked
    assert set(asked) >= {"relation_to_head", "applicant_income"}
    review = screens.review
    assert "full_name" in review.answer_rows and "bank_account" in review.answer_rows
    second = walk.agree_and_submit()
    assert second != first

    assert confirmation.visit_numbers.isVisible()
    assert first in confirmation.visit_numbers.text()
    assert set(confirmation.offers.buttons) == {MEDICAL}  # nothing offered twice

    # Each application is stored, sent and processed on its own; the ID check of the
    # single read is kept with both.
    store = stored_store(data_dir, clock)
    pension, allowance = (store.find_by_tracking_number(number) for number in (first, second))
    assert pension is not None and allowance is not None
    assert pension.uuid != allowance.uuid
    assert {pension.state, allowance.state} == {ApplicationState.SUBMITTED}
    assert (pension.form_id, allowance.form_id) == (PENSION, ALLOWANCE)
    assert allowance.answers["full_name"] == "张三"
    assert allowance.answers["address"] == pension.answers["residence_address"]
    checks = [store.identity_check(found.uuid) for found in (pension, allowance)]
    assert checks[0] is not None and checks[0]["outcome"] == "verified"
    assert checks[1] == checks[0]

    # One receipt lists every tracking number of the visit.
    receipts = data_dir / "receipts"
    qtbot.waitUntil(lambda: (receipts / f"{second}.pdf").exists(), timeout=20_000)
    last = pdftotext(receipts / f"{second}.pdf")
    assert "Every application of this visit" in last
    assert first in last and last.count(second) == 2
    assert "Every application of this visit" not in pdftotext(receipts / f"{first}.pdf")

    # A clerk's reprint of it says the same: the visit is stored with the applications.
    kiosk.navigator.reset(keep_draft=False)
    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, CLERK_ID, CLERK_PIN)
    kiosk.clerk.home_screen.reprint_input.setText(second)
    kiosk.clerk.home_screen.reprint_button.click()
    qtbot.waitUntil(lambda: any(receipts.glob(f"{second}-reprint-*.pdf")), timeout=20_000)
    (reprint,) = receipts.glob(f"{second}-reprint-*.pdf")
    reprinted = pdftotext(reprint)
    assert "Every application of this visit" in reprinted
    assert first in reprinted and reprinted.count(second) == 2


def test_walking_away_in_the_second_application_leaves_nothing_of_the_visit(
    qtbot: QtBot, start_kiosk: KioskFactory, data_dir: Path, clock: FixedClock
) -> None:
    from PySide6.QtWidgets import QApplication

    present_before = QApplication.topLevelWidgets()
    kiosk = start_kiosk(data_dir)
    walk = Walkthrough(kiosk, lambda: settle_kiosk(qtbot, kiosk))
    screens = kiosk.applicant.screens
    first = walk.complete(PENSION, "zh_CN")
    screens.confirmation.offers.buttons[ALLOWANCE].click()
    walk.settle()
    screens.carried.confirm_button.click()
    walk.settle()
    session = kiosk.applicant.session
    assert session is not None and session.form.id == ALLOWANCE
    field = session.wizard.current()
    assert field is not None and field.id == "relation_to_head"
    walk.answer_current(walk.value_for(ALLOWANCE, field))
    screens.question.next_button.click()
    walk.settle()
    personal = [
        first,
        walk.applicant.id_number,
        str(walk.applicant.answers[PENSION]["full_name"]),
        str(walk.applicant.answers[PENSION]["phone"]),
        str(walk.applicant.answers[PENSION]["bank_account"]),
    ]
    held = [text for _, text in held_texts(kiosk_widgets(kiosk.window, present_before))]
    assert any(first in text for text in held), "the visit left nothing to look for"

    let_the_kiosk_fall_idle(kiosk, qtbot)
    walk.settle()

    assert kiosk.window.current_screen() is screens.start
    assert kiosk.applicant.session is None
    assert kiosk.applicant.visit is None
    left = [
        (kind, text)
        for kind, text in held_texts(kiosk_widgets(kiosk.window, present_before), with_undo=True)
        if any(item in text for item in personal)
    ]
    assert left == []
    # The unfinished allowance stays, sealed, as a draft for the clerk, with the carried
    # answers and the one given.
    (draft,) = stored_store(data_dir, clock).drafts()
    assert draft.form_id == ALLOWANCE
    assert draft.answers["full_name"] == walk.applicant.answers[PENSION]["full_name"]
    assert "relation_to_head" in draft.answers


def test_back_leads_to_the_carried_answers_and_out_of_the_service_without_a_draft(
    qtbot: QtBot, start_kiosk: KioskFactory, data_dir: Path, clock: FixedClock
) -> None:
    kiosk = start_kiosk(data_dir)
    walk = Walkthrough(kiosk, lambda: settle_kiosk(qtbot, kiosk))
    screens = kiosk.applicant.screens
    first = walk.complete(PENSION, "en")
    confirmation = screens.confirmation
    confirmation.offers.buttons[MEDICAL].click()
    walk.settle()
    assert set(screens.carried.rows) == {"full_name", "id_number", "gender", "birth_date", "phone"}
    screens.carried.confirm_button.click()
    walk.settle()
    session = kiosk.applicant.session
    assert session is not None
    current = session.wizard.current()
    assert current is not None and current.id == "enrol_for"

    screens.question.back_button.click()  # the first question: back to the carried answers
    walk.settle()
    assert kiosk.window.current_screen() is screens.carried
    screens.carried.back_button.click()  # not this service after all
    walk.settle()
    assert kiosk.window.current_screen() is confirmation
    assert confirmation.tracking_number.text() == first
    assert confirmation.countdown_timer.isActive()
    assert set(confirmation.offers.buttons) == {MEDICAL, ALLOWANCE}
    assert stored_store(data_dir, clock).drafts() == []

    # Chosen again, then left on the carried page: only carried answers, no draft kept.
    confirmation.offers.buttons[ALLOWANCE].click()
    walk.settle()
    assert kiosk.window.current_screen() is screens.carried
    let_the_kiosk_fall_idle(kiosk, qtbot)
    walk.settle()
    assert kiosk.window.current_screen() is screens.start
    assert kiosk.applicant.visit is None
    assert stored_store(data_dir, clock).drafts() == []


def test_another_service_chosen_as_soon_as_the_id_is_read(
    qtbot: QtBot, start_kiosk: KioskFactory, data_dir: Path, clock: FixedClock
) -> None:
    kiosk, walk = read_the_id_card(qtbot, start_kiosk, data_dir)
    screens = kiosk.applicant.screens
    identify = screens.identify
    offers = identify.offers
    assert offers.isVisible() and set(offers.buttons) == {ALLOWANCE, MEDICAL}
    assert offers.buttons[MEDICAL].text() == title(kiosk, MEDICAL)
    qtbot.wait(2700)  # longer than a read ID without offers stays: the person chooses here
    assert kiosk.window.current_screen() is identify
    assert not offers.buttons[MEDICAL].visibleRegion().isEmpty()  # scrolled into view

    offers.buttons[MEDICAL].click()
    walk.settle()
    # What the card told, carried as after a submit, under the medical form's ids.
    assert kiosk.window.current_screen() is screens.carried
    assert set(screens.carried.rows) == {"full_name", "id_number", "gender", "birth_date", "phone"}
    assert NUMBER in screens.carried.rows["id_number"].text()
    screens.carried.confirm_button.click()
    walk.settle()
    session = kiosk.applicant.session
    assert session is not None and session.form.id == MEDICAL
    current = session.wizard.current()
    assert current is not None and current.id == "enrol_for"
    assert session.identity_check is not None and session.identity_check["outcome"] == "verified"
    # The pension begun is set aside (its draft held only what the card told) and is
    # offered again once the medical insurance is submitted.
    (draft,) = stored_store(data_dir, clock).drafts()
    assert draft.form_id == MEDICAL
    assert stored_store(data_dir, clock).identity_check(draft.uuid) == session.identity_check
    visit = kiosk.applicant.visit
    assert visit is not None
    context = ValidationContext(today=clock.now().date(), regions=kiosk.services.regions)
    offered = visit.offers(kiosk.services.catalogue.services(), context, current=MEDICAL)
    assert {form.id for form in offered} == {PENSION, ALLOWANCE}

    # Back, Back: out of it to the start, as Back from the ID screen goes; nothing kept.
    screens.question.back_button.click()
    walk.settle()
    assert kiosk.window.current_screen() is screens.carried
    screens.carried.back_button.click()
    walk.settle()
    assert kiosk.window.current_screen() is screens.start
    assert kiosk.applicant.session is None and kiosk.applicant.visit is None
    assert stored_store(data_dir, clock).drafts() == []
