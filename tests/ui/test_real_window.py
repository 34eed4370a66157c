"""The kiosk starts full screen in a real X window (Xvfb), as on a kiosk's screen.

Offscreen rendering skips the windowing system; this proves the xcb platform,
its libraries and the full-screen start work on the machine set-up installs.
"""

from __future__ import annotations

from pathlib import Path

from tests.ui.virtual_screen import kiosk_on_virtual_screen, wait_for_log_line

READY_LINE = "kiosk ready"


def test_kiosk_starts_full_screen_under_xvfb(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with kiosk_on_virtual_screen(data_dir) as kiosk:
        wait_for_log_line(kiosk, data_dir / "logs" / "kiosk.log", READY_LINE)
