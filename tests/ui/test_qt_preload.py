"""Qt's libraries loaded on another thread before PySide is imported (ui.qt_preload)."""

from __future__ import annotations

import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

from cli.kiosk_command import _starts_the_kiosk
from ui.input_method import INPUT_METHOD
from ui.qt_preload import qt_libraries

PROJECT = Path(__file__).resolve().parents[2]

PYSIDE_SPEC = find_spec("PySide6")
assert PYSIDE_SPEC is not None and PYSIDE_SPEC.submodule_search_locations
PYSIDE_DIR = Path(PYSIDE_SPEC.submodule_search_locations[0])

LOAD_THEN_LIST = """
import sys
from ui.qt_preload import start_loading_qt, wait_for_qt_libraries
start_loading_qt({"DISPLAY": ":0"})
wait_for_qt_libraries()
mapped = {line.split()[-1].rsplit("/", 1)[-1] for line in open("/proc/self/maps") if ".so" in line}
print(" ".join(sorted(mapped)))
print(" ".join(sorted(name for name in sys.modules if name.startswith(("PySide6", "shiboken6")))))
"""


def run_python(code: str, extra_path: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`code` in a fresh Python process of the project (nothing of Qt loaded yet)."""
    path = f"{extra_path}:{PROJECT}" if extra_path else str(PROJECT)
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env={"PYTHONPATH": path, "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_on_x11_the_kiosk_preloads_qt_the_x11_plugin_and_the_on_screen_keyboard() -> None:
    libraries = qt_libraries(PYSIDE_DIR, {"DISPLAY": ":0"})

    assert [path.name for path in libraries] == [
        "libQt6Widgets.so.6",
        "libqxcb.so",
        "libqtvirtualkeyboardplugin.so",
    ]
    assert all(path.is_file() for path in libraries)  # where this PySide6 keeps them


def test_the_platform_and_input_method_chosen_by_the_environment_are_followed() -> None:
    libraries = qt_libraries(
        PYSIDE_DIR, {"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen", "QT_IM_MODULE": "ibus"}
    )

    assert [path.name for path in libraries] == ["libQt6Widgets.so.6", "libqoffscreen.so"]
    assert qt_libraries(PYSIDE_DIR, {"QT_IM_MODULE": INPUT_METHOD})[-1].name == (
        "libqtvirtualkeyboardplugin.so"
    )


def test_the_libraries_and_fontconfig_are_loaded_before_pyside_is_imported() -> None:
    result = run_python(LOAD_THEN_LIST)

    mapped, pyside_modules = result.stdout.splitlines()
    assert result.returncode == 0, result.stderr
    assert {"libQt6Widgets.so.6", "libQt6Quick.so.6", "libqxcb.so"} <= set(mapped.split())
    assert any(name.startswith("libfontconfig.so") for name in mapped.split())
    assert pyside_modules == ""  # PySide itself is imported by the main thread, later
    assert result.stderr == ""


def test_a_pyside_without_those_libraries_leaves_them_to_qt_quietly(tmp_path: Path) -> None:
    (tmp_path / "PySide6").mkdir()
    (tmp_path / "PySide6" / "__init__.py").write_text("")

    result = run_python(LOAD_THEN_LIST, extra_path=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "libQt6Widgets.so.6" not in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("argv", "starts"),
    [
        ([], True),
        (["--windowed"], True),
        (["--data-dir", "/srv/kiosk"], True),
        (["demo", "--windowed"], True),
        (["screenshots"], False),
        (["stats"], False),
        (["--help"], False),
        (["demo", "--help"], False),
    ],
)
def test_only_a_start_of_the_kiosk_preloads_qt(argv: list[str], starts: bool) -> None:
    assert _starts_the_kiosk(argv) is starts
