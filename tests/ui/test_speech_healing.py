"""Reading aloud heals itself when the kiosk's speech-dispatcher loses its speech module.

The state seen on kiosks after hours is made for real: the kiosk's own start
(`python -m ui.speech_daemon`) starts a daemon in a private runtime folder,
then its ``sd_*`` module processes are killed. The kiosk is then brought up
as on the real start, with its operations lanes, in a child process
(tests/ui/speech_heal_child.py): its check must find the daemon broken,
restart it once, find it working and speak through it; a second failure soon
after must not restart it again; and a daemon the kiosk did not start must be
left alone. A daemon of the kiosk's killed outright is started again (the
restart alone: bringing Qt's engine up costs seconds, and the first test
already does).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TypedDict

import pytest

from tests.ui.private_speechd import (
    REPOSITORY,
    kill_speech_modules,
    kiosk_speech_daemon,
    private_runtime,
    processes_of,
)
from ui.speech_daemon import (
    OWN_DAEMON_RECORD,
    Restart,
    restart_speech_daemon,
    speechd_answers,
    speechd_lists_voices,
)

LANGUAGES = ("zh_CN", "en", "ug")
POLL_SECONDS = 0.05
GIVE_UP_AFTER_POLLS = 200  # a generous bound on a shared machine, not a performance target


class SpeechReport(TypedDict):
    """The child's report (tests/ui/speech_heal_child.py)."""

    ready: list[dict[str, str | None]]
    """Each time the speaker said what it offers: the problem per language (None: offered)."""
    spoken: list[str]
    """The engine's states while saying a word, once it was offered."""
    log: list[str]
    """The kiosk's speech log lines, in order."""


@pytest.fixture
def kiosk_daemon() -> Iterator[Path]:
    """The daemon folder of a speech-dispatcher started by the kiosk's own start."""
    with kiosk_speech_daemon() as env:
        yield Path(env["XDG_RUNTIME_DIR"]) / "speech-dispatcher"


def kiosk_with_speech(folder: Path, *options: str) -> SpeechReport:
    """What the kiosk's speaker found, logged and said, brought up against `folder`'s daemon."""
    env = {**os.environ, "XDG_RUNTIME_DIR": str(folder.parent), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("SPEECHD_ADDRESS", None)
    child = subprocess.run(
        [sys.executable, "-m", "tests.ui.speech_heal_child", *options],
        cwd=REPOSITORY,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,  # judged by its report: an abort at exit is not the engine's answer
    )
    lines = [line for line in child.stdout.splitlines() if line.startswith("{")]
    assert lines, f"no report (exit {child.returncode}): {child.stderr[-2000:]}"
    report: SpeechReport = json.loads(lines[-1])
    return report


def daemon_of(folder: Path) -> int:
    """The process id of the daemon the kiosk recorded as its own."""
    return int((folder / OWN_DAEMON_RECORD).read_text().split()[0])


def test_a_lost_speech_module_is_healed_by_restarting_the_kiosks_daemon(
    kiosk_daemon: Path,
) -> None:
    socket_path = kiosk_daemon / "speechd.sock"
    first_daemon = daemon_of(kiosk_daemon)
    kill_speech_modules(kiosk_daemon.parent)
    # The state seen after hours: the daemon answers, but lists no voice.
    assert speechd_answers(socket_path)
    assert not speechd_lists_voices(socket_path)

    report = kiosk_with_speech(kiosk_daemon, "--kill-again")

    log = report["log"]
    assert "speech-dispatcher does not list its voices: no reading aloud" in log
    restarts = [line for line in log if "the kiosk restarted its speech-dispatcher" in line]
    assert restarts == [
        "reading aloud failed (not_answering): the kiosk restarted its speech-dispatcher, "
        "bringing the speech engine up again"
    ]
    assert "reading aloud works again after restarting speech-dispatcher" in log
    assert report["ready"] == [dict.fromkeys(LANGUAGES)]  # offered in every language
    assert report["spoken"] == ["Speaking", "Ready"]
    assert daemon_of(kiosk_daemon) != first_daemon
    assert first_daemon not in processes_of(kiosk_daemon.parent)
    # Lost again at once: reading fails, and the daemon is not restarted a second time.
    assert any(
        line.startswith(
            "reading aloud failed (a text was not begun): speech-dispatcher was restarted"
        )
        and line.endswith("not again before 600 s")
        for line in log
    ), log


def test_a_killed_daemon_of_the_kiosk_is_started_again(
    kiosk_daemon: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first_daemon = daemon_of(kiosk_daemon)
    first_modules = processes_of(kiosk_daemon.parent, "sd_")
    os.kill(first_daemon, signal.SIGKILL)  # its modules live on, orphaned
    for _ in range(GIVE_UP_AFTER_POLLS):
        if not speechd_answers(kiosk_daemon / "speechd.sock"):
            break
        time.sleep(POLL_SECONDS)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(kiosk_daemon.parent))  # where the kiosk runs

    assert restart_speech_daemon() is Restart.RESTARTED
    assert speechd_lists_voices(kiosk_daemon / "speechd.sock")
    assert daemon_of(kiosk_daemon) != first_daemon
    assert processes_of(kiosk_daemon.parent, "speech-dispatch") == [daemon_of(kiosk_daemon)]
    assert first_modules and not set(first_modules) & set(processes_of(kiosk_daemon.parent))


def test_a_daemon_the_kiosk_did_not_start_is_left_alone(kiosk_daemon: Path) -> None:
    (kiosk_daemon / OWN_DAEMON_RECORD).unlink()  # as if a person had started it by hand
    daemons = processes_of(kiosk_daemon.parent, "speech-dispatch")
    kill_speech_modules(kiosk_daemon.parent)

    report = kiosk_with_speech(kiosk_daemon)

    assert any("was not started by the kiosk" in line for line in report["log"])
    assert report["ready"] == [dict.fromkeys(LANGUAGES, "not_answering")]
    assert processes_of(kiosk_daemon.parent, "speech-dispatch") == daemons


def _hangup_ends_the_process() -> None:
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def test_stopping_what_started_the_daemon_leaves_its_speech_module_alive() -> None:
    """The cause, in the field: two set-ups started at once in one terminal, then
    the terminal closed (SIGHUP to its process group)."""
    with private_runtime() as env:
        runtime_dir = Path(env["XDG_RUNTIME_DIR"])
        folder = runtime_dir / "speech-dispatcher"
        start = f"{sys.executable} -m ui.speech_daemon"
        terminal = subprocess.Popen(
            ["sh", "-c", f"{start} & {start}; wait; echo started; exec sleep 300"],
            cwd=REPOSITORY,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,  # a process group, as a terminal's job has
            # A hangup ends a terminal's job, even where this suite runs with hangups
            # ignored (under nohup) and would pass that on: the cause must be real.
            preexec_fn=_hangup_ends_the_process,
        )
        try:
            assert terminal.stdout is not None
            assert terminal.stdout.readline() == "started\n"
            modules = processes_of(runtime_dir, "sd_")
        finally:
            os.killpg(terminal.pid, signal.SIGHUP)
            terminal.wait(timeout=60)

        assert len(processes_of(runtime_dir, "speech-dispatch")) == 1  # one daemon, not two
        assert modules and processes_of(runtime_dir, "sd_") == modules
        assert speechd_lists_voices(folder / "speechd.sock")
