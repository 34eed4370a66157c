"""The `kiosk` command as a person at a terminal uses it (a real subprocess)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def kiosk(
    *args: str, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run `kiosk ARGS` the way the console script does."""
    return subprocess.run(
        [sys.executable, "-m", "cli.kiosk_command", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=env if env is not None else os.environ.copy(),
        input=stdin,
        check=False,
    )


LOADED_AFTER_PARSING = """
import sys
from cli.kiosk_command import _wants_tools, build_parser
argv = sys.argv[1:]
build_parser(with_tools=_wants_tools(argv)).parse_args(argv)
print(" ".join(sorted(name for name in sys.modules if name.split(".")[0] in
      ("cli", "ui", "sync", "printing", "central", "demo", "PySide6", "sqlite_utils", "numpy"))))
"""


def loaded_after_parsing(*argv: str) -> set[str]:
    """The project's modules (and Qt, sqlite-utils, numpy) that parsing `kiosk ARGV` imports."""
    result = subprocess.run(
        [sys.executable, "-c", LOADED_AFTER_PARSING, *argv],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        check=True,
    )
    return set(result.stdout.split())


def test_starting_the_kiosk_loads_no_terminal_tool() -> None:
    """Nor the storage and image libraries they bring: the first screen comes first."""
    loaded = loaded_after_parsing("--windowed")

    assert loaded == {"cli", "cli.common", "cli.kiosk_command", "cli.screens"}


def test_a_terminal_tool_loads_no_screen_code_and_no_qt() -> None:
    loaded = loaded_after_parsing("--json", "receipt", "X", "--out", "x.pdf")

    assert {"cli.receipt", "cli.security", "cli.stats"} <= loaded
    assert not {name for name in loaded if name.split(".")[0] in ("ui", "PySide6", "demo")}


def test_windowed_may_come_before_or_after_demo() -> None:
    from cli.kiosk_command import build_parser

    parser = build_parser(with_tools=False)
    for arguments in (["demo", "--windowed"], ["--windowed", "demo"]):
        parsed = parser.parse_args(arguments)
        assert parsed.command == "demo" and parsed.windowed, arguments
    assert not parser.parse_args(["demo"]).windowed
