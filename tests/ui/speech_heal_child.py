"""Brings the speech engine up as the kiosk's real start does, with the kiosk's
operations lanes, in its own process, and reports what it found, what it logged
and whether it then speaks: `python -m tests.ui.speech_heal_child [--kill-again]`.

Run by tests/ui/test_speech_healing.py against the kiosk's own daemon after its
speech module (or the daemon itself) was killed. With ``--kill-again`` it then
kills the new daemon's speech module and gives a text to read, to see that the
kiosk does not restart the daemon a second time so soon. One JSON line,
printed and flushed before a speechd engine in trouble can abort the process.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from tests.ui.private_speechd import kill_speech_modules
from ui.operations import Operations
from ui.speech import Speaker, detect_engine

LANGUAGES = ("zh_CN", "en", "ug")
BEGIN_WITHIN_SECONDS = 3.0
"""Shorter than the kiosk's own bound, so that a text not begun is noticed quickly."""
GIVE_UP_MS = 60_000
"""A bound on a shared machine for each wait, not a performance target."""


class LogLines(logging.Handler):
    """Keeps the kiosk's speech log lines, as the clerk would read them."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def wait_until(done: Callable[[], bool]) -> None:
    """Run the event loop until `done()` (or the bound passed)."""
    loop = QEventLoop()
    poll = QTimer(interval=50)

    def check() -> None:
        if done():
            loop.quit()

    poll.timeout.connect(check)
    poll.start()
    QTimer.singleShot(GIVE_UP_MS, loop.quit)
    if not done():
        loop.exec()
    poll.stop()


def speak(speaker: Speaker) -> list[str]:
    """Say a word in English at volume zero; the engine's states until it is done."""
    assert speaker.engine is not None
    speaker.engine.setVolume(0.0)
    states: list[str] = []
    speaker.engine.stateChanged.connect(lambda state: states.append(state.name))
    speaker.say(["yes"], "en")
    wait_until(lambda: "Ready" in states or "Error" in states)
    return states


def main() -> None:
    app = QCoreApplication(sys.argv[:1])
    log = LogLines()
    logging.getLogger("ui").addHandler(log)
    logging.getLogger("ui").setLevel(logging.INFO)
    operations = Operations(lambda text: log.lines.append(f"shown: {text}"))
    speaker = Speaker.in_background(
        detect_engine(), LANGUAGES, operations.speech, begin_within=BEGIN_WITHIN_SECONDS
    )
    readied: list[dict[str, str | None]] = []

    def ready() -> None:
        readied.append({code: (p := speaker.problem(code)) and p.value for code in LANGUAGES})

    speaker.ready.connect(ready)
    wait_until(lambda: bool(readied))
    report: dict[str, object] = {"ready": readied[:], "spoken": []}
    if speaker.engine is not None and speaker.can_speak("en"):
        report["spoken"] = speak(speaker)
    if "--kill-again" in sys.argv:
        kill_speech_modules(Path(os.environ["XDG_RUNTIME_DIR"]))
        speaker.say(["yes"], "en")
        wait_until(lambda: any("not again before" in line for line in log.lines))
        report["ready"] = readied[:]
    report["log"] = log.lines
    print(json.dumps(report), flush=True)
    speaker.shut_down()
    operations.shut_down()
    del app


if __name__ == "__main__":
    main()
