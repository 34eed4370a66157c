"""Reading aloud is offered only where the engine really speaks, and the clerk is told why not.

The engine is brought up as on the real start, in a child process (a speechd
engine in trouble can abort its process at exit), against a private
speech-dispatcher whose audio output cannot open, which lists every voice but
never finishes a word, and after that first word does not even answer. It runs
in its own runtime folder, and is killed with its speech modules at the end;
the machine's daemon is never used nor touched. That a working engine is
offered in every language is shown by tests/ui/test_speech_healing.py, once
the kiosk has healed its daemon.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import CLERK_ID, CLERK_PIN, KioskFactory, open_sign_in, sign_in
from tests.ui.private_speechd import REPOSITORY
from ui.speech_daemon import speech_environment, speechd_answers

SYSTEM_CONFIG = Path("/etc/speech-dispatcher")
POLL_SECONDS = 0.1
GIVE_UP_AFTER_POLLS = 300  # a generous bound on a shared machine, not a performance target
LANGUAGES = ("zh_CN", "en", "ug")


def check_at_start(env: dict[str, str]) -> dict[str, str | None]:
    """What the kiosk's check at start found, per language (None: reading aloud offered)."""
    child = subprocess.run(
        [sys.executable, "-m", "tests.ui.speech_check_child"],
        cwd=REPOSITORY,
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    lines = [line for line in child.stdout.splitlines() if line.startswith("{")]
    assert lines, f"no report (exit {child.returncode}): {child.stderr[-2000:]}"
    report = json.loads(lines[-1])
    assert set(report["before"].values()) == {"checking"}, "nothing offered before the check"
    return dict(report["after"])


@pytest.fixture
def broken_daemon(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A private speech-dispatcher whose audio output (OSS, no /dev/dsp) cannot open."""
    if shutil.which("speech-dispatcher") is None:
        pytest.fail("speech-dispatcher is not installed: run ./setup.sh as root")
    config = tmp_path / "speechd-config"
    shutil.copytree(SYSTEM_CONFIG, config)
    settings = config / "speechd.conf"
    kept = [
        line
        for line in settings.read_text(encoding="utf-8").splitlines()
        if not line.startswith("AudioOutputMethod")
    ]
    settings.write_text("\n".join([*kept, 'AudioOutputMethod "oss"', ""]), encoding="utf-8")
    # A short path: a unix socket's path must stay under 108 bytes.
    runtime_dir = Path(tempfile.mkdtemp(prefix="speechd-"))
    env = speech_environment(dict(os.environ))
    env["XDG_RUNTIME_DIR"] = str(runtime_dir)
    env.pop("SPEECHD_ADDRESS", None)
    process = subprocess.Popen(
        ["speech-dispatcher", "--run-single", "--timeout", "0", "-C", str(config)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its speech modules join its process group
    )
    socket_path = runtime_dir / "speech-dispatcher" / "speechd.sock"
    try:
        for _ in range(GIVE_UP_AFTER_POLLS):
            if speechd_answers(socket_path) or process.poll() is not None:
                break
            time.sleep(POLL_SECONDS)
        assert speechd_answers(socket_path), "the private speech-dispatcher did not start"
        yield env
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # a hung module ignores a polite request
        process.wait()
        shutil.rmtree(runtime_dir, ignore_errors=True)


def test_an_engine_that_cannot_be_heard_is_not_offered(broken_daemon: dict[str, str]) -> None:
    first_start = check_at_start(broken_daemon)
    second_start = check_at_start(broken_daemon)  # the module now hangs for good

    assert first_start == dict.fromkeys(LANGUAGES, "silent")
    assert second_start == dict.fromkeys(LANGUAGES, "not_answering")


def test_the_clerk_is_told_why_reading_aloud_is_not_offered(
    start_kiosk: KioskFactory, data_dir: Path, qtbot: QtBot
) -> None:
    without_engine = start_kiosk(data_dir)
    open_sign_in(without_engine, qtbot)
    sign_in(without_engine, qtbot, CLERK_ID, CLERK_PIN)
    line = without_engine.clerk.home_screen.speech
    assert line.isVisible()
    assert "speech-dispatcher is not running" in line.text()
    without_engine.shut_down()

    mock = start_kiosk(data_dir, speech_engine="mock")  # English voices only
    open_sign_in(mock, qtbot)
    sign_in(mock, qtbot, CLERK_ID, CLERK_PIN)
    text = mock.clerk.home_screen.speech.text()

    assert "Reading aloud: offered in English." in text
    assert "not offered in 中文: no voice is installed for it." in text
