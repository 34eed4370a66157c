"""A code read is confirmed with a chime, and a verified ID's photo is for the clerk's eyes only."""

from __future__ import annotations

import base64
import wave
from pathlib import Path

import cbor2
from pytestqt.qtbot import QtBot

from kiosk.forms.idnumber import check_character
from kiosk.identity import trust_list_path
from resources import SCAN_SUCCESS_SOUND
from resources.sound_synthesis import chime_wav
from tests.identity.claim169_factory import (
    PERSON,
    SigningKey,
    ed25519_key,
    encode_code,
    face_png,
    person_with_photo,
    signed_code,
    trust_list_json,
)
from tests.qr.codes import in_frame, qr_png
from tests.ui.conftest import CLERK_ID, CLERK_PIN, KioskFactory, settle_kiosk, sign_in
from tests.ui.test_scanning_camera import frame_of
from ui.app import Kiosk
from ui.scanning.scan_sound import ScanSound
from ui.screens.identify import IdentifyScreen
from ui.walkthrough import Walkthrough

NUMBER = "52263419800101123" + check_character("52263419800101123")
FORM = "rural-pension-enrolment"


class RecordingEffect:
    """Stands in for the sound card: counts what the kiosk asked to play."""

    def __init__(self) -> None:
        self.plays = 0

    def play(self) -> None:
        self.plays += 1


def trusted_key(data_dir: Path) -> SigningKey:
    """An issuer key on the kiosk's (local) trust list."""
    key = ed25519_key()
    trust_list_path(data_dir).write_text(trust_list_json([key.trust_entry()]), encoding="utf-8")
    return key


def hold_to_camera(qtbot: QtBot, identify: IdentifyScreen, code: str) -> str:
    """Show the code to the camera as a real frame; the outcome message shown."""
    identify.scan_outcome.clear()
    identify.camera.video_sink.setVideoFrame(frame_of(in_frame(qr_png(code, box_size=3))))
    qtbot.waitUntil(lambda: bool(identify.scan_outcome.text()), timeout=10_000)
    return identify.scan_outcome.text()


def applicant_at_identify(
    qtbot: QtBot, start_kiosk: KioskFactory, data_dir: Path
) -> tuple[Kiosk, IdentifyScreen, SigningKey]:
    """A kiosk trusting an issuer key, with an applicant on "Who is applying?"."""
    key = trusted_key(data_dir)
    kiosk = start_kiosk(data_dir)
    Walkthrough(kiosk, lambda: settle_kiosk(qtbot, kiosk)).begin(FORM, "en")
    return kiosk, kiosk.applicant.screens.identify, key


def code_with_photo(key: SigningKey, photo: bytes) -> str:
    """A code signed by `key` for the test person, with a face photo."""
    return signed_code(key, person=person_with_photo(photo, {**PERSON, 1: NUMBER}))


def test_the_chime_plays_for_a_code_read_and_not_for_a_failure(
    qtbot: QtBot, start_kiosk: KioskFactory, data_dir: Path
) -> None:
    _, identify, key = applicant_at_identify(qtbot, start_kiosk, data_dir)
    effect = RecordingEffect()
    identify.sound = ScanSound(lambda: effect)
    forger = SigningKey(key.kid, ed25519_key().private)  # the issuer's kid, another key
    assert "altered" in hold_to_camera(qtbot, identify, signed_code(forger))
    assert "not an ID code" in hold_to_camera(qtbot, identify, "https://example.org/")
    assert effect.plays == 0
    assert "ID verified" in hold_to_camera(qtbot, identify, signed_code(key))
    assert effect.plays == 1


def test_an_encrypted_code_is_named_on_screen_not_called_damaged(
    qtbot: QtBot, start_kiosk: KioskFactory, data_dir: Path
) -> None:
    _, identify, _ = applicant_at_identify(qtbot, start_kiosk, data_dir)
    encrypted = cbor2.dumps(cbor2.CBORTag(16, [cbor2.dumps({1: 3}), {5: bytes(12)}, bytes(64)]))

    shown = hold_to_camera(qtbot, identify, encode_code(encrypted))

    assert "encrypted" in shown and "holds no key" in shown
    assert "damaged" not in shown


