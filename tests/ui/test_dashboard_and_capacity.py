"""The clerk's figures screen and the refusal of new applications on a full disk,
through the real screens (the free space is set at the file-system boundary)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCharts import QStackedBarSeries
from pytestqt.qtbot import QtBot

from kiosk import capacity
from kiosk.capacity import MEGABYTE
from tests.ui.conftest import CLERK_ID, CLERK_PIN, KioskFactory, settle_kiosk, sign_in
from ui.app import Kiosk
from ui.walkthrough import Walkthrough


def sign_in_as_clerk(kiosk: Kiosk, qtbot: QtBot) -> None:
    sign_in(kiosk, qtbot, CLERK_ID, CLERK_PIN)
    assert kiosk.window.current_screen() is kiosk.clerk.home_screen


def test_figures_show_todays_application_and_export_csv(
    walk: Walkthrough, kiosk: Kiosk, qtbot: QtBot, data_dir: Path
) -> None:
    walk.complete("rural-pension-enrolment", "en")
    kiosk.navigator.reset(keep_draft=False)
    kiosk.start.language_buttons["en"].click()
    sign_in_as_clerk(kiosk, qtbot)

    kiosk.clerk.home_screen.dashboard_button.click()
    settle_kiosk(qtbot, kiosk)

    screen = kiosk.dashboard.screen
    assert kiosk.window.current_screen() is screen
    assert "Today: 1 applications (0 assisted)" in screen.summary.text()
    assert "Waiting to be sent: 1" in screen.details.text()
    series = screen.chart.series()[0]
    assert isinstance(series, QStackedBarSeries)
    own, assisted = series.barSets()
    assert own.count() == 27  # every day of November so far; the test's today is the 27th
    assert (own.at(26), assisted.at(26)) == (1.0, 0.0)
    assert sum(own.at(day) for day in range(26)) == 0
    assert "Enrol in the residents' basic pension: 1 (0 assisted)" in screen.summary.text()

    screen.export_button.click()

    written = list((data_dir / "exports").glob("kiosk-*.csv"))
    assert len(written) == 1
    assert "today,rural-pension-enrolment,1,0,1" in written[0].read_text(encoding="utf-8")
    assert str(written[0]) in screen.export_result.text()
    screen.back_button.click()
    assert kiosk.window.current_screen() is kiosk.clerk.home_screen


def test_a_nearly_full_disk_refuses_new_applications_and_warns_the_clerk(
    start_kiosk: KioskFactory, data_dir: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(capacity, "free_bytes", lambda _path: 50 * MEGABYTE)
    kiosk = start_kiosk(data_dir)
    kiosk.start.language_buttons["en"].click()  # the notice follows the language

    kiosk.start.service_tiles["rural-pension-enrolment"].click()

    assert kiosk.window.current_screen() is kiosk.start
    assert kiosk.applicant.session is None
    assert kiosk.start.notice.isVisibleTo(kiosk.start)
    assert "storage is almost full" in kiosk.start.notice.text()
    sign_in_as_clerk(kiosk, qtbot)
    assert "new applications are refused" in kiosk.clerk.home_screen.notices.text()


def test_applications_are_taken_again_once_space_is_freed(
    start_kiosk: KioskFactory, data_dir: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(capacity, "free_bytes", lambda _path: 50 * MEGABYTE)
    kiosk = start_kiosk(data_dir)
    assert not kiosk.applicant.accepts_new_applications

    monkeypatch.setattr(capacity, "free_bytes", lambda _path: 5000 * MEGABYTE)
    kiosk.capacity.check()
    settle_kiosk(qtbot, kiosk)
    kiosk.start.service_tiles["rural-pension-enrolment"].click()

    assert not kiosk.start.notice.isVisibleTo(kiosk.start)
    assert kiosk.window.current_screen() is kiosk.applicant.screens.identify


def test_figures_that_cannot_be_read_are_explained_to_the_clerk(
    start_kiosk: KioskFactory, data_dir: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable(_path: Path) -> int:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(capacity, "free_bytes", unreadable)
    kiosk = start_kiosk(data_dir)
    kiosk.start.language_buttons["en"].click()
    kiosk.start.clerk_button.click()
    settle_kiosk(qtbot, kiosk)
    sign_in_as_clerk(kiosk, qtbot)
    home = kiosk.clerk.home_screen
    assert "Something went wrong on this kiosk" in " ".join(kiosk.clerk.notices())

    home.dashboard_button.click()
    settle_kiosk(qtbot, kiosk)

    assert kiosk.window.current_screen() is home
    assert "Something went wrong on this kiosk" in home.export_message.text()
