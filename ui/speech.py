"""Reading screens aloud with Qt's text-to-speech.

On a kiosk the engine is speech-dispatcher with espeak-ng, which has voices
for Mandarin, Uyghur and English. Without an engine, or without a voice for
the applicant's language, the kiosk simply does not offer to read aloud:
nothing fails. Tests use Qt's own `mock` engine, and one test the real one.

Qt's speechd engine lists only the voices of the locale it is set to, and
files voices it cannot map to a locale (espeak-ng's Mandarin) under the `C`
locale; so a voice is looked for in the locales of the language first, then
by name among those unmapped voices.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject

from ui.speech_daemon import speechd_answers, speechd_socket

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

log = logging.getLogger(__name__)

VOICE_NAME_HINTS = {
    "zh_CN": ("mandarin", "cmn"),
    "ug": ("uyghur", "uighur"),
    "en": ("english",),
}
"""Words in a voice's name that identify its language, for voices Qt maps to no locale
(espeak-ng's Mandarin voices)."""


def detect_engine() -> str | None:
    """`speechd` when a speech-dispatcher daemon is running for this user, else None.

    Creating the speechd engine without a daemon leaves it in an error state
    that aborts the process at exit, so the daemon is asked first.
    """
    if shutil.which("speech-dispatcher") is None:
        return None
    return "speechd" if speechd_answers(speechd_socket()) else None


class Speaker(QObject):
    """Says texts in a language, with the best voice the engine has for it."""

    def __init__(self, engine: str | None) -> None:
        super().__init__()
        self.engine: QTextToSpeech | None = None
        self._voices: dict[str, QVoice | None] = {}
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
        """The voice to read `language` with, or None when there is none (looked up once)."""
        if language not in self._voices:
            self._voices[language] = self._find_voice(language)
            found = self._voices[language]
            log.info("voice for %s: %s", language, found.name() if found else "none")
        return self._voices[language]

    def _find_voice(self, language: str) -> QVoice | None:
        engine = self.engine
        if engine is None:
            return None
        wanted = QLocale(language)
        locales = engine.availableLocales()
        # The language's own locales, the one of the same territory first.
        same_language = sorted(
            (locale for locale in locales if locale.language() == wanted.language()),
            key=lambda locale: locale.territory() != wanted.territory(),
        )
        for locale in same_language:
            voices = self._voices_of(engine, locale)
            if voices:
                return voices[0]
        hints = VOICE_NAME_HINTS.get(language, ())
        for locale in locales:
            if locale.language() != QLocale.Language.C:
                continue
            for voice in self._voices_of(engine, locale):
                if any(hint in voice.name().lower() for hint in hints):
                    return voice
        return None

    @staticmethod
    def _voices_of(engine: QTextToSpeech, locale: QLocale) -> list[QVoice]:
        engine.setLocale(locale)
        return list(engine.availableVoices())

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
