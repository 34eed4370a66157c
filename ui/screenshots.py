"""Render every screen of the applicant's and the clerk's path, in each
language, to PNG files (offscreen, no display needed).

    kiosk screenshots --out docs/screenshots

A fresh data directory in a temporary folder is used, with a fixed clock so
that the pictures do not change from one run to the next.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from kiosk.clock import FixedClock
from kiosk.services import load_services
from kiosk.store import open_database
from ui.app import KIOSK_WINDOW_SIZE, Kiosk, build_kiosk
from ui.screen_tour import ScreenTour, TourPlan, add_tour_staff

SCREENSHOT_CLOCK = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)
SCREENSHOT_SERVICE = "minimum-living-allowance"
SCREENSHOT_LANGUAGES = ("zh_CN", "en", "ug")

TOUR_CONFIG = """\
languages = ["zh_CN", "en", "ug"]
township = { zh_CN = "龙泉镇", en = "Longquan Township", ug = "لۇڭچۈەن بازىرى" }
"""
"""A kiosk offering every shipped language, for tours and screenshots."""

SCREENSHOT_CONFIG = TOUR_CONFIG + "inactivity_seconds = 3600\n"
"""The screenshots' kiosk: a tour presses buttons, not the screen, so on a slow
machine the idle reset (90 s after the last touch) cut it short mid-form."""


LAYOUT_PASSES = 4
"""Event-loop turns after the work is done: a button that wraps asks for more
height, which lays out its row again, which may wrap another one."""


def settle(kiosk: Kiosk, with_receipts: bool = False) -> None:
    """Let the screens be built, queued storage work finish, its results reach
    the screens, and the layouts come to rest.

    With `with_receipts`, also the receipts queued meanwhile, printed or found
    unprintable: the confirmation screen's note about the printer comes from
    that outcome, and screenshots and the screen audit draw it every time,
    not only when the printing lane happened to be quicker than the grab.
    """
    app = QApplication.instance()
    assert app is not None
    operations = kiosk.operations
    lanes = (operations.storage, operations.printing) if with_receipts else (operations.storage,)
    for _ in range(200):
        app.processEvents()
        if kiosk.built and not any(lane.pending() for lane in lanes):
            break
        for lane in lanes:
            lane.wait_for_idle(50)
    for _ in range(LAYOUT_PASSES):
        app.processEvents()


def tour_kiosk(plans: Iterable[TourPlan], visit: Callable[[Kiosk, TourPlan, str], None]) -> None:
    """Run tours on a fresh kiosk in a temporary data directory, one after another."""
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as data_dir:
        clock = FixedClock(SCREENSHOT_CLOCK)
        opened = open_database(Path(data_dir) / "kiosk.db", clock=clock)
        add_tour_staff(opened.db, clock)
        opened.db.conn.close()
        (Path(data_dir) / "kiosk.toml").write_text(SCREENSHOT_CONFIG, encoding="utf-8")
        kiosk = build_kiosk(app, load_services(Path(data_dir), clock))
        kiosk.window.resize(*KIOSK_WINDOW_SIZE)
        kiosk.window.show()
        tour = ScreenTour(kiosk, lambda: settle(kiosk, with_receipts=True))
        try:
            for plan in plans:
                tour.run(plan, partial(visit, kiosk, plan))
        finally:
            kiosk.shut_down()
            kiosk.window.close()
            kiosk.window.deleteLater()


def screenshot_prefix(plan: TourPlan) -> str:
    """What every picture of one tour's file name starts with: language, then look."""
    theme = "contrast-" if plan.high_contrast else ""
    return f"{plan.language}-{theme}"


def screenshot_file_name(plan: TourPlan, number: int, screen: str) -> str:
    """``zh_CN-20-clerk.png``: the tour, the screen's place in it, and its name.

    The guides embed these names, and their test checks each one against a tour.
    """
    return f"{screenshot_prefix(plan)}{number:02d}-{screen}.png"


def render_all(out: Path, languages: Sequence[str] = SCREENSHOT_LANGUAGES) -> list[Path]:
    """Render the screens in each language and theme into `out`; the files written."""
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def save(kiosk: Kiosk, plan: TourPlan, name: str) -> None:
        prefix = screenshot_prefix(plan)
        number = sum(1 for path in saved if path.name.startswith(prefix))
        path = out / screenshot_file_name(plan, number + 1, name)
        # 256 colours keep antialiased text sharp and the files small.
        image = kiosk.window.grab().toImage()
        image.convertToFormat(QImage.Format.Format_Indexed8).save(str(path))
        saved.append(path)

    plans = [
        TourPlan(SCREENSHOT_SERVICE, language, high_contrast=contrast)
        for language in languages
        for contrast in (False, True)
    ]
    tour_kiosk(plans, save)
    return saved
