"""A clerk fills in with an applicant (with consent), and corrects an application
before it leaves the kiosk; both through the real screens and a real database."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.applications import ApplicationStore
from kiosk.assisted import consent_of
from kiosk.clock import SystemClock
from kiosk.config import DataPaths
from kiosk.store import connect, transaction
from tests.ui.conftest import (
    CLERK_ID,
    CLERK_PIN,
    audit_entries,
    open_sign_in,
    settle_kiosk,
    sign_in,
)
from ui.app import Kiosk
from ui.walkthrough import Walkthrough

FORM_ID = "rural-pension-enrolment"


def _sign_in_clerk(kiosk: Kiosk, qtbot: QtBot) -> None:
    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, CLERK_ID, CLERK_PIN)


def _ask_consent(kiosk: Kiosk, qtbot: QtBot) -> None:
    """Sign the clerk in and tap "Fill in for an applicant"."""
    _sign_in_clerk(kiosk, qtbot)
    kiosk.clerk.home_screen.assist_button.click()
    settle_kiosk(qtbot, kiosk)


def _submitted_by_an_applicant(kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot) -> str:
    """A self-service application, submitted; the kiosk back on its start screen."""
    tracking_number = walk.complete(FORM_ID, "en")
    kiosk.navigator.reset(keep_draft=False)
    settle_kiosk(qtbot, kiosk)
    return tracking_number


def _ask_to_correct(kiosk: Kiosk, qtbot: QtBot, tracking_number: str) -> None:
    """On the clerk screen: type a tracking number and tap "Correct application"."""
    kiosk.clerk.home_screen.correct_input.setText(tracking_number)
    kiosk.clerk.home_screen.correct_button.click()
    settle_kiosk(qtbot, kiosk)


Stored = tuple[str, str | None, str | None, dict[str, object]]


def _stored(data_dir: Path, tracking_number: str) -> Stored:
    """Uuid, assisted-by, consent and answers of an application, read on a connection
    of the test's own."""
    db = connect(DataPaths(data_dir).database)
    try:
        found = ApplicationStore(db, SystemClock(), "DEMO01").find_by_tracking_number(
            tracking_number
        )
        assert found is not None
        return found.uuid, found.assisted_by, consent_of(db, found.uuid), dict(found.answers)
    finally:
        db.close()


def test_an_assisted_application_carries_the_clerk_and_the_consent(
    kiosk: Kiosk, walk: Walkthrough, data_dir: Path, qtbot: QtBot
) -> None:
    _ask_consent(kiosk, qtbot)
    consent = kiosk.clerk.consent_screen
    assert kiosk.window.current_screen() is consent
    consent.language_buttons["en"].click()
    assert CLERK_ID in consent.question.text() and "Tour clerk" in consent.question.text()

    consent.yes_button.click()
    settle_kiosk(qtbot, kiosk)
    tracking_number = walk.complete(FORM_ID, "en")

    uuid, assisted_by, consented, _ = _stored(data_dir, tracking_number)
    assert (assisted_by, consented) == (CLERK_ID, CLERK_ID)
    actions = [(e.action, e.actor) for e in audit_entries(data_dir) if e.subject == uuid]
    assert actions[:2] == [
        ("application_created", f"clerk:{CLERK_ID}"),
        ("assisted_consent_given", f"clerk:{CLERK_ID}"),
    ]
    assert ("application_submitted", f"clerk:{CLERK_ID}") in actions

    kiosk.applicant.screens.confirmation.done_button.click()
    settle_kiosk(qtbot, kiosk)
    assert kiosk.clerk.session is None  # the session ended with the applicant's visit
    assert kiosk.applicant.assisted_by is None


def test_declined_consent_leaves_the_next_application_unassisted(
    kiosk: Kiosk, walk: Walkthrough, data_dir: Path, qtbot: QtBot
) -> None:
    _ask_consent(kiosk, qtbot)
    kiosk.clerk.consent_screen.no_button.click()
    settle_kiosk(qtbot, kiosk)
    assert kiosk.window.current_screen() is kiosk.clerk.home_screen
    kiosk.clerk.end_session("end_tapped")
    settle_kiosk(qtbot, kiosk)

    tracking_number = walk.complete(FORM_ID, "en")

    _, assisted_by, consented, _ = _stored(data_dir, tracking_number)
    assert (assisted_by, consented) == (None, None)


def test_a_clerk_corrects_an_application_that_was_not_sent_yet(
    kiosk: Kiosk, walk: Walkthrough, data_dir: Path, qtbot: QtBot
) -> None:
    tracking_number = _submitted_by_an_applicant(kiosk, walk, qtbot)
    uuid, _, _, before = _stored(data_dir, tracking_number)
    _sign_in_clerk(kiosk, qtbot)

    _ask_to_correct(kiosk, qtbot, tracking_number)
    review = kiosk.applicant.screens.review
    assert kiosk.window.current_screen() is review
    review.answer_rows["full_name"].click()
    settle_kiosk(qtbot, kiosk)
    walk.answer_current("王秀兰")
    kiosk.applicant.screens.question.next_button.click()
    settle_kiosk(qtbot, kiosk)
    assert kiosk.window.current_screen() is review
    review.submit_button.click()
    settle_kiosk(qtbot, kiosk)

    assert kiosk.window.current_screen() is kiosk.applicant.screens.confirmation
    assert kiosk.applicant.screens.confirmation.tracking_number.text() == tracking_number
    _, _, _, after = _stored(data_dir, tracking_number)
    assert after["full_name"] == "王秀兰" != before["full_name"]
    assert {k: v for k, v in after.items() if k != "full_name"} == {
        k: v for k, v in before.items() if k != "full_name"
    }
    corrected = [e for e in audit_entries(data_dir) if e.action == "application_corrected"]
    assert [(e.subject, e.actor) for e in corrected] == [(uuid, f"clerk:{CLERK_ID}")]


def test_an_application_already_sent_cannot_be_corrected(
    kiosk: Kiosk, walk: Walkthrough, data_dir: Path, qtbot: QtBot
) -> None:
    tracking_number = _submitted_by_an_applicant(kiosk, walk, qtbot)
    db = connect(DataPaths(data_dir).database)
    with transaction(db):
        db.execute("UPDATE outbox SET attempts = 1")  # the sync worker has tried to send it
    db.close()
    _sign_in_clerk(kiosk, qtbot)

    _ask_to_correct(kiosk, qtbot, tracking_number)

    assert kiosk.window.current_screen() is kiosk.clerk.home_screen
    assert "can no longer be corrected" in kiosk.clerk.home_screen.correct_problem.text()
    _ask_to_correct(kiosk, qtbot, "NOPE-000")
    assert "No application with this tracking number" in (
        kiosk.clerk.home_screen.correct_problem.text()
    )
