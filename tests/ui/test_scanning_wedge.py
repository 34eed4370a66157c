"""Hand-held scanners typing like keyboards: scanner bursts against a fast human typist."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.scanning.bursts import BurstDetector, BurstRules
from ui.scanning.wedge import WedgeRecogniser

CODE = "NCFOXN%TS3DH0YOJ58S S-W5HDC *M0II5XHC9B5G2+$N IOP-IA%CPQN%"
HUMAN_GAPS_MS = (95, 140, 180, 110, 25, 130, 160, 90, 210, 30, 120)
"""A fast typist: mostly 90–210 ms between keys, with the odd 25–30 ms finger roll."""


def scanner_gaps(count: int, seed: int = 7) -> list[int]:
    """Scanner timing: 1–12 ms between keys, jittered by the USB polling interval."""
    rng = random.Random(seed)
    return [rng.randint(1, 12) for _ in range(count)]


def type_with_gaps(detector: BurstDetector, text: str, gaps: list[int]) -> tuple[list[str], int]:
    """Feed keys with the given gaps; the keys released for typing, and the last time."""
    at, released = 1_000, []
    for char, gap in zip(text, gaps, strict=False):
        at += gap
        released += detector.key(char, at)
    return released, at


def test_a_scanner_burst_ending_in_enter_is_a_scan() -> None:
    detector = BurstDetector()
    released, at = type_with_gaps(detector, CODE, scanner_gaps(len(CODE)))
    assert released == []
    assert detector.enter(at + 8) == CODE
    assert not detector.holding


def test_a_long_dense_code_is_one_scan() -> None:
    code = (CODE * 25)[:1_200]
    detector = BurstDetector()
    released, at = type_with_gaps(detector, code, scanner_gaps(len(code)))
    assert released == [] and detector.enter(at + 5) == code


def test_a_fast_typist_is_never_taken_for_a_scanner() -> None:
    detector = BurstDetector()
    text = "11010519491"
    released, at = type_with_gaps(detector, text, list(HUMAN_GAPS_MS))
    assert detector.enter(at + 150) is None
    assert "".join(released + detector.release()) == text


def test_a_quick_roll_followed_by_enter_is_typing() -> None:
    detector = BurstDetector()
    released, at = type_with_gaps(detector, "12", [100, 20])
    assert detector.enter(at + 20) is None  # too short for a scan
    assert released + detector.release() == ["1", "2"]


def test_a_burst_that_stops_without_enter_is_given_back() -> None:
    detector = BurstDetector(BurstRules(max_gap_ms=35))
    released, at = type_with_gaps(detector, "ABCDEFGH", scanner_gaps(8))
    assert released == []
    more = detector.key("Z", at + 500)  # a pause ends the burst
    assert more == list("ABCDEFGH")
    assert detector.release() == ["Z"]


@pytest.fixture
def field(qtbot: QtBot) -> Iterator[QLineEdit]:
    window = QWidget()
    qtbot.addWidget(window)
    line = QLineEdit()
    QVBoxLayout(window).addWidget(line)
    window.show()
    window.activateWindow()
    line.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is line)
    yield line  # the window stays referenced here for the whole test
    window.close()


def press(target: QWidget, text: str, at_ms: int, key: Qt.Key | None = None) -> None:
    code = key if key is not None else Qt.Key(ord(text.upper()[0]))
    event = QKeyEvent(QEvent.Type.KeyPress, code, Qt.KeyboardModifier.NoModifier, text)
    event.setTimestamp(at_ms)
    QCoreApplication.sendEvent(target, event)
    release = QKeyEvent(QEvent.Type.KeyRelease, code, Qt.KeyboardModifier.NoModifier, text)
    release.setTimestamp(at_ms + 1)
    QCoreApplication.sendEvent(target, release)


def test_a_scan_never_reaches_the_focused_field(qtbot: QtBot, field: QLineEdit) -> None:
    wedge = WedgeRecogniser()
    wedge.install()
    try:
        at = 10_000
        with qtbot.waitSignal(wedge.scanned) as scanned:
            for char, gap in zip(CODE, scanner_gaps(len(CODE)), strict=True):
                at += gap
                press(field, char, at)
            press(field, "\r", at + 6, Qt.Key.Key_Return)
        assert scanned.args == [CODE]
        assert field.text() == ""
    finally:
        wedge.remove()


def test_a_person_typing_still_types(qtbot: QtBot, field: QLineEdit) -> None:
    wedge = WedgeRecogniser()
    wedge.install()
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    try:
        at = 20_000
        for char, gap in zip("1101051949", HUMAN_GAPS_MS, strict=False):
            at += gap
            press(field, char, at)
        qtbot.waitUntil(lambda: field.text() == "1101051949")
        press(field, "\r", at + 300, Qt.Key.Key_Return)
        assert scans == []
    finally:
        wedge.remove()


def test_removing_the_wedge_types_what_it_held(qtbot: QtBot, field: QLineEdit) -> None:
    wedge = WedgeRecogniser()
    wedge.install()
    press(field, "7", 30_000)
    wedge.remove()
    assert field.text() == "7"
    press(field, "8", 30_005)
    assert field.text() == "78"  # no longer filtered
