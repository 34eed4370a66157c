"""Reads a Uyghur and a Chinese sentence with the real speechd engine, in its own process.

Run by tests/ui/test_speech_real_engine.py: `python -m tests.ui.speech_child`.
Prints one JSON line: the voice found for each language, and for each
sentence the engine states seen until it fell silent and any error text.
A speechd engine in trouble can abort the process at exit; the line is
printed (and flushed) before that could happen.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtTextToSpeech import QTextToSpeech

from ui.speech import Speaker, detect_engine

SENTENCES = {
    "ug": "ئىلتىماسىڭىز ساقلاندى. رەھمەت.",
    "zh_CN": "您的申请已经保存。谢谢。",
}
LANGUAGES = ("zh_CN", "en", "ug")


def speak(speaker: Speaker, text: str, language: str) -> dict[str, object]:
    """Say `text` and wait until the engine is ready again (or in error)."""
    engine = speaker.engine
    assert engine is not None
    states: list[str] = []
    loop = QEventLoop()

    def changed(state: QTextToSpeech.State) -> None:
        states.append(state.name)
        if state in (QTextToSpeech.State.Ready, QTextToSpeech.State.Error):
            loop.quit()

    engine.stateChanged.connect(changed)
    speaker.say([text], language)
    loop.exec()
    engine.stateChanged.disconnect(changed)
    return {"states": states, "error": engine.errorString()}


def main() -> None:
    """Report what the real engine did, as one JSON line on stdout."""
    app = QCoreApplication(sys.argv[:1])
    engine = detect_engine()
    report: dict[str, object] = {"engine": engine}
    if engine is not None:
        speaker = Speaker(engine)
        voices = {language: speaker.voice_for(language) for language in LANGUAGES}
        report["voices"] = {
            language: voice.name() if voice is not None else None
            for language, voice in voices.items()
        }
        report["spoken"] = {
            language: speak(speaker, text, language) for language, text in SENTENCES.items()
        }
    print(json.dumps(report, ensure_ascii=False), flush=True)
    del app


if __name__ == "__main__":
    main()
