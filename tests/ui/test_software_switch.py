"""A staged kiosk version takes over only at an idle start screen, never mid-application."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import SIGNAL
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.update_guard import (
    INSTALL_ROOT_VARIABLE,
    RESTART_EXIT_CODE,
    InstallLayout,
    State,
    read_state,
)
from sync.software_updates import UpdateOutcome
from sync.worker import SyncReport
from tests.sync.update_fixtures import install_root
from tests.ui.conftest import KioskFactory, settle_kiosk
from tests.ui.test_sync_runner import UNUSED_PORT_URL
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


def test_a_sync_report_of_a_staged_version_reaches_the_switch_of_a_kiosk_in_the_layout(
    start_kiosk: KioskFactory,
    data_dir: Path,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The kiosk as it starts: in the versioned layout and syncing, it builds its switch; a
    cycle's report of a staged version switches it and leaves the event loop with 75."""
    layout = staged(tmp_path / "opt")
    monkeypatch.setenv(INSTALL_ROOT_VARIABLE, str(layout.root))
    (data_dir / "kiosk.toml").write_text(f'central_url = "{UNUSED_PORT_URL}"\n', encoding="utf-8")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    exits: list[int] = []
    monkeypatch.setattr(app, "exit", exits.append)  # the process boundary: systemd restarts it
    kiosk = start_kiosk(data_dir)
    sync = kiosk.parts.sync
    assert sync.configured
    qtbot.waitUntil(lambda: sync.receivers(SIGNAL("report(PyObject)")) > 0)

    sync.report.emit(SyncReport(online=True, software_update=UpdateOutcome(State.STAGED, "0.2.0")))

    assert exits == [RESTART_EXIT_CODE]
    assert layout.current_version() == "0.2.0"
