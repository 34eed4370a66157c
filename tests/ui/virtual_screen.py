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
FIRST_SERVER_NUMBER = 99
"""xvfb-run's own default: where a run of the suite in one process looks for a free screen."""
SERVER_NUMBERS_PER_WORKER = 100


def first_server_number(worker: str | None = None) -> int:
    """The display number from which this test process looks for a free one.

    `xvfb-run -a` takes the first number without a lock file in /tmp, then
    starts Xvfb on it: two processes that look at the same moment pick the
    same number, and one server fails to start. Each pytest-xdist worker
    (PYTEST_XDIST_WORKER: gw0, gw1, ...) therefore starts its search in a
    range of its own; within a worker the tests run one at a time.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "") if worker is None else worker
    index = int(worker[2:]) if worker.startswith("gw") and worker[2:].isdigit() else 0
    return FIRST_SERVER_NUMBER + index * SERVER_NUMBERS_PER_WORKER


def on_virtual_screen(*python_arguments: str) -> list[str]:
    """A command running this Python with `python_arguments` on a fresh Xvfb screen."""
    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run is not None, "xvfb-run is installed by ./setup.sh (package xvfb)"
    # -n before -a: xvfb-run searches upward from the number it has when it reads -a.
    number = str(first_server_number())
    return [xvfb_run, "-n", number, "-a", "-s", SCREEN, sys.executable, *python_arguments]


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
