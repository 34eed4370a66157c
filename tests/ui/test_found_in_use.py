"""Findings of issue 14, each reproduced as a villager, clerk or installer met it
on the demo, and kept here so that it stays fixed."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import DataPaths
from kiosk.store import connect
from tests.ui.conftest import (
    CLERK_ID,
    CLERK_PIN,
    SUPERVISOR_ID,
    SUPERVISOR_PIN,
    open_sign_in,
    settle_kiosk,
    sign_in,
)
from ui.app import Kiosk
from ui.walkthrough import Walkthrough

SERVICE = "minimum-living-allowance"


def _reprints(data_dir: Path) -> list[tuple[str, str]]:
    db = connect(DataPaths(data_dir).database)
    try:
        rows = db.execute(
            "SELECT tracking_number, requested_by FROM print_jobs WHERE reprint = 1"
        ).fetchall()
    finally:
        db.close()
    return [(str(number), str(actor)) for number, actor in rows]


@pytest.mark.parametrize(
    ("staff_id", "pin", "role"),
    [(CLERK_ID, CLERK_PIN, "clerk"), (SUPERVISOR_ID, SUPERVISOR_PIN, "supervisor")],
)
def test_1_a_reprint_from_the_clerk_screen_is_queued_in_the_staff_members_name(
    kiosk: Kiosk,
    walk: Walkthrough,
    data_dir: Path,
    qtbot: QtBot,
    staff_id: str,
    pin: str,
    role: str,
) -> None:
    tracking_number = walk.complete(SERVICE, "en")
    kiosk.applicant.reset(keep_draft=False)
    open_sign_in(kiosk, qtbot)
    sign_in(kiosk, qtbot, staff_id, pin)

    home = kiosk.clerk.home_screen
    home.reprint_input.setText(tracking_number)
    home.reprint_button.click()

    qtbot.waitUntil(lambda: _reprints(data_dir) != [], timeout=10_000)
    assert _reprints(data_dir) == [(tracking_number, f"{role}:{staff_id}")]
    settle_kiosk(qtbot, kiosk)
