"""The kiosk starts full screen in a real X window (Xvfb), as on a kiosk's screen.

Offscreen rendering skips the windowing system; this proves the xcb platform,
its libraries and the full-screen start work on the machine set-up installs.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

READY_LINE = "kiosk ready"
POLL_SECONDS = 0.2
GIVE_UP_AFTER_POLLS = 300  # a generous bound on a shared machine, not a performance target


def test_kiosk_starts_full_screen_under_xvfb(tmp_path: Path) -> None:
    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run is not None, "xvfb-run is installed by ./setup.sh (package xvfb)"
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    env["QT_QPA_PLATFORM"] = "xcb"
    data_dir = tmp_path / "data"
    kiosk = subprocess.Popen(
        [
            xvfb_run,
            "-a",
            "-s",
            "-screen 0 1280x800x24",
            sys.executable,
            "-m",
            "ui.main",
            "--data-dir",
            str(data_dir),
        ],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    log = data_dir / "logs" / "kiosk.log"
    try:
        for _ in range(GIVE_UP_AFTER_POLLS):
            if log.exists() and READY_LINE in log.read_text(encoding="utf-8"):
                break
            if kiosk.poll() is not None:
                break
            time.sleep(POLL_SECONDS)
        assert kiosk.poll() is None, kiosk.communicate()[0]
        assert READY_LINE in log.read_text(encoding="utf-8")
    finally:
        os.killpg(kiosk.pid, signal.SIGTERM)
        kiosk.wait()
