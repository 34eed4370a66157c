"""The kiosk's speaker against the real speech-dispatcher and espeak-ng.

Every other read-aloud test uses Qt's mock engine; this one proves that the
engine the set-up installs has a voice for each shipped language and speaks
Uyghur and Chinese without an error. The set-up starts the daemon; when it
is not running, the test starts a private one (and stops it afterwards)
rather than skip. The speaking happens in a child process, because a speechd
engine in trouble aborts its process at exit, which must not take pytest
with it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ui.speech_daemon import speech_environment, speechd_answers, speechd_socket

REPOSITORY = Path(__file__).resolve().parents[2]
POLL_SECONDS = 0.1
GIVE_UP_AFTER_POLLS = 300  # a generous bound on a shared machine, not a performance target


def daemon_environment(runtime_dir: Path | None) -> dict[str, str]:
    """The environment to speak in, with the private daemon's runtime directory
    when the test started one."""
    env = speech_environment(dict(os.environ))
    if runtime_dir is not None:
        env["XDG_RUNTIME_DIR"] = str(runtime_dir)
        env.pop("SPEECHD_ADDRESS", None)
    return env


@pytest.fixture
def speech_daemon() -> Iterator[dict[str, str]]:
    """The environment of a running speech-dispatcher: the set-up's, or a private one."""
    daemon = shutil.which("speech-dispatcher")
    if daemon is None:
        pytest.fail("speech-dispatcher is not installed: run ./setup.sh as root")
    if speechd_answers(speechd_socket()):
        yield daemon_environment(None)
        return
    # A short path: a unix socket's path must stay under 108 bytes.
    runtime_dir = Path(tempfile.mkdtemp(prefix="speechd-"))
    env = daemon_environment(runtime_dir)
    socket_path = runtime_dir / "speech-dispatcher" / "speechd.sock"
    process = subprocess.Popen(
        [daemon, "--run-single", "--timeout", "0"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(GIVE_UP_AFTER_POLLS):
            if speechd_answers(socket_path) or process.poll() is not None:
                break
            time.sleep(POLL_SECONDS)
        assert speechd_answers(socket_path), "the private speech-dispatcher did not start"
        yield env
    finally:
        process.terminate()
        process.wait()
        shutil.rmtree(runtime_dir, ignore_errors=True)


def test_the_real_engine_has_the_voices_and_speaks_uyghur_and_chinese(
    speech_daemon: dict[str, str],
) -> None:
    child = subprocess.run(
        [sys.executable, "-m", "tests.ui.speech_child"],
        cwd=REPOSITORY,
        env=speech_daemon,
        capture_output=True,
        text=True,
        check=False,  # judged by its report: an abort at exit is not the engine's answer
    )
    lines = [line for line in child.stdout.splitlines() if line.startswith("{")]
    assert lines, f"no report from the child (status {child.returncode}): {child.stderr}"
    report = json.loads(lines[-1])

    assert report["engine"] == "speechd"
    voices = report["voices"]
    assert "mandarin" in voices["zh_CN"].lower()
    assert "uyghur" in voices["ug"].lower()
    assert "english" in voices["en"].lower()
    for language in ("ug", "zh_CN"):
        spoken = report["spoken"][language]
        assert spoken["states"][0] == "Speaking", (language, spoken)
        assert spoken["states"][-1] == "Ready", (language, spoken)
        assert "Error" not in spoken["states"], (language, spoken)
        assert spoken["error"] == "", (language, spoken)
