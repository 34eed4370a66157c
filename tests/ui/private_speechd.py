"""A speech-dispatcher of the tests' own, started as the kiosk starts its daemon.

Every test that speaks uses one of these rather than the machine's: a daemon
that has run for hours may have lost its speech module (see
ui/speech_daemon.py), and a test must not depend on, nor disturb, one that
others use. Each daemon runs in a runtime folder of its own
(``XDG_RUNTIME_DIR``); its processes are found by that folder in their
environment, which is how the tests kill its speech module and, at the end,
everything it started, restarts included.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ui.speech_daemon import speech_environment

REPOSITORY = Path(__file__).resolve().parents[2]
POLL_SECONDS = 0.05
GIVE_UP_AFTER_POLLS = 200  # a generous bound on a shared machine, not a performance target


@contextmanager
def private_runtime() -> Iterator[dict[str, str]]:
    """An environment whose speech-dispatcher folder is private (under a new
    ``XDG_RUNTIME_DIR``); whatever runs there is killed at the end."""
    if shutil.which("speech-dispatcher") is None:
        raise AssertionError("speech-dispatcher is not installed: run ./setup.sh as root")
    # A short path: a unix socket's path must stay under 108 bytes.
    runtime_dir = Path(tempfile.mkdtemp(prefix="speechd-"))
    env = speech_environment(dict(os.environ))
    env["XDG_RUNTIME_DIR"] = str(runtime_dir)
    env.pop("SPEECHD_ADDRESS", None)
    try:
        yield env
    finally:
        for pid in processes_of(runtime_dir):
            os.kill(pid, signal.SIGKILL)
        shutil.rmtree(runtime_dir, ignore_errors=True)


@contextmanager
def kiosk_speech_daemon() -> Iterator[dict[str, str]]:
    """The environment of a new speech-dispatcher started by the kiosk's own start
    (`python -m ui.speech_daemon`) in a private runtime folder."""
    with private_runtime() as env:
        started = subprocess.run(
            [sys.executable, "-m", "ui.speech_daemon"], cwd=REPOSITORY, env=env, check=False
        )
        assert started.returncode == 0, "the kiosk's speech-dispatcher did not start"
        yield env


def processes_of(runtime_dir: Path, name_prefix: str = "") -> list[int]:
    """Live processes whose name begins with `name_prefix` and whose environment
    names `runtime_dir` as their runtime folder (a daemon and its modules)."""
    wanted = f"XDG_RUNTIME_DIR={runtime_dir}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environment = (entry / "environ").read_bytes().split(b"\0")
            stat = (entry / "stat").read_text()
        except OSError:  # ended meanwhile, or not ours to read
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        zombie = stat[stat.rindex(")") + 2] == "Z"
        if wanted in environment and name.startswith(name_prefix) and not zombie:
            found.append(int(entry.name))
    return found


def kill_speech_modules(runtime_dir: Path) -> list[int]:
    """Kill the daemon's speech modules (``sd_*``) as a signal to their process
    group did on this machine, the daemon left running; their ids."""
    modules = processes_of(runtime_dir, "sd_")
    assert modules, "the daemon runs no speech module"
    for pid in modules:
        os.kill(pid, signal.SIGKILL)
    for _ in range(GIVE_UP_AFTER_POLLS):
        if not processes_of(runtime_dir, "sd_"):
            break
        time.sleep(POLL_SECONDS)
    assert not processes_of(runtime_dir, "sd_"), "the speech modules did not end"
    return modules
