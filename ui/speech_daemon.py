"""The speech-dispatcher daemon that reading aloud goes through: where it
listens, whether it answers, and starting it when it does not.

No Qt here: the set-up (`python -m ui.speech_daemon`) and `kiosk demo` start
the daemon before any window exists, and the kiosk asks whether it answers
before creating Qt's speechd engine (which, created without a daemon, aborts
the process at exit).
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

log = logging.getLogger(__name__)

DAEMON_COMMAND = ("speech-dispatcher", "--run-daemon", "--timeout", "0", "--log-level", "1")
"""Never shut down for lack of clients; log errors only (it still logs each voice
list a client asks for, about a megabyte per kiosk start)."""

PLAIN_LOCALES = ("", "C", "POSIX")
"""Locales under which espeak-ng fails; C.UTF-8 exists on every Debian."""

POLL_SECONDS = 0.2
GIVE_UP_AFTER_POLLS = 50


def speechd_socket() -> Path:
    """Where speech-dispatcher listens for this user (the same rule as libspeechd's)."""
    address = os.environ.get("SPEECHD_ADDRESS", "")
    if address.startswith("unix_socket:"):
        return Path(address.removeprefix("unix_socket:"))
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return Path(runtime) / "speech-dispatcher" / "speechd.sock"
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "speech-dispatcher" / "speechd.sock"


def speechd_answers(path: Path) -> bool:
    """Whether a speech-dispatcher daemon accepts connections on `path`.

    A socket file alone is not enough: a daemon that was killed leaves it behind.
    """
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


def speech_environment(environ: dict[str, str]) -> dict[str, str]:
    """`environ` with a real locale: espeak-ng errors under the plain C locale."""
    env = dict(environ)
    if env.get("LANG", "") in PLAIN_LOCALES:
        env["LANG"] = "C.UTF-8"
    env.pop("LC_ALL", None)
    return env


def start_speech_daemon() -> bool:
    """Make sure this user's daemon runs; True once it answers.

    Safe to call again: a daemon that already answers is left alone, so
    running the set-up or the demo twice starts one daemon.
    """
    if speechd_answers(speechd_socket()):
        return True
    if shutil.which(DAEMON_COMMAND[0]) is None:
        log.info("speech-dispatcher is not installed: no reading aloud")
        return False
    subprocess.run(
        DAEMON_COMMAND,
        env=speech_environment(dict(os.environ)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,  # "already running" (a race with another start) is fine too
    )
    for _ in range(GIVE_UP_AFTER_POLLS):
        if speechd_answers(speechd_socket()):
            return True
        time.sleep(POLL_SECONDS)
    log.warning("speech-dispatcher did not start: no reading aloud")
    return False


if __name__ == "__main__":
    sys.exit(0 if start_speech_daemon() else 1)
