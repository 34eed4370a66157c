"""Every screen of every service, in every language, theme and text size (a
covering set of their combinations, see `LOOKS`), checked for touch targets,
contrast, cut-off text and widgets off screen."""

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

STANDARD_NORMAL_CONTRAST_ELDERLY = ((False, False), (True, True))
STANDARD_ELDERLY_CONTRAST_NORMAL = ((False, True), (True, False))
"""The two ways of giving one language both themes and both text sizes in two tours,
as (high contrast, elderly)."""


def covering_looks(languages: tuple[str, ...]) -> list[tuple[str, bool, bool]]:
    """(language, high contrast, elderly) for each tour of the audit.

    Each look costs a whole tour (every application-wide restyle included), and
    all 12 combinations took a third of the suite, so the audit tours a covering
    set instead, chosen by what each check depends on:

    - layout (cut-off text, widgets off screen, targets, scrolling, reading order)
      depends on the language and the text size only: the themes share one
      stylesheet and differ in colours alone (`resources/styles/themes.json`);
      every language is toured at both sizes;
    - contrast depends on the colours (the theme), the glyphs' strokes (the
      language) and their size: every language is toured in both themes, and
      every theme at both sizes.

    The source language takes the standard colours at the large size and high
    contrast at the normal size; every other language the standard colours at the
    normal size (thin strokes on the lower-contrast palette: the closest call)
    and high contrast at the large size. Every language × size, language × theme
    and theme × size pair is toured; left out are each language's two other
    combinations of theme and size (12 tours become 6).
    """
    looks = []
    for language in languages:
        pairs = (
            STANDARD_ELDERLY_CONTRAST_NORMAL
            if language == languages[0]
            else STANDARD_NORMAL_CONTRAST_ELDERLY
        )
        looks += [(language, high_contrast, elderly) for high_contrast, elderly in pairs]
    return looks


def look_id(look: tuple[str, bool, bool]) -> str:
    """The test id of a look, as the full grid named it (`ug-contrast-elderly`)."""
    language, high_contrast, elderly = look
    theme = "contrast" if high_contrast else "standard"
    return f"{language}-{theme}-{'elderly' if elderly else 'normal'}"


LOOKS = covering_looks(LANGUAGES)


def test_the_looks_cover_every_pair() -> None:
    """Each language at both sizes and in both themes, each theme at both sizes."""
    pairs = {
        (kind, first, second)
        for language, high_contrast, elderly in LOOKS
        for kind, first, second in (
            ("language-size", language, elderly),
            ("language-theme", language, high_contrast),
            ("theme-size", high_contrast, elderly),
        )
    }
    sizes = themes = (False, True)
    wanted = (
        {("language-size", language, size) for language in LANGUAGES for size in sizes}
        | {("language-theme", language, theme) for language in LANGUAGES for theme in themes}
        | {("theme-size", theme, size) for theme in themes for size in sizes}
    )
    assert pairs == wanted
    assert len(LOOKS) == 2 * len(LANGUAGES)


@pytest.mark.parametrize(("language", "high_contrast", "elderly"), LOOKS, ids=map(look_id, LOOKS))
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
