"""The speech-dispatcher daemon that reading aloud goes through: where it
listens, whether it answers, starting it when it does not, and restarting
the one the kiosk started when its speech module has died.

No Qt here: the set-up (`python -m ui.speech_daemon`) and `kiosk demo` start
the daemon before any window exists, and the kiosk asks whether it answers
before creating Qt's speechd engine (which, created without a daemon, aborts
the process at exit).

Why a speech module dies while its daemon lives on: speech-dispatcher starts
its modules (``sd_espeak-ng``...) before it turns itself into a daemon, so
they stay in the process group and session of whatever started it, while the
daemon leaves them. A Ctrl-C in the terminal that ran ``./setup.sh demo``, a
closed terminal, or a supervisor stopping the set-up's process group then
kills the modules and not the daemon, which never starts them again: it
answers "321 ERR MODULE CANT REPORT VOICES", logs "Can't list voices for
module espeak-ng", and falls back to its dummy module. So the daemon is
started here in a session of its own, and the kiosk restarts the daemon it
started (:func:`restart_speech_daemon`) when reading aloud fails anyway.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

log = logging.getLogger(__name__)

DAEMON_OPTIONS = ("--run-daemon", "--timeout", "0", "--log-level", "1")
"""Never shut down for lack of clients; log errors only (it still logs each voice
list a client asks for, about a megabyte per kiosk start)."""

PLAIN_LOCALES = ("", "C", "POSIX")
"""Locales under which espeak-ng fails; C.UTF-8 exists on every Debian."""

POLL_SECONDS = 0.2
GIVE_UP_AFTER_POLLS = 50
ANSWER_SECONDS = 5.0
"""How long a working daemon may take to list its voices (it takes well under one)."""

OWN_DAEMON_RECORD = "kiosk-daemon"
"""In the daemon's folder: the daemon the kiosk started (its process id and its
modules' process group), so that only that one is ever restarted."""
START_LOCK = "kiosk-start.lock"
"""In the daemon's folder: held while starting, so that two starts at once
(two set-ups, a set-up and a kiosk) make one daemon, not two."""
LOG_FILE = "speech-dispatcher.log"
"""The daemon's own log, in the ``log`` folder beside its socket; the previous
daemon's is kept as ``speech-dispatcher.log.old`` (it grows by about a megabyte
per kiosk start, so each start by the kiosk begins a new one)."""


class Restart(StrEnum):
    """What :func:`restart_speech_daemon` did."""

    RESTARTED = "restarted"
    """The kiosk's daemon was stopped (if it still ran) and a new one answers."""
    NOT_OURS = "not_ours"
    """The daemon was not started by the kiosk (or none was): left alone."""
    DID_NOT_START = "did_not_start"
    """The kiosk's daemon was stopped, but no new one answered."""


@dataclass(frozen=True)
class OwnDaemon:
    """The daemon the kiosk started, as recorded beside its socket."""

    pid: int
    modules_group: int
    """The process group its speech modules stayed in (the first process's id)."""


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


def speech_folder() -> Path:
    """The daemon's folder: its socket, pid file and log, and the kiosk's record of it."""
    return speechd_socket().parent


def daemon_command(folder: Path) -> tuple[str, ...]:
    """speech-dispatcher as the kiosk runs it, its pid file and log in `folder`
    (where it puts them by default, named so that the kiosk knows where to look)."""
    return (
        "speech-dispatcher",
        *DAEMON_OPTIONS,
        "--pid-file",
        str(folder / "speech-dispatcher.pid"),
        "--log-dir",
        str(folder / "log"),
    )


def start_speech_daemon() -> bool:
    """Make sure this user's daemon runs; True once it answers.

    Safe to call again, and from two processes at once: a daemon that already
    answers is left alone, so running the set-up or the demo twice starts one
    daemon.
    """
    if speechd_answers(speechd_socket()):
        return True
    if shutil.which("speech-dispatcher") is None:
        log.info("speech-dispatcher is not installed: no reading aloud")
        return False
    with _start_lock():
        started = speechd_answers(speechd_socket()) or _start()
    if not started:
        log.warning("speech-dispatcher did not start: no reading aloud")
    return started


