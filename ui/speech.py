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
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Q_ARG, QLocale, QMetaObject, QObject, Qt, QThread, QTimer, Signal, Slot

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


NO_ENGINE = "none"
"""An engine name Qt has no plugin for: a QTextToSpeech that loads nothing."""


def _usable(engine: QTextToSpeech) -> bool:
    return engine.state() != engine.State.Error


def find_voice(engine: QTextToSpeech, language: str) -> QVoice | None:
    """The best voice of `engine` for `language`: one of the language's own locales
    (the same territory first), else an unmapped voice whose name says the language."""
    wanted = QLocale(language)
    locales = engine.availableLocales()
    same_language = sorted(
        (locale for locale in locales if locale.language() == wanted.language()),
        key=lambda locale: locale.territory() != wanted.territory(),
    )
    for locale in same_language:
        voices = _voices_of(engine, locale)
        if voices:
            return voices[0]
    hints = VOICE_NAME_HINTS.get(language, ())
    for locale in locales:
        if locale.language() != QLocale.Language.C:
            continue
        for voice in _voices_of(engine, locale):
            if any(hint in voice.name().lower() for hint in hints):
                return voice
    return None


def _voices_of(engine: QTextToSpeech, locale: QLocale) -> list[QVoice]:
    engine.setLocale(locale)
    return list(engine.availableVoices())


class _EngineLoader(QObject):
    """Lives on the speech thread: after Qt has loaded the engine there, finds the
    voices and moves the engine to the GUI thread."""

    loaded = Signal(object, object)

    def __init__(self, engine: QTextToSpeech, languages: Sequence[str], thread: QThread) -> None:
        super().__init__()
        self._engine = engine
        self._languages = tuple(languages)
        self._home = engine.thread()
        self.speech_thread = thread

    @classmethod
    def start(
        cls,
        name: str,
        languages: Sequence[str],
        then: Callable[[QTextToSpeech, dict[str, QVoice | None]], None],
    ) -> _EngineLoader:
        """Start the thread, queue the loading (a call into Qt only) and the hand-over.

        The caller keeps the loader (and so the engine) alive until it has loaded."""
        from PySide6.QtTextToSpeech import QTextToSpeech

        thread = QThread()
        thread.setObjectName("speech")
        thread.start()
        engine = QTextToSpeech(NO_ENGINE)  # cheap, and not usable until the engine is set
        loader = cls(engine, languages, thread)
        loader.loaded.connect(then)
        engine.moveToThread(thread)
        loader.moveToThread(thread)
        queued = Qt.ConnectionType.QueuedConnection
        QMetaObject.invokeMethod(engine, "setEngine", queued, Q_ARG(str, name))
        QMetaObject.invokeMethod(loader, "hand_over", queued)
        return loader

    @Slot()
    def hand_over(self) -> None:
        engine = self._engine
        found = (find_voice(engine, language) for language in self._languages)
        voices = dict(zip(self._languages, found, strict=True)) if _usable(engine) else {}
        engine.moveToThread(self._home)
        self.loaded.emit(engine, voices)


class Speaker(QObject):
    """Says texts in a language, with the best voice the engine has for it."""

    ready = Signal()
    """The engine brought up in the background is ready (see `in_background`)."""

    def __init__(self, engine: str | None) -> None:
        super().__init__()
        self.engine: QTextToSpeech | None = None
        self._voices: dict[str, QVoice | None] = {}
        self._loader: _EngineLoader | None = None
        self._stopped = False
        if engine is not None:
            from PySide6.QtTextToSpeech import QTextToSpeech  # only where there is a voice

            self._keep(QTextToSpeech(engine), {})

    @classmethod
    def in_background(cls, engine: str | None, languages: Sequence[str]) -> Speaker:
        """A speaker whose engine comes up on a thread of its own, its voices found.

        Creating speech-dispatcher's engine takes seconds (espeak-ng lists
        every voice with every variant, thirteen thousand) and holds Python's
        lock all along; so Qt itself loads it, on a thread that runs no Python
        meanwhile, and the GUI thread stays free. Until `ready`, nothing is
        read and no screen offers to.
        """
        speaker = cls(None)
        if engine is not None:
            # On a later turn of the event loop: Qt's speech module takes a moment
            # to load, and the screen just shown answers taps first.
            QTimer.singleShot(0, speaker, lambda: speaker._start_loading(engine, languages))
        return speaker

    def _start_loading(self, engine: str, languages: Sequence[str]) -> None:
        if not self._stopped:
            self._loader = _EngineLoader.start(engine, languages, self._take_engine)

    def shut_down(self) -> None:
        """Wait for an engine still coming up (a QThread must not outlive the kiosk)."""
        self._stopped = True
        if self._loader is not None:
            self._loader.speech_thread.quit()
            self._loader.speech_thread.wait()
            self._loader = None

    def _take_engine(self, engine: QTextToSpeech, voices: dict[str, QVoice | None]) -> None:
        self.shut_down()
        self._keep(engine, voices)
        for language, voice in voices.items():
            log.info("voice for %s: %s", language, voice.name() if voice else "none")
        self.ready.emit()

    def _keep(self, engine: QTextToSpeech, voices: dict[str, QVoice | None]) -> None:
        """Own the engine; speak with it if it came up usable. An engine in an error
        state is kept too: destroying one early can abort the process."""
        engine.setParent(self)
        if _usable(engine):
            self.engine = engine
            self._voices = dict(voices)
        else:
            log.warning(
                "text-to-speech engine %s is not usable: %s", engine.engine(), engine.errorString()
            )

    def voice_for(self, language: str) -> QVoice | None:
        """The voice to read `language` with, or None when there is none (looked up once)."""
        if self.engine is None:
            return None
        if language not in self._voices:
            self._voices[language] = find_voice(self.engine, language)
            found = self._voices[language]
            log.info("voice for %s: %s", language, found.name() if found else "none")
        return self._voices[language]

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
