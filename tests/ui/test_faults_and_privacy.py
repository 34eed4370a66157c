"""Inactivity reset, a full disk at submit, a damaged database, the clerk PIN."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk import capacity
from kiosk.applications import ApplicationState
from kiosk.capacity import MEGABYTE
from kiosk.clock import FixedClock
from kiosk.config import DataPaths
from tests.small_disk import fill_up
from tests.ui.conftest import CLERK_ID, CLERK_PIN, KioskFactory, settle_kiosk
from tests.ui.test_applicant_flow import stored_store
from ui.app import Kiosk
from ui.walkthrough import Walkthrough

NAME = "王秀英"
ID_NUMBER = "11010519491231002X"


def visible_texts(root: QWidget) -> list[str]:
    """Every text any widget under `root` holds, shown or not."""
    texts: list[str] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
    return texts


def test_inactivity_resets_to_start_and_keeps_the_draft(
    tmp_path: Path, start_kiosk: KioskFactory, data_dir: Path, clock: FixedClock, qtbot: QtBot
) -> None:
    DataPaths(data_dir).config.write_text(
        "inactivity_seconds = 15\ncountdown_seconds = 5\n", encoding="utf-8"
    )
    kiosk = start_kiosk(data_dir)
    walk = Walkthrough(kiosk, lambda: settle_kiosk(qtbot, kiosk))
    walk.begin("rural-pension-enrolment", "en")
    walk.identify()
    walk.answer_current(NAME)
    kiosk.applicant.screens.question.next_button.click()
    walk.settle()
    session = kiosk.applicant.session
    assert session is not None and session.wizard.answer("full_name") == NAME
    assert ID_NUMBER in visible_texts(kiosk.window)  # still on the identify screen's line

    kiosk.parts.inactivity.idle.emit()  # the inactivity timer's own signal
    overlay = kiosk.window.idle_overlay
    assert overlay.isVisible()
    assert overlay.question.text() == "Are you still there?"
    with qtbot.waitSignal(kiosk.navigator.reset_done, timeout=15_000):
        pass
    settle_kiosk(qtbot, kiosk)

    assert kiosk.window.current_screen() is kiosk.applicant.screens.start
    assert kiosk.applicant.session is None
    texts = visible_texts(kiosk.window)
    assert not any(NAME in text or ID_NUMBER in text for text in texts)
    assert kiosk.applicant.screens.start.title.text() != "What would you like to apply for today?"
    drafts = stored_store(data_dir, clock).drafts()
    assert len(drafts) == 1
    assert drafts[0].answers["full_name"] == NAME


def test_touch_during_countdown_keeps_the_applicant(walk: Walkthrough, kiosk: Kiosk) -> None:
    walk.begin("rural-pension-enrolment", "en")
    walk.identify()
    kiosk.parts.inactivity.idle.emit()
    overlay = kiosk.window.idle_overlay
    assert overlay.isVisible()

    overlay.mousePressEvent(None)

    assert not overlay.isVisible()
    assert kiosk.window.current_screen() is kiosk.applicant.screens.question
    assert kiosk.applicant.session is not None


def test_full_disk_at_submit_keeps_the_draft_and_says_so(
    small_filesystem: Path,
    start_kiosk: KioskFactory,
    clock: FixedClock,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The disk watch would refuse to start an application on so small a disk;
    # this test is about the last line of defence, a disk that fills up anyway.
    monkeypatch.setattr(capacity, "free_bytes", lambda _path: 10_000 * MEGABYTE)
    data_dir = small_filesystem / "kiosk-data"
    kiosk = start_kiosk(data_dir)
    walk = Walkthrough(kiosk, lambda: settle_kiosk(qtbot, kiosk))
    walk.begin("medical-insurance-enrolment", "en")
    walk.identify()
    walk.answer_all("medical-insurance-enrolment")
    screens = kiosk.applicant.screens
    for editor in screens.review.consents.values():
        editor.buttons()[0].click()
    settle_kiosk(qtbot, kiosk)
    ballast = fill_up(small_filesystem)

    screens.review.submit_button.click()
    settle_kiosk(qtbot, kiosk)

    assert kiosk.window.current_screen() is screens.review
    assert screens.review.problem.isVisible()
    assert "storage is full" in screens.review.problem.text()
    assert screens.review.submit_button.isEnabled()
    session = kiosk.applicant.session
    assert session is not None and session.application is not None
    uuid = session.application.uuid

    ballast.unlink()
    screens.review.submit_button.click()
    settle_kiosk(qtbot, kiosk)

    assert kiosk.window.current_screen() is screens.confirmation
    stored = stored_store(data_dir, clock)
    assert stored.get(uuid).state is ApplicationState.SUBMITTED
    assert stored.count_by_state().submitted == 1
    assert screens.confirmation.tracking_number.text() == stored.get(uuid).tracking_number


def test_damaged_database_is_set_aside_and_the_clerk_is_told(
    data_dir: Path, start_kiosk: KioskFactory, qtbot: QtBot
) -> None:
    database = DataPaths(data_dir).database
    damaged = b"this is not a database, it is a damaged file " * 100
    database.write_bytes(damaged)
    for side in ("-wal", "-shm"):
        database.with_name(database.name + side).unlink(missing_ok=True)

    kiosk = start_kiosk(data_dir)
    set_aside = sorted(data_dir.glob("kiosk.db.corrupt-*"))
    assert [path.read_bytes() for path in set_aside if path.name.count("-") == 1] == [damaged]

    # The fresh database has no staff yet: the clerk is told how to set one up.
    kiosk.applicant.screens.start.clerk_button.click()
    settle_kiosk(qtbot, kiosk)
    assert "kiosk staff add --role administrator" in kiosk.clerk.pin_screen.problem.text()
    kiosk.clerk.pin_screen.staff_input.setText(CLERK_ID)
    kiosk.clerk.pin_screen.pin_input.setText(CLERK_PIN)
    kiosk.clerk.pin_screen.sign_in_button.click()
    settle_kiosk(qtbot, kiosk)
    assert "kiosk staff add --role administrator" in kiosk.clerk.pin_screen.problem.text()
    assert any(set_aside[0].name in notice for notice in kiosk.clerk.notices())


def test_wrong_clerk_pin_is_refused(kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk.applicant.screens.start.clerk_button.click()
    kiosk.clerk.pin_screen.staff_input.setText(CLERK_ID)
    kiosk.clerk.pin_screen.pin_input.setText("0000")
    kiosk.clerk.pin_screen.sign_in_button.click()
    settle_kiosk(qtbot, kiosk)

    assert kiosk.window.current_screen() is kiosk.clerk.pin_screen
    assert kiosk.clerk.pin_screen.problem.isVisible()
    assert kiosk.clerk.pin_screen.pin_input.text() == ""
