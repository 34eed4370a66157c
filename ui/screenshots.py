"""Render every screen of the applicant's and the clerk's path, in each
language, to PNG files (offscreen, no display needed).

    kiosk screenshots --out docs/screenshots

A fresh data directory in a temporary folder is used, with a fixed clock so
that the pictures do not change from one run to the next.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.clock import FixedClock
from kiosk.forms import Field, FieldType
from kiosk.services import load_services
from kiosk.staff import set_clerk_pin
from kiosk.store import open_database
from ui.app import KIOSK_WINDOW_SIZE, Kiosk, build_kiosk
from ui.walkthrough import Walkthrough

SCREENSHOT_CLOCK = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)
SCREENSHOT_SERVICE = "minimum-living-allowance"
SCREENSHOT_PIN = "2468"


def settle(kiosk: Kiosk) -> None:
    """Let queued storage work finish and its results reach the screens."""
    app = QApplication.instance()
    assert app is not None
    for _ in range(200):
        app.processEvents()
        if kiosk.operations.pending() == 0:
            break
        kiosk.operations.wait_for_idle(50)
    app.processEvents()


class ScreenshotTaker:
    """Walks one language through the kiosk, saving a picture of each screen."""

    def __init__(self, kiosk: Kiosk, out: Path, language: str) -> None:
        self.kiosk = kiosk
        self.out = out
        self.language = language
        self.saved: list[Path] = []
        self.types_seen: set[FieldType] = set()

    def shot(self, name: str) -> None:
        """Save what the window shows now."""
        settle(self.kiosk)
        path = self.out / f"{self.language}-{len(self.saved) + 1:02d}-{name}.png"
        self.kiosk.window.grab().save(str(path))
        self.saved.append(path)

    def walk(self) -> list[Path]:
        """Every screen once, and one question of each field type."""
        walk = Walkthrough(self.kiosk, lambda: settle(self.kiosk))
        walk.screens.start.language_buttons[self.language].click()
        self.shot("start")
        walk.begin(SCREENSHOT_SERVICE, self.language)
        self.shot("identify")
        walk.screens.identify.id_input.setText("110105194912310021")
        walk.screens.identify.continue_button.click()
        self.shot("identify-problem")
        walk.identify()

        def question(field: Field) -> None:
            if field.type not in self.types_seen:
                self.types_seen.add(field.type)
                walk.answer_current(walk.value_for(SCREENSHOT_SERVICE, field))
                self.shot(f"question-{field.type.value}")

        walk.answer_all(SCREENSHOT_SERVICE, on_question=question)
        self.shot("review")
        tracking = walk.agree_and_submit()
        self.shot("confirmation")
        self.kiosk.applicant.reset(keep_draft=False)
        walk.begin(SCREENSHOT_SERVICE, self.language)
        walk.identify()
        self.kiosk.window.idle_overlay.start(self.kiosk.services.config.countdown_seconds)
        self.shot("are-you-still-there")
        self.kiosk.window.idle_overlay.dismiss()
        self.kiosk.applicant.reset(keep_draft=True)
        walk.screens.start.language_buttons[self.language].click()
        walk.screens.start.check_button.click()
        walk.screens.check.number_input.setText(tracking)
        walk.screens.check.lookup_button.click()
        self.shot("check-my-application")
        self.kiosk.applicant.reset(keep_draft=False)
        walk.screens.start.language_buttons[self.language].click()
        walk.screens.start.clerk_button.click()
        self.kiosk.clerk.pin_screen.pin_input.setText(SCREENSHOT_PIN)
        self.kiosk.clerk.pin_screen.sign_in_button.click()
        self.shot("clerk")
        self.kiosk.applicant.reset(keep_draft=False)
        return self.saved


def render_all(out: Path, languages: tuple[str, ...] = ("zh_CN", "en")) -> Iterator[Path]:
    """Render the screens in each language into `out`; yields each file written."""
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    for language in languages:
        with tempfile.TemporaryDirectory() as data_dir:
            clock = FixedClock(SCREENSHOT_CLOCK)
            opened = open_database(Path(data_dir) / "kiosk.db", clock=clock)
            set_clerk_pin(opened.db, SCREENSHOT_PIN, clock)
            opened.db.conn.close()
            kiosk = build_kiosk(app, load_services(Path(data_dir), clock))
            kiosk.window.resize(*KIOSK_WINDOW_SIZE)
            kiosk.window.show()
            yield from ScreenshotTaker(kiosk, out, language).walk()
            kiosk.shut_down()
            kiosk.window.close()
            kiosk.window.deleteLater()
