"""A kiosk killed mid-form loses nothing: the clerk resumes the draft where it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.ui.conftest import CLERK_ID, CLERK_PIN, KioskFactory, audit_entries, settle_kiosk

FORM_ID = "rural-pension-enrolment"
ANSWERED = 6


def run_child_until_saved(data_dir: Path) -> tuple[str, str]:
    """Start a kiosk process, wait for its committed draft, then SIGKILL it."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.kiosk_child", str(data_dir), FORM_ID, str(ANSWERED)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("SAVED "), f"child said {line!r}"
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
    _, uuid, position = line.split()
    return uuid, position


def test_draft_survives_sigkill_and_is_resumed_by_clerk(
    data_dir: Path, start_kiosk: KioskFactory, qtbot: QtBot
) -> None:
    uuid, position = run_child_until_saved(data_dir)

    kiosk = start_kiosk(data_dir)
    assert kiosk.window.current_screen() is kiosk.applicant.screens.start
    kiosk.applicant.screens.start.clerk_button.click()
    kiosk.clerk.pin_screen.staff_input.setText(CLERK_ID)
    kiosk.clerk.pin_screen.pin_input.setText(CLERK_PIN)
    kiosk.clerk.pin_screen.sign_in_button.click()
    settle_kiosk(qtbot, kiosk)
    assert kiosk.window.current_screen() is kiosk.clerk.home_screen
    assert list(kiosk.clerk.home_screen.draft_buttons) == [uuid]

    kiosk.clerk.home_screen.draft_buttons[uuid].click()
    settle_kiosk(qtbot, kiosk)
    session = kiosk.applicant.session
    assert session is not None and session.application is not None
    assert session.application.uuid == uuid
    current = session.wizard.current()
    assert current is not None and current.id == position
    assert session.wizard.answer("id_number") == "11010519491231002X"
    assert session.wizard.answer("full_name") == "王秀英"
    assert kiosk.window.current_screen() is kiosk.applicant.screens.question
    assert kiosk.applicant.screens.question.question.text() == current.label.get("zh_CN")
    viewed = [entry for entry in audit_entries(data_dir) if entry.action == "application_viewed"]
    assert [(entry.subject, entry.actor) for entry in viewed] == [(uuid, f"clerk:{CLERK_ID}")]
