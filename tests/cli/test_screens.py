"""The screen commands where there is no screen: a message, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

from tests.cli.test_kiosk_command import kiosk


def test_without_a_display_the_kiosk_explains_how_to_run_it(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }

    result = kiosk("--data-dir", str(tmp_path), env=env)

    assert result.returncode == 2
    assert "xvfb-run" in result.stderr
    assert "Traceback" not in result.stderr