def test_without_a_sound_card_a_scan_is_confirmed_on_screen_only(qtbot: QtBot) -> None:
    from PySide6.QtMultimedia import QMediaDevices

    sound = ScanSound()
    sound.play_success()  # no exception, whatever the machine has
    if not QMediaDevices.audioOutputs():
        assert sound.effect is None


def test_the_chime_shipped_is_the_one_synthesised_here() -> None:
    with wave.open(str(SCAN_SUCCESS_SOUND), "rb") as chime:
        seconds = chime.getnframes() / chime.getframerate()
    assert 0.1 < seconds < 0.5  # short: a confirmation, not a tune
    assert SCAN_SUCCESS_SOUND.read_bytes() == chime_wav()  # ours, reproducible, no licence


def sign_in_and_resume(qtbot: QtBot, kiosk: Kiosk) -> None:
    """A clerk signs in and takes over the draft left on the kiosk."""
    kiosk.applicant.screens.start.clerk_button.click()
    sign_in(kiosk, qtbot, CLERK_ID, CLERK_PIN)
    (uuid,) = kiosk.clerk.home_screen.draft_buttons
    kiosk.clerk.home_screen.draft_buttons[uuid].click()
    settle_kiosk(qtbot, kiosk)


def test_the_assisting_clerk_sees_the_photo_which_is_never_stored(
    qtbot: QtBot, start_kiosk: KioskFactory, data_dir: Path
) -> None:
    key = trusted_key(data_dir)
    kiosk = start_kiosk(data_dir)
    walk = Walkthrough(kiosk, lambda: settle_kiosk(qtbot, kiosk))
    walk.begin(FORM, "en")
    # an answer given (the number on the card), so the draft is kept; an empty one is discarded
    walk.screens.identify.id_input.setText(NUMBER)
    walk.screens.identify.continue_button.click()
    settle_kiosk(qtbot, kiosk)
    kiosk.navigator.reset(keep_draft=True)  # the applicant asks the clerk for help
    sign_in_and_resume(qtbot, kiosk)
    assert kiosk.applicant.clerk_assisting
    screens = kiosk.applicant.screens
    screens.question.back_button.click()  # from the first question back to "Who is applying?"
    identify = screens.identify
    assert kiosk.window.current_screen() is identify
    photo = face_png()
    assert "ID verified" in hold_to_camera(qtbot, identify, code_with_photo(key, photo))
    panel = identify.photo_panel
    assert panel.isVisible() and panel.showing_photo
    assert not panel.picture.pixmap().isNull()
    qtbot.wait(3000)  # longer than an applicant's confirmation: the clerk decides when to go on
    assert kiosk.window.current_screen() is identify
    identify.continue_button.click()
    assert kiosk.window.current_screen() is screens.question
    assert not panel.showing_photo  # gone once the step is left
    session = kiosk.applicant.session
    assert session is not None and session.wizard.answer("id_number") == NUMBER
    kiosk.window.idle_overlay.timed_out.emit()  # nobody touched the screen: reset
    settle_kiosk(qtbot, kiosk)
    assert not kiosk.applicant.clerk_assisting
    assert not panel.isVisible() and panel.picture.pixmap().isNull()
    assert_nowhere_on_disk(data_dir, photo)


def test_an_applicant_alone_never_sees_the_photo(
    qtbot: QtBot, start_kiosk: KioskFactory, data_dir: Path
) -> None:
    kiosk, identify, key = applicant_at_identify(qtbot, start_kiosk, data_dir)
    photo = face_png()
    assert "ID verified" in hold_to_camera(qtbot, identify, code_with_photo(key, photo))
    assert identify._photo_panel is None  # never even built
    screens = kiosk.applicant.screens
    assert identify.offers.isVisible()  # the other services: the person chooses, or goes on
    identify.continue_button.click()
    assert kiosk.window.current_screen() is screens.question
    settle_kiosk(qtbot, kiosk)
    assert_nowhere_on_disk(data_dir, photo)


def assert_nowhere_on_disk(data_dir: Path, photo: bytes) -> None:
    """Neither the photo's bytes nor their base64 are in any file the kiosk wrote."""
    files = [path for path in data_dir.rglob("*") if path.is_file()]
    assert any(path.name.startswith("kiosk.db") for path in files)
    inner = photo[16:80]  # past the PNG header every PNG shares
    for path in files:
        content = path.read_bytes()
        assert inner not in content, path
        assert base64.b64encode(photo)[24:90] not in content, path
