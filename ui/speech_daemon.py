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
ANSWER_SECONDS = 5.0
"""How long a working daemon may take to list its voices (it takes well under one)."""


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


def speechd_lists_voices(path: Path, timeout: float = ANSWER_SECONDS) -> bool:
    """Whether the daemon on `path` lists its voices within `timeout` seconds.

    A daemon whose speech module hangs (it once failed to open the audio
    output) still accepts connections but never answers; Qt's engine would
    then wait for ever for its voice list. Asked in its own protocol (SSIP):
    a client name, then the voice list, each answered by a final ``2xx`` line.
    """
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(timeout)
            client.connect(str(path))
            for command in (b"SET SELF CLIENT_NAME kiosk:kiosk:check", b"LIST SYNTHESIS_VOICES"):
                client.sendall(command + b"\r\n")
                if not _final_reply(client).startswith(b"2"):
                    return False
            client.sendall(b"QUIT\r\n")
    except OSError:  # refused, or no answer in time
        return False
    return True


def _final_reply(client: socket.socket) -> bytes:
    """Read an SSIP reply up to its final line (``NNN text``; earlier lines are ``NNN-``)."""
    received = b""
    while True:
        chunk = client.recv(65536)
        if not chunk:
            raise ConnectionError("speech-dispatcher closed the connection")
        received += chunk
        lines = received.split(b"\r\n")
        for line in lines[:-1]:
            if len(line) > 3 and line[:3].isdigit() and line[3:4] == b" ":
                return line


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
