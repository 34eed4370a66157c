"""Every screen of every service, in every language, theme and text size,
checked for touch targets, contrast, cut-off text and widgets off screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.clock import format_timestamp
from kiosk.config import DataPaths
from tests.ui.conftest import TEST_TIME, KioskFactory, settle_kiosk
from tests.ui.privacy_scan import held_texts, kiosk_widgets
from tests.ui.screen_audit import Finding, audit, check_in_view
from ui.app import Kiosk
from ui.screen_tour import ScreenTour, TourPlan
from ui.screenshots import TOUR_CONFIG
from ui.translations import SHIPPED_LANGUAGES
from ui.walkthrough import SampleApplicant
from ui.widgets.connection_indicator import ConnectionIndicator

SERVICES = ("rural-pension-enrolment", "medical-insurance-enrolment", "minimum-living-allowance")
LANGUAGES = ("en", *SHIPPED_LANGUAGES)


@pytest.mark.parametrize("elderly", [False, True], ids=["normal", "elderly"])
@pytest.mark.parametrize("high_contrast", [False, True], ids=["standard", "contrast"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_screen_passes_the_audit(
    language: str,
    high_contrast: bool,
    elderly: bool,
    start_kiosk: KioskFactory,
    data_dir: Path,
    qtbot: QtBot,
) -> None:
    DataPaths(data_dir).config.write_text(TOUR_CONFIG, encoding="utf-8")
    present_before = QApplication.topLevelWidgets()
    kiosk = start_kiosk(data_dir)
    show_link_status(kiosk)
    findings: list[str] = []
    tour = ScreenTour(kiosk, lambda: settle_kiosk(qtbot, kiosk))
    overlay = kiosk.window.idle_overlay

    start = kiosk.applicant.screens.start
    for service in SERVICES:
        plan = TourPlan(service, language, elderly, high_contrast, every_question=True)

        def visit(name: str, service: str = service) -> None:
            root = overlay if overlay.isVisible() else None
            found: list[Finding] = audit(kiosk.window, root)
            if name == "start" and not elderly:
                found += check_in_view(kiosk.window, start.service_tiles.values())
            findings.extend(f"{service} / {name}: {finding}" for finding in found)

        tour.run(plan, visit)

    assert findings == []
    # Each tour ends with a reset: nothing of the sample applicant may remain.
    applicant = SampleApplicant.load()
    personal = {applicant.id_number}
    for answers in applicant.answers.values():
        personal |= {str(answers["full_name"]), str(answers["phone"])}
    held = held_texts(kiosk_widgets(kiosk.window, present_before), with_undo=True)
    assert [text for _, text in held if any(item in text for item in personal)] == []


def show_link_status(kiosk: Kiosk) -> None:
    """The start screen's line about the link to the county office, as a kiosk with a
    central platform (the demo) shows it: the tour's kiosk has none of its own."""
    from sync.worker import SyncReport

    indicator = ConnectionIndicator(kiosk.services.zone)
    kiosk.applicant.screens.start.add_status(indicator)
    indicator.update_report(
        SyncReport(online=True, backlog=12, last_sync_at=format_timestamp(TEST_TIME))
    )
