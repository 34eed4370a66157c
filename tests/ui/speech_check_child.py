"""Brings the speech engine up as the kiosk's real start does, in its own process, and
prints what the check at start found: `python -m tests.ui.speech_check_child`.

Run by tests/ui/test_speech_check.py against a working speech-dispatcher and a
broken one. One JSON line: the problem per language (null: reading aloud is
offered), printed and flushed before a speechd engine in trouble can abort the
process at exit.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from ui.speech import Speaker, detect_engine

LANGUAGES = ("zh_CN", "en", "ug")
GIVE_UP_MS = 120_000
"""A bound on a shared machine for the whole start, not a performance target."""


def main() -> None:
    """Start the speaker in the background, wait for `ready`, report."""
    app = QCoreApplication(sys.argv[:1])
    speaker = Speaker.in_background(detect_engine(), LANGUAGES)
    before = {language: speaker.problem(language) for language in LANGUAGES}
    loop = QEventLoop()
    speaker.ready.connect(loop.quit)
    QTimer.singleShot(GIVE_UP_MS, loop.quit)
    if speaker.engine is None and before["en"] is not None and before["en"].value == "checking":
        loop.exec()
    report = {
        "before": {language: problem and problem.value for language, problem in before.items()},
        "after": {language: (p := speaker.problem(language)) and p.value for language in LANGUAGES},
    }
    print(json.dumps(report), flush=True)
    speaker.shut_down()
    del app


if __name__ == "__main__":
    main()
