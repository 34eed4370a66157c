"""The start screen is usable before the screens behind it are built."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.clock import FixedClock
from kiosk.config import DataPaths
from kiosk.services import load_services
from tests.ui.conftest import settle_kiosk
from ui.app import KIOSK_WINDOW_SIZE, Kiosk, KioskShell, build_shell

FIRST_PAINT_PROBE = """
import os, sys
from importlib.metadata import entry_points
import ui.app
def report_then_exit(widget, then):
    ui.app._FirstPaint(widget, lambda: (print(*sorted(sys.modules), flush=True), os._exit(0)))
ui.app.after_first_paint = report_then_exit
(kiosk,) = entry_points(group="console_scripts", name="kiosk")
kiosk.load()(["--data-dir", sys.argv[1], "--windowed"])
"""
"""Starts the `kiosk` command and prints the modules loaded when its first screen is painted."""

QT_NAMESPACE_PROBE = """
import enum, os, sys
from importlib.metadata import entry_points
made = []
create = enum.EnumType._create_
def recorded(cls, name, *arguments, **options):
    made.append(name)
    return create(cls, name, *arguments, **options)
enum.EnumType._create_ = recorded
import ui.app
def report_then_exit(widget, then):
    ui.app._FirstPaint(widget, lambda: (print(*made, flush=True), os._exit(0)))
ui.app.after_first_paint = report_then_exit
(kiosk,) = entry_points(group="console_scripts", name="kiosk")
kiosk.load()(["--data-dir", sys.argv[1]])
"""
"""Starts the `kiosk` command, full screen and locked down, and prints the names of the
Python enums PySide made by the time its first screen is painted."""

KEPT_OFF_THE_FIRST_SCREEN = (
    "sqlite_utils",  # and numpy, which it imports: the database is opened after the first frame
    "numpy",
    "cryptography",
    "argon2",
    "reportlab",
    "cv2",
    "zxingcpp",
    "requests",
    "kiosk.store",
    "kiosk.storage",
    "kiosk.forms.form_parser",  # the form checks: the tiles need only the titles
    "kiosk.forms.expressions",
    "kiosk.forms.wizard",
    "sync",
    "printing",
    "PySide6.QtMultimedia",
    "PySide6.QtTextToSpeech",
    "PySide6.QtCharts",
    "PySide6.QtQml",
    "ui.virtual_keyboard",  # the keyboard's settings: the input method is chosen apart
    "ui.kiosk_parts",  # made when the kiosk is completed, after the first paint
    "kiosk.forms.regions",  # addresses: read when first asked for
    "kiosk.tracking",  # tracking numbers (the configuration checks only the kiosk code)
)
"""What the start screen does without; each took tens to hundreds of milliseconds
off the first frame when it was imported before it (docs/BENCHMARKS.md)."""


def test_the_kiosk_command_paints_its_first_screen_before_loading_the_rest(
    data_dir: Path,
) -> None:
    probe = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_PROBE, str(data_dir)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    loaded = set(probe.stdout.split())
    assert "ui.screens.start" in loaded, probe.stderr[-2000:]  # the probe saw the first paint

    assert sorted(loaded.intersection(KEPT_OFF_THE_FIRST_SCREEN)) == []


def test_the_kiosk_command_paints_its_first_screen_before_building_the_qt_namespace(
    data_dir: Path,
) -> None:
    probe = subprocess.run(
        [sys.executable, "-c", QT_NAMESPACE_PROBE, str(data_dir)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    made = set(probe.stdout.split())
    assert "Type" in made, probe.stderr[-2000:]  # (QEvent's) the probe saw the first paint

    # Three of the 93 enum types of `Qt`, which PySide makes all at once (ui.qt_names),
    # the one the start screen's finger scrolling would make first, and a line edit's
    # (the start screen has none to type into).
    kept_off = {"AlignmentFlag", "WindowType", "Key", "GestureType", "EchoMode"}
    assert sorted(made.intersection(kept_off)) == []


def started_without_events(
    data_dir: Path, clock: FixedClock, qtbot: QtBot, speech_engine: str | None = None
) -> Kiosk:
    """A kiosk right after `complete()`, before its event loop has run once; its speech
    engine, if any, comes up in the background as on the real start."""
    return shown_shell(data_dir, clock, qtbot, speech_engine).complete()


def shown_shell(
    data_dir: Path, clock: FixedClock, qtbot: QtBot, speech_engine: str | None = None
) -> KioskShell:
    """The window with its start screen, shown, as the first paint has it."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    services = load_services(data_dir, clock)
    shell = build_shell(app, services, speech_engine, speech_in_background=True)
    qtbot.addWidget(shell.window)
    shell.window.resize(*KIOSK_WINDOW_SIZE)
    shell.window.show()
    return shell


def test_a_kiosk_taking_nothing_before_enrolment_offers_nothing_until_it_knows(
    data_dir: Path, clock: FixedClock, qtbot: QtBot
) -> None:
    DataPaths(data_dir).config.write_text("applications_before_enrolment = false\n")
    shell = shown_shell(data_dir, clock, qtbot)
    start = shell.start
    # As first painted, before the database is read: no tap can start an application.
    assert not any(tile.isVisible() for tile in start.service_tiles.values())
    assert not start.check_button.isVisible()
    assert not start.setting_up.isVisible()  # nothing said before it is known
    assert start.clerk_button.isVisible()

    kiosk = shell.complete()
    try:
        settle_kiosk(qtbot, kiosk)
        assert start.setting_up.isVisible()  # not enrolled: now it says so
        assert not any(tile.isVisible() for tile in start.service_tiles.values())
    finally:
        kiosk.shut_down()


