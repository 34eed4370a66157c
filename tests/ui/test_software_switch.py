"""A staged kiosk version takes over only at an idle start screen, never mid-application."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.update_guard import InstallLayout, State, read_state
from tests.sync.update_fixtures import install_root
from tests.ui.conftest import settle_kiosk
from ui.app import Kiosk
from ui.software_switch import SoftwareSwitch
from ui.walkthrough import Walkthrough

SERVICE = "rural-pension-enrolment"


def staged(root: Path) -> InstallLayout:
    """An install root running 0.1.0 with 0.2.0 unpacked beside it."""
    layout = install_root(root)
    newer = install_root(root / "unpacked", "0.2.0")
    (newer.versions / "0.2.0").rename(layout.versions / "0.2.0")
    return layout


def test_the_switch_waits_for_the_applicant_to_finish_then_restarts_on_the_new_version(
    kiosk: Kiosk, walk: Walkthrough, qtbot: QtBot, tmp_path: Path
) -> None:
    layout = staged(tmp_path / "opt")
    restarts: list[str | None] = []
    switch = SoftwareSwitch(
        kiosk.navigator, layout, lambda: restarts.append(layout.current_version())
    )
    walk.begin(SERVICE, "zh_CN")  # an applicant is in the middle of an application

    switch.staged("0.2.0")

    assert restarts == [] and layout.current_version() == "0.1.0"
    assert switch.waiting == "0.2.0"
    kiosk.navigator.reset(keep_draft=True)  # the applicant left; the start screen is back
    settle_kiosk(qtbot, kiosk)

    assert restarts == ["0.2.0"]  # switched first, then restarted
    state = read_state(layout)
    assert (state.state, state.version, state.previous) == (State.TRIAL, "0.2.0", "0.1.0")
    assert layout.guard.exists()  # the running (healthy) version's guard judges the new one
    assert switch.waiting is None


def test_an_idle_kiosk_switches_at_once(kiosk: Kiosk, tmp_path: Path) -> None:
    layout = staged(tmp_path / "opt")
    restarts: list[str | None] = []
    switch = SoftwareSwitch(
        kiosk.navigator, layout, lambda: restarts.append(layout.current_version())
    )

    switch.staged("0.2.0")

    assert restarts == ["0.2.0"]
