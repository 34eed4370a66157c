"""The kiosk's speaker against the real speech-dispatcher and espeak-ng.

Every other read-aloud test uses Qt's mock engine; this one proves that the
engine the set-up installs has a voice for each shipped language and speaks
Uyghur and Chinese without an error, through a daemon of its own started as
the kiosk starts one (never the machine's, which may have run for hours and
lost its speech module: tests/ui/private_speechd.py). The speaking happens
in a child process, because a speechd engine in trouble aborts its process
at exit, which must not take pytest with it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.ui.private_speechd import REPOSITORY, kiosk_speech_daemon


@pytest.fixture
def speech_daemon() -> Iterator[dict[str, str]]:
    """The environment of a speech-dispatcher of the test's own, started as the kiosk's."""
    with kiosk_speech_daemon() as env:
        yield env


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
