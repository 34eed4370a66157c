"""The kiosk, or a script driving it, in a child process on a virtual X screen (Xvfb).

Offscreen rendering skips the windowing system; these run the real thing
(the xcb platform, full-screen windows, the on-screen keyboard's own window).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
SCREEN = "-screen 0 1280x800x24"
POLL_SECONDS = 0.2
GIVE_UP_AFTER_POLLS = 300  # a generous bound on a shared machine, not a performance target


def on_virtual_screen(*python_arguments: str) -> list[str]:
    """A command running this Python with `python_arguments` on a fresh Xvfb screen."""
    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run is not None, "xvfb-run is installed by ./setup.sh (package xvfb)"
    return [xvfb_run, "-a", "-s", SCREEN, sys.executable, *python_arguments]


NO_SPEECH_DISPATCHER = f"unix_socket:{PROJECT / 'tests' / 'no-speech-dispatcher' / 'speechd.sock'}"
"""Where no speech-dispatcher listens: the kiosks these tests start read nothing aloud,
and neither use nor restart the machine's daemon (tests/ui/private_speechd.py)."""


def window_environment() -> dict[str, str]:
    """This environment, minus what would keep Qt offscreen or choose another input
    method, and with no speech-dispatcher."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("QT_QPA_PLATFORM", "QT_IM_MODULE")
    }
    env["SPEECHD_ADDRESS"] = NO_SPEECH_DISPATCHER
    return env


@contextmanager
def kiosk_on_virtual_screen(data_dir: Path, *options: str) -> Iterator[subprocess.Popen[str]]:
    """`kiosk --data-dir DATA_DIR OPTIONS` running until the block ends."""
    kiosk = subprocess.Popen(
        on_virtual_screen("-m", "cli.kiosk_command", "--data-dir", str(data_dir), *options),
        cwd=PROJECT,
        env=window_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        yield kiosk
    finally:
        os.killpg(kiosk.pid, signal.SIGTERM)
        kiosk.wait()


def wait_for_log_line(kiosk: subprocess.Popen[str], log: Path, line: str) -> str:
    """The kiosk's log once `line` is in it; fails with the kiosk's output if it stopped."""
    for _ in range(GIVE_UP_AFTER_POLLS):
        if log.exists() and line in log.read_text(encoding="utf-8"):
            break
        if kiosk.poll() is not None:
            break
        time.sleep(POLL_SECONDS)
    assert kiosk.poll() is None, kiosk.communicate()[0]
    text = log.read_text(encoding="utf-8")
    assert line in text
    return text
