"""The on-screen keyboard in a real X window (Xvfb): it comes up for text, in the
applicant's language, never over the field being typed into, and never for
the digits our own keypad types.

Qt Virtual Keyboard shows no panel offscreen, so each check runs a kiosk in
a child process on a virtual screen (tests/ui/virtual_keyboard_child.py) and
reads the lines it prints. The child leaves with os._exit once it has
reported: under Xvfb, Qt's teardown may abort after the work is done, which
says nothing about the keyboard.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.ui.virtual_screen import (
    PROJECT,
    kiosk_on_virtual_screen,
    on_virtual_screen,
    wait_for_log_line,
    window_environment,
)


def run_child(tmp_path: Path, *scenario: str) -> dict[str, list[dict[str, Any]]]:
    """Run one scenario under Xvfb; its reports, by check."""
    child = subprocess.run(
        on_virtual_screen(
            "-m", "tests.ui.virtual_keyboard_child", str(tmp_path / "data"), *scenario
        ),
        cwd=PROJECT,
        env=window_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    output = child.stdout + child.stderr
    assert "DONE" in child.stdout, output[-3000:]
    reports: dict[str, list[dict[str, Any]]] = {}
    for line in child.stdout.splitlines():
        if line.startswith("REPORT "):
            found = json.loads(line.removeprefix("REPORT "))
            reports.setdefault(found["check"], []).append(found)
    assert reports["input_method"] == [{"check": "input_method", "loaded": True}]
    return reports


@pytest.mark.parametrize(
    ("language", "elderly", "layout"),
    [
        ("zh_CN", False, "zh_CN"),
        ("en", False, "en_US"),
        ("ug", False, "ug_CN"),
        ("zh_CN", True, "zh_CN"),
        ("ug", True, "ug_CN"),
    ],
)
def test_keyboard_comes_up_for_text_and_leaves_the_field_in_view(
    tmp_path: Path, language: str, elderly: bool, layout: str
) -> None:
    scenario = ["text", language, *(["elderly"] if elderly else [])]
    reports = run_child(tmp_path, *scenario)
    # Put away, then brought back by a tap on the field ("after_tap").
    assert reports["hidden"] == [{"check": "hidden", "keyboard_visible": False}]
    for shown in reports["text_question"] + reports["after_tap"]:
        assert shown["keyboard_visible"], shown
        assert shown["focused"], shown
        assert shown["keyboard_locale"] == layout, shown
        assert shown["keyboard"][3] > 0, shown
        assert not shown["field_covered"], shown
        assert shown["field_in_window"], shown
        assert not shown["next_covered"], shown
    # Every key shows what it does (finding 13: Pinyin's separator key was blank).
    assert reports["keys"] == [{"check": "keys", "blank": []}]
    if language == "zh_CN":
        assert reports["middle_dot"] == [{"check": "middle_dot", "typed": "\u00b7"}]
    # "Are you still there?" is not hidden behind the keyboard.
    assert reports["idle"] == [{"check": "idle", "keyboard_visible": False}]


def test_digit_fields_keep_the_keypad_and_no_keyboard(tmp_path: Path) -> None:
    reports = run_child(tmp_path, "digits")
    assert reports["digits"] == [
        {"check": "digits", "keyboard_visible": False, "focused": True},
    ]


def test_uyghur_layout_types_uyghur_letters(tmp_path: Path) -> None:
    reports = run_child(tmp_path, "uyghur-typing")
    assert reports["uyghur_typing"] == [{"check": "uyghur_typing", "typed": "ئايگۈل"}]


def test_keyboard_follows_language_switches_and_resets(tmp_path: Path) -> None:
    reports = run_child(tmp_path, "switch")
    assert [(r["language"], r["keyboard_locale"]) for r in reports["switch"]] == [
        ("ug", "ug_CN"),
        ("en", "en_US"),
        ("zh_CN", "zh_CN"),
        ("reset", "zh_CN"),
    ]
    # Nothing typed for the last applicant stays on screen in the keyboard either.
    assert reports["after_reset"] == [{"check": "after_reset", "keyboard_visible": False}]
    layouts = reports["switched_layout"]
    assert layouts[0] == {"check": "switched_layout", "language": "ug", "has_uyghur_keys": True}
    assert layouts[1] == {"check": "switched_layout", "language": "en", "has_latin_keys": True}


LOADED_LINE = "on-screen keyboard: Qt Virtual Keyboard loaded"
LANGUAGE_LINE = "on-screen keyboard: zh_CN for zh_CN"
"""Logged once the keyboard follows the default language (just after the kiosk is ready)."""


def test_kiosk_starts_with_the_virtual_keyboard(tmp_path: Path) -> None:
    """`kiosk` itself chooses the keyboard, and its log says Qt really loaded it."""
    data_dir = tmp_path / "data"
    with kiosk_on_virtual_screen(data_dir, "--windowed") as kiosk:
        log = wait_for_log_line(kiosk, data_dir / "logs" / "kiosk.log", LANGUAGE_LINE)
        assert LOADED_LINE in log
