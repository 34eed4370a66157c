"""Reading screens aloud with Qt's text-to-speech.

On a kiosk the engine is speech-dispatcher with espeak-ng, which has voices
for Mandarin, Uyghur and English. Without an engine, or without a voice for
the applicant's language, the kiosk simply does not offer to read aloud:
nothing fails. Tests use Qt's own `mock` engine.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

log = logging.getLogger(__name__)

VOICE_NAME_HINTS = {
    "zh_CN": ("mandarin", "chinese", "cmn"),
    "ug": ("uyghur", "uighur"),
    "en": ("english",),
}
"""Words in a voice's name that identify its language, for voices Qt maps to no locale
(espeak-ng's Mandarin and Uyghur voices)."""


def detect_engine() -> str | None:
    """`speechd` when a speech-dispatcher daemon is running for this user, else None.

    Creating the speechd engine without a daemon leaves it in an error state
    that aborts the process at exit, so the socket is checked first.
    """
    if shutil.which("speech-dispatcher") is None:
        return None
    runtime = Path(os.environ.get("XDG_RUNTIME_DIR", f"/run/user/{os.getuid()}"))
    socket = runtime / "speech-dispatcher" / "speechd.sock"
    return "speechd" if socket.exists() else None


class Speaker(QObject):
    """Says texts in a language, with the best voice the engine has for it."""

    def __init__(self, engine: str | None) -> None:
        super().__init__()
        self.engine: QTextToSpeech | None = None
        if engine is not None:
            from PySide6.QtTextToSpeech import QTextToSpeech  # only where there is a voice

            candidate = QTextToSpeech(engine, self)
            if candidate.state() == QTextToSpeech.State.Error:
                log.warning(
                    "text-to-speech engine %s is not usable: %s", engine, candidate.errorString()
                )
            else:
                self.engine = candidate

    def voice_for(self, language: str) -> QVoice | None:
        """The voice to read `language` with, or None when there is none."""
        if self.engine is None:
            return None
        voices = self.engine.availableVoices()
        wanted = QLocale(language)
        for voice in voices:
            if voice.locale().language() == wanted.language():
                return voice
        hints = VOICE_NAME_HINTS.get(language, ())
        for voice in voices:
            if any(hint in voice.name().lower() for hint in hints):
                return voice
        return None

    def can_speak(self, language: str) -> bool:
        """Whether reading aloud is offered in `language`."""
        return self.voice_for(language) is not None

    def say(self, texts: Sequence[str], language: str) -> None:
        """Read the texts one after the other; anything being read is stopped first."""
        voice = self.voice_for(language)
        if self.engine is None or voice is None:
            return
        self.engine.stop()
        self.engine.setVoice(voice)
        spoken = [text.strip() for text in texts if text and text.strip()]
        if spoken:
            self.engine.say("\n".join(spoken))

    def stop(self) -> None:
        """Stop reading (the person moved on, or the kiosk reset)."""
        if self.engine is not None:
            self.engine.stop()
