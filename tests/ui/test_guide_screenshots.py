"""Every screenshot the guides embed is one that ``kiosk screenshots`` makes.

A tour of the real kiosk gives the screens' names in order; the files
``kiosk screenshots`` would write follow from them for each language and look.
A guide naming a screen the tour no longer visits (or under an old number)
fails here, and `kiosk screenshots --out docs/screenshots` regenerates what it
shows.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from tests.test_guides import guide_screenshots
from ui.app import Kiosk
from ui.screen_tour import TourPlan
from ui.screenshots import (
    SCREENSHOT_LANGUAGES,
    SCREENSHOT_SERVICE,
    screenshot_file_name,
    tour_kiosk,
)


def test_every_screenshot_in_the_guides_is_one_kiosk_screenshots_makes(
    qapp: QApplication,
) -> None:
    visited: list[str] = []

    def visit(kiosk: Kiosk, plan: TourPlan, name: str) -> None:
        visited.append(name)

    tour_kiosk([TourPlan(SCREENSHOT_SERVICE, "zh_CN")], visit)
    made = {
        screenshot_file_name(
            TourPlan(SCREENSHOT_SERVICE, language, high_contrast=contrast), n, name
        )
        for language in SCREENSHOT_LANGUAGES
        for contrast in (False, True)
        for n, name in enumerate(visited, start=1)
    }

    assert {"start", "clerk", "clerk-figures"} <= set(visited), visited
    shown = guide_screenshots()
    assert shown, "the guides show the kiosk's screens"
    assert shown - made == set(), "run: kiosk screenshots --out docs/screenshots"
