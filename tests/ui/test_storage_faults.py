"""A read-only data directory at start: the kiosk comes up, the applicant is
told in their language before filling in anything, the clerk is told why."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.clock import FixedClock
from kiosk.services import load_services
from tests.ui.conftest import KioskFactory
from ui.walkthrough import Walkthrough

FORM = "medical-insurance-enrolment"
READ_ONLY_IN_CHINESE = "本机暂时无法保存申请，您的申请现在不能在这里办理。请找工作人员帮忙。"


def test_read_only_data_directory_is_explained_before_the_form(
    data_dir: Path,
    clock: FixedClock,
    read_only_dir: Callable[[Path], None],
    start_kiosk: KioskFactory,
    qtbot: QtBot,
) -> None:
    load_services(data_dir, clock)  # kiosk.toml written while the directory still takes it
    read_only_dir(data_dir)
    kiosk = start_kiosk(data_dir)
    walk = Walkthrough(kiosk, lambda: qtbot.wait(50))

    walk.begin(FORM, "zh_CN")
    qtbot.waitUntil(lambda: kiosk.applicant.screens.identify.problem.isVisible())

    identify = kiosk.applicant.screens.identify
    assert kiosk.window.current_screen() is identify
    assert identify.problem.text() == READ_ONLY_IN_CHINESE
    assert READ_ONLY_IN_CHINESE in kiosk.clerk.notices()  # the kiosk starts in Chinese