def restart_speech_daemon() -> Restart:
    """Stop the daemon the kiosk started and start a new one (blocks for seconds:
    call it from a background lane).

    Only the kiosk's own daemon is touched: one that answers on the socket but
    was started by someone else (a desktop session, a person at a terminal)
    is left alone. A daemon of the kiosk's that is gone altogether is started
    again.
    """
    if own_daemon() is None:  # asked first: the lock would make the daemon's folder
        return Restart.NOT_OURS
    with _start_lock():
        own = own_daemon()  # again: another kiosk may have restarted it meanwhile
        if own is None:
            return Restart.NOT_OURS
        running = _pid_in(speech_folder() / "speech-dispatcher.pid")
        ours_runs = running == own.pid and _is_daemon(own.pid)
        if speechd_answers(speechd_socket()) and not ours_runs:
            return Restart.NOT_OURS  # another daemon took the socket meanwhile
        _stop(own)
        return Restart.RESTARTED if _start() else Restart.DID_NOT_START


def own_daemon() -> OwnDaemon | None:
    """The daemon the kiosk started last for this user, as recorded; None when none was."""
    try:
        pid, group = (
            int(word) for word in (speech_folder() / OWN_DAEMON_RECORD).read_text().split()
        )
    except (OSError, ValueError):
        return None
    return OwnDaemon(pid, group)


@contextmanager
def _start_lock() -> Iterator[None]:
    folder = speech_folder()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with (folder / START_LOCK).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _start() -> bool:
    """Start the daemon in a session of its own, wait until it answers, record it (lock held)."""
    folder = speech_folder()
    (folder / "log").mkdir(mode=0o700, exist_ok=True)  # given its folder, it makes none
    _keep_previous_log(folder / "log" / LOG_FILE)
    first = subprocess.Popen(
        daemon_command(folder),
        env=speech_environment(dict(os.environ)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its modules stay in this session: keep them out of ours
    )
    try:  # it returns once the daemon it forked runs (or found one running)
        first.wait(GIVE_UP_AFTER_POLLS * POLL_SECONDS)
    except subprocess.TimeoutExpired:  # a module that hangs as it starts
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
        return False
    for _ in range(GIVE_UP_AFTER_POLLS):
        pid = _pid_in(folder / "speech-dispatcher.pid")  # written by the daemon, not the first
        if pid is not None and _is_daemon(pid) and speechd_answers(speechd_socket()):
            (folder / OWN_DAEMON_RECORD).write_text(f"{pid} {first.pid}\n")
            return True
        time.sleep(POLL_SECONDS)
    return False


def _keep_previous_log(path: Path) -> None:
    with suppress(FileNotFoundError):
        path.replace(path.with_name(path.name + ".old"))


def _stop(own: OwnDaemon) -> None:
    """End the kiosk's daemon, politely first, and whatever remains of its modules."""
    if _is_daemon(own.pid):
        _signal(own.pid, signal.SIGTERM)
        for _ in range(GIVE_UP_AFTER_POLLS):
            if not _is_daemon(own.pid):
                break
            time.sleep(POLL_SECONDS)
        else:
            log.warning("speech-dispatcher %s did not stop when asked: killing it", own.pid)
            _signal(own.pid, signal.SIGKILL)
    for module in _modules_in_group(own.modules_group):
        _signal(module, signal.SIGKILL)  # a hung module ignores a polite request


def _signal(pid: int, number: signal.Signals) -> None:
    with suppress(ProcessLookupError):  # it ended since it was looked at
        os.kill(pid, number)


def _pid_in(path: Path) -> int | None:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _process_status(pid: int) -> tuple[str, int] | None:
    """A running process's name and process group (from /proc); None when there is
    none. A zombie (state ``Z``) counts as none: it has ended."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = stat[stat.index("(") + 1 : stat.rindex(")")]
    state, _parent, group = stat[stat.rindex(")") + 2 :].split()[:3]
    return None if state == "Z" else (name, int(group))


def _is_daemon(pid: int) -> bool:
    """Whether `pid` is a live speech-dispatcher (a recorded id may have been reused)."""
    status = _process_status(pid)
    return status is not None and status[0].startswith("speech-dispatch")


def _modules_in_group(group: int) -> list[int]:
    """Live speech modules (``sd_*``) in process group `group`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        status = _process_status(int(entry.name))
        if status is not None and status[0].startswith("sd_") and status[1] == group:
            found.append(int(entry.name))
    return found


if __name__ == "__main__":
    sys.exit(0 if start_speech_daemon() else 1)
