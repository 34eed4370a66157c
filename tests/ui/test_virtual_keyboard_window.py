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
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

PROJECT = Path(__file__).resolve().parents[2]
SCREEN = "-screen 0 1280x800x24"


def on_virtual_screen(*python_arguments: str) -> list[str]:
    """A command running this Python with `python_arguments` on a fresh Xvfb screen."""
    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run is not None, "xvfb-run is installed by ./setup.sh (package xvfb)"
    return [xvfb_run, "-a", "-s", SCREEN, sys.executable, *python_arguments]


def window_environment() -> dict[str, str]:
    """This environment, minus what would keep Qt offscreen or choose another input method."""
    return {
        key: value
        for key, value in os.environ.items()
        if key not in ("QT_QPA_PLATFORM", "QT_IM_MODULE")
    }


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
    layouts = reports["switched_layout"]
    assert layouts[0] == {"check": "switched_layout", "language": "ug", "has_uyghur_keys": True}
    assert layouts[1] == {"check": "switched_layout", "language": "en", "has_latin_keys": True}


LOADED_LINE = "on-screen keyboard: Qt Virtual Keyboard loaded"
LANGUAGE_LINE = "on-screen keyboard: zh_CN for zh_CN"
"""Logged once the keyboard follows the default language (just after the kiosk is ready)."""
POLL_SECONDS = 0.2
GIVE_UP_AFTER_POLLS = 300  # a generous bound on a shared machine, not a performance target


def test_kiosk_starts_with_the_virtual_keyboard(tmp_path: Path) -> None:
    """`kiosk` itself chooses the keyboard, and its log says Qt really loaded it."""
    data_dir = tmp_path / "data"
    kiosk = subprocess.Popen(
        on_virtual_screen("-m", "ui.main", "--data-dir", str(data_dir), "--windowed"),
        cwd=PROJECT,
        env=window_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    log = data_dir / "logs" / "kiosk.log"
    try:
        for _ in range(GIVE_UP_AFTER_POLLS):
            if log.exists() and LANGUAGE_LINE in log.read_text(encoding="utf-8"):
                break
            if kiosk.poll() is not None:
                break
            time.sleep(POLL_SECONDS)
        assert kiosk.poll() is None, kiosk.communicate()[0]
        text = log.read_text(encoding="utf-8")
        assert LOADED_LINE in text
        assert LANGUAGE_LINE in text
    finally:
        os.killpg(kiosk.pid, signal.SIGTERM)
        kiosk.wait()
