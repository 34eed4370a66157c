"""A signed ID held to the camera prefills the form through the real kiosk."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.clock import FixedClock
from kiosk.forms.idnumber import check_character
from kiosk.identity import trust_list_path
from tests.identity.claim169_factory import PERSON, ed25519_key, signed_code, trust_list_json
from tests.qr.codes import in_frame, qr_png
from tests.ui.conftest import KioskFactory, settle_kiosk
from tests.ui.test_applicant_flow import stored_store
from tests.ui.test_scanning_camera import frame_of
from ui.walkthrough import Walkthrough

NUMBER = "52263419800101123" + check_character("52263419800101123")


def test_a_signed_id_held_to_the_camera_prefills_the_form(
    qtbot: QtBot, start_kiosk: KioskFactory, data_dir: Path, clock: FixedClock
) -> None:
    key = ed25519_key()
    trust_list_path(data_dir).write_text(trust_list_json([key.trust_entry()]), encoding="utf-8")
    kiosk = start_kiosk(data_dir)
    # The pension alone: with no other service to offer, a read ID goes on by itself.
    catalogue = kiosk.services.catalogue
    catalogue.retire(
        catalogue.newest(form_id).key
        for form_id in ("minimum-living-allowance", "medical-insurance-enrolment")
    )
    walk = Walkthrough(kiosk, lambda: settle_kiosk(qtbot, kiosk))
    walk.begin("rural-pension-enrolment", "en")
    screens = kiosk.applicant.screens
    identify = screens.identify
    assert kiosk.window.current_screen() is identify
    code = signed_code(key, person={**PERSON, 1: NUMBER})
    identify.camera.video_sink.setVideoFrame(frame_of(in_frame(qr_png(code, box_size=3))))
    qtbot.waitUntil(lambda: identify.scan_outcome.isVisible())
    assert "ID verified" in identify.scan_outcome.text()
    assert not identify.offers.isVisible()
    qtbot.waitUntil(lambda: kiosk.window.current_screen() is screens.question, timeout=10_000)
    session = kiosk.applicant.session
    assert session is not None
    assert session.identity_check is not None
    assert session.identity_check["outcome"] == "verified"
    assert NUMBER not in str(session.identity_check)  # the record holds no personal data
    assert session.wizard.answer("full_name") == "张三"
    assert session.wizard.answer("id_number") == NUMBER
    assert session.wizard.answer("residence_address") == (
        "520000",
        "522634",
        "522634100",
        "522634100201",
    )
    settle_kiosk(qtbot, kiosk)
    assert session.application is not None
    stored = stored_store(data_dir, clock).identity_check(session.application.uuid)
    assert stored == session.identity_check  # kept with the draft for the back office