def test_the_screens_behind_the_start_screen_are_built_when_the_kiosk_is_idle(
    data_dir: Path, clock: FixedClock, qtbot: QtBot
) -> None:
    kiosk = started_without_events(data_dir, clock, qtbot)
    try:
        assert kiosk.window.stack.count() == 1  # only the start screen so far
        settle_kiosk(qtbot, kiosk)
        assert kiosk.window.stack.count() > 1
    finally:
        kiosk.shut_down()


def test_the_screens_behind_the_start_screen_are_built_one_per_idle_turn(
    data_dir: Path, clock: FixedClock, qtbot: QtBot
) -> None:
    kiosk = started_without_events(data_dir, clock, qtbot)
    try:
        QApplication.processEvents()  # one turn of the event loop: one step
        after_one_turn = kiosk.window.stack.count()
        assert after_one_turn <= 2  # the start screen, and at most one more
        assert not kiosk.built

        settle_kiosk(qtbot, kiosk)  # the others follow, turn by turn
        assert kiosk.window.stack.count() > after_one_turn + 1
    finally:
        kiosk.shut_down()


def test_a_tile_tapped_before_the_flows_exist_starts_the_service(
    data_dir: Path, clock: FixedClock, qtbot: QtBot
) -> None:
    kiosk = started_without_events(data_dir, clock, qtbot)
    try:
        tile = kiosk.start.service_tiles["rural-pension-enrolment"]
        tile.click()

        assert kiosk.window.current_screen() is kiosk.applicant.screens.identify
        session = kiosk.applicant.session
        assert session is not None and session.form.id == "rural-pension-enrolment"
    finally:
        kiosk.shut_down()


def test_a_toggle_tapped_before_the_flows_exist_takes_effect_once(
    data_dir: Path, clock: FixedClock, qtbot: QtBot
) -> None:
    kiosk = started_without_events(data_dir, clock, qtbot)
    try:
        kiosk.start.contrast_button.click()

        assert kiosk.parts.presentation.high_contrast
        assert kiosk.start.contrast_button.isChecked()
        settle_kiosk(qtbot, kiosk)
        assert kiosk.parts.presentation.high_contrast
    finally:
        kiosk.shut_down()


def test_a_speech_engine_coming_up_in_the_background_offers_reading_aloud_once_ready(
    data_dir: Path, clock: FixedClock, qtbot: QtBot
) -> None:
    kiosk = started_without_events(data_dir, clock, qtbot, speech_engine="mock")
    try:
        start = kiosk.start
        speaker = kiosk.parts.speaker
        start.language_buttons["en"].click()  # Qt's mock engine has English voices only
        if speaker.engine is None:
            assert not start.read_button.isVisible()  # nothing offered before the engine is up
            assert start.larger_text_button.text() == "Larger text"
            with qtbot.waitSignal(speaker.ready, timeout=20_000):
                pass

        assert speaker.engine is not None
        assert speaker.engine.thread() is QApplication.instance().thread()  # type: ignore[union-attr]
        assert start.read_button.isVisible()
        assert start.larger_text_button.text() == "Larger text, read aloud"
    finally:
        kiosk.shut_down()


def test_completed_when_idle_a_tile_tapped_before_then_completes_the_kiosk_and_is_not_lost(
    data_dir: Path, clock: FixedClock, qtbot: QtBot
) -> None:
    shell = shown_shell(data_dir, clock, qtbot)
    completed: list[Kiosk] = []
    shell.complete_when_idle(completed.append)
    assert completed == []  # put off until the events waiting now are handled

    shell.start.service_tiles["rural-pension-enrolment"].click()  # a tap before then
    try:
        assert len(completed) == 1
        (kiosk,) = completed
        assert kiosk.window.current_screen() is kiosk.applicant.screens.identify
        settle_kiosk(qtbot, kiosk)
        assert completed == [kiosk]  # completed once, not again on its idle turn
    finally:
        for made in completed:
            made.shut_down()


def test_completed_when_idle_the_kiosk_is_built_without_a_tap(
    data_dir: Path, clock: FixedClock, qtbot: QtBot
) -> None:
    shell = shown_shell(data_dir, clock, qtbot)
    completed: list[Kiosk] = []
    built: list[Kiosk] = []
    shell.complete_when_idle(completed.append, when_built=built.append)
    try:
        qtbot.waitUntil(lambda: len(built) == 1, timeout=30_000)  # a bound, not a target
        assert completed == built
        assert built[0].window.stack.count() > 1
    finally:
        for made in completed:
            made.shut_down()


def test_the_start_screen_takes_the_finger_once_the_kiosk_is_completed(
    data_dir: Path, clock: FixedClock, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QScroller

    shell = shown_shell(data_dir, clock, qtbot)
    viewport = shell.start.body_scroll.viewport()
    qtbot.waitExposed(shell.window)
    for _ in range(3):
        QApplication.processEvents()  # painted: any other area would take it now
    assert not QScroller.hasScroller(viewport)

    kiosk = shell.complete()
    try:
        settle_kiosk(qtbot, kiosk)
        assert QScroller.hasScroller(viewport)
    finally:
        kiosk.shut_down()
