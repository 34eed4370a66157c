"""Reading screens aloud with Qt's text-to-speech.

On a kiosk the engine is speech-dispatcher with espeak-ng, which has voices
for Mandarin, Uyghur and English. Without an engine, or without a voice for
the applicant's language, the kiosk simply does not offer to read aloud:
nothing fails. Tests use Qt's own `mock` engine, and one test the real one.

Qt's speechd engine lists only the voices of the locale it is set to, and
files voices it cannot map to a locale (espeak-ng's Mandarin) under the `C`
locale; so a voice is looked for in the locales of the language first, then
by name among those unmapped voices.

A voice listed is not yet a voice heard: a daemon whose audio output or
speech module fails still lists every voice, and Qt's engine then stays
"speaking" for ever without an error. So on the real start the kiosk says a
word in each language at volume zero (:class:`_SpeechCheck`, driven by the
engine's signals, so the GUI thread never waits) and offers reading aloud
only in the languages whose word was spoken to the end; the clerk's screen
says why not for the others (:class:`SpeechProblem`).

A speech-dispatcher that worked can lose its speech module hours later (see
:mod:`ui.speech_daemon` for why): the daemon then lists no voice, and a text
given to Qt's engine is never begun. When the check fails, or a text is not
begun within :data:`CHECK_SECONDS`, the kiosk restarts the daemon it started
itself, on the operations' ``speech`` lane so that the GUI thread never
waits, brings the engine up again and checks it again: at most once in
:data:`RESTART_AT_MOST_EVERY_SECONDS`, so a daemon that cannot be healed is
not restarted over and over. Each step is a line in the kiosk's log.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import Q_ARG, QLocale, QMetaObject, QObject, QThread, QTimer, Signal, Slot

from ui.speech_daemon import (
    Restart,
    restart_speech_daemon,
    speechd_answers,
    speechd_lists_voices,
    speechd_socket,
)

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

    from ui.operations import Lane

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

CHECK_WORDS = {"zh_CN": "好", "ug": "ھە", "en": "yes"}
"""What is said (unheard, at volume zero) to check a voice at start."""
CHECK_SECONDS = 10.0
"""How long one checking word may take before the voice counts as silent: espeak-ng
says a word in well under a second, but loads a voice first on a busy machine.
A text given to read is likewise begun within this time, or reading has failed."""
RESTART_AT_MOST_EVERY_SECONDS = 600.0
"""The kiosk restarts its speech-dispatcher at most once in this time: a restart
that did not help is not repeated over and over (each one also costs a megabyte
of the daemon's log and a second of a background thread)."""


class SpeechProblem(StrEnum):
    """Why reading aloud is not offered in a language (for the clerk and the log)."""

    NO_ENGINE = "no_engine"
    """No speech-dispatcher runs for this user (or none is installed)."""
    NOT_ANSWERING = "not_answering"
    """speech-dispatcher runs but does not list its voices: a speech module hangs."""
    ENGINE_ERROR = "engine_error"
    """Qt's engine came up in an error state."""
    CHECKING = "checking"
    """The engine is still coming up or being checked."""
    NO_VOICE = "no_voice"
    """The engine has no voice for the language."""
    SILENT = "silent"
    """A word said with the voice never finished: no audio output, or a broken module."""
    FAILED = "failed"
    """The engine reported an error while saying a word, or did not begin a text."""


CHECK_FAILURES = frozenset({SpeechProblem.SILENT, SpeechProblem.FAILED})
"""Problems found by the check that a restart of speech-dispatcher may cure
(a missing voice it would not)."""


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

    loaded = Signal(object, object, object)
    """The engine, its voice per language, and the problem that kept it from loading."""

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
        then: Callable[[QTextToSpeech, dict[str, QVoice | None], SpeechProblem | None], None],
    ) -> _EngineLoader:
        """Start the thread, queue the loading (a call into Qt only) and the hand-over.

        The caller keeps the loader (and so the engine) alive until it has loaded."""
        # `Qt` here, not at the top: the speaker is made right after the first paint,
        # and the first use of `Qt` builds its 93 enum types in one piece (ui.qt_names).
        from PySide6.QtCore import Qt
        from PySide6.QtTextToSpeech import QTextToSpeech

        thread = QThread()
        thread.setObjectName("speech")
        thread.start()
        engine = QTextToSpeech(NO_ENGINE)  # cheap, and not usable until the engine is set
        loader = cls(engine, languages, thread)
        loader.loaded.connect(then)
        engine.moveToThread(thread)
        loader.moveToThread(thread)
        QMetaObject.invokeMethod(
            loader, "load", Qt.ConnectionType.QueuedConnection, Q_ARG(str, name)
        )
        return loader

    @Slot(str)
    def load(self, name: str) -> None:
        """Ask the daemon first (a hung one would hold Qt's engine for ever), then
        queue the loading, a call into Qt only, and the hand-over."""
        if name == "speechd" and not speechd_lists_voices(speechd_socket()):
            log.warning("speech-dispatcher does not list its voices: no reading aloud")
            self._engine.moveToThread(self._home)
            self.loaded.emit(self._engine, {}, SpeechProblem.NOT_ANSWERING)
            return
        from PySide6.QtCore import Qt

        queued = Qt.ConnectionType.QueuedConnection
        QMetaObject.invokeMethod(self._engine, "setEngine", queued, Q_ARG(str, name))
        QMetaObject.invokeMethod(self, "hand_over", queued)

    @Slot()
    def hand_over(self) -> None:
        engine = self._engine
        found = (find_voice(engine, language) for language in self._languages)
        voices = dict(zip(self._languages, found, strict=True)) if _usable(engine) else {}
        engine.moveToThread(self._home)
        self.loaded.emit(engine, voices, None)


class Speaker(QObject):
    """Says texts in a language, with the best voice the engine has for it."""

    ready = Signal()
    """The engine brought up in the background is ready, or was brought up again
    after a restart of speech-dispatcher (see `in_background`): what is offered
    may have changed."""

    def __init__(self, engine: str | None) -> None:
        super().__init__()
        self.engine: QTextToSpeech | None = None
        self._voices: dict[str, QVoice | None] = {}
        self._problems: dict[str, SpeechProblem] = {}
        """Languages found unable to speak by the check at start (checked languages only)."""
        self._engine_problem: SpeechProblem | None = None if engine else SpeechProblem.NO_ENGINE
        self._loader: _EngineLoader | None = None
        self._check: _SpeechCheck | None = None
        self._stopped = False
        self._languages: tuple[str, ...] = ()
        self._restarts: Lane | None = None
        """Where speech-dispatcher is restarted when reading fails (None: never)."""
        self._last_restart: float | None = None
        self._restarted_because: str | None = None
        """Why speech-dispatcher was just restarted, until the engine is checked again."""
        self._begun = QTimer(self)
        """Runs from a text given to read until the engine begins it."""
        self._begun.setSingleShot(True)
        self._begun.setInterval(round(CHECK_SECONDS * 1000))
        self._begun.timeout.connect(lambda: self._reading_failed("a text was not begun"))
        if engine is not None:
            from PySide6.QtTextToSpeech import QTextToSpeech  # only where there is a voice

            self._keep(QTextToSpeech(engine), {})

    @classmethod
    def in_background(
        cls,
        engine: str | None,
        languages: Sequence[str],
        restarts: Lane | None = None,
        begin_within: float = CHECK_SECONDS,
    ) -> Speaker:
        """A speaker whose engine comes up on a thread of its own, its voices found;
        with `restarts`, a lane on which the kiosk's speech-dispatcher is restarted
        when the engine fails, or does not begin a text within `begin_within`
        seconds (module docstring).

        Creating speech-dispatcher's engine takes seconds (espeak-ng lists
        every voice with every variant, thirteen thousand) and holds Python's
        lock all along; so Qt itself loads it, on a thread that runs no Python
        meanwhile, and the GUI thread stays free. Until `ready`, nothing is
        read and no screen offers to.
        """
        speaker = cls(None)
        speaker._languages = tuple(languages)
        speaker._restarts = restarts
        speaker._begun.setInterval(round(begin_within * 1000))
        if engine is not None:
            speaker._engine_problem = SpeechProblem.CHECKING
            # On a later turn of the event loop: Qt's speech module takes a moment
            # to load, and the screen just shown answers taps first.
            QTimer.singleShot(0, speaker, lambda: speaker._start_loading(engine))
        elif restarts is not None and shutil.which("speech-dispatcher") is not None:
            # The kiosk's daemon may have been killed: start it again if it was.
            QTimer.singleShot(
                0,
                speaker,
                lambda: speaker._heal("speech-dispatcher is not running", SpeechProblem.NO_ENGINE),
            )
        return speaker

    def _start_loading(self, engine: str) -> None:
        if not self._stopped:
            self._loader = _EngineLoader.start(engine, self._languages, self._take_engine)

    def shut_down(self) -> None:
        """Wait for an engine still coming up (a QThread must not outlive the kiosk)
        and end a check under way."""
        self._stopped = True
        self._begun.stop()
        self._stop_loading()
        if self._check is not None:
            self._check.cancel()
            self._check = None

    def _stop_loading(self) -> None:
        if self._loader is not None:
            self._loader.speech_thread.quit()
            self._loader.speech_thread.wait()
            self._loader = None

    def _take_engine(
        self,
        engine: QTextToSpeech,
        voices: dict[str, QVoice | None],
        problem: SpeechProblem | None,
    ) -> None:
        self._stop_loading()
        if problem is not None:
            engine.setParent(self)
            self._engine_problem = problem
            self._settle(problem.value)
            return
        self._keep(engine, voices)
        for language, voice in voices.items():
            log.info("voice for %s: %s", language, voice.name() if voice else "none")
        if self.engine is None:
            self._settle(SpeechProblem.ENGINE_ERROR.value)
            return
        self._problems = {}
        self._check = _SpeechCheck(self.engine, voices, self._checked)

    def _checked(self, problems: dict[str, SpeechProblem]) -> None:
        self._check = None
        self._problems = problems
        self._engine_problem = None
        for language, problem in problems.items():
            log.warning("reading aloud not offered in %s: %s", language, problem.value)
        failed = {problem for problem in problems.values() if problem in CHECK_FAILURES}
        self._settle(", ".join(sorted(failed)) if failed else None)

    def _settle(self, failure: str | None) -> None:
        """The engine came up (again) and was checked: heal a failure if allowed, else
        tell the screens what is offered now."""
        healed_from, self._restarted_because = self._restarted_because, None
        if failure is not None and self._heal(failure, self._engine_problem):
            return
        if healed_from is not None:
            if failure is None:
                log.warning("reading aloud works again after restarting speech-dispatcher")
            else:
                log.warning("restarting speech-dispatcher did not help (%s)", failure)
        self.ready.emit()

    def _heal(self, why: str, unhealed: SpeechProblem | None) -> bool:
        """Restart the kiosk's own speech-dispatcher on the speech lane, then bring the
        engine up again; False when not allowed (no lane, or restarted too recently).

        `unhealed` is what reading aloud shows if the daemon cannot be restarted
        (None: the languages' own problems stand)."""
        if self._restarts is None or self._stopped:
            return False
        now = time.monotonic()
        if self._last_restart is not None:
            since = now - self._last_restart
            if since < RESTART_AT_MOST_EVERY_SECONDS:
                log.warning(
                    "reading aloud failed (%s): speech-dispatcher was restarted %.0f s ago, "
                    "not again before %.0f s",
                    why,
                    since,
                    RESTART_AT_MOST_EVERY_SECONDS,
                )
                return False
        self._last_restart = now
        self._engine_problem = SpeechProblem.CHECKING
        self._restarts.run(
            restart_speech_daemon,
            lambda outcome: self._restarted(outcome, why, unhealed),
            lambda _error: self._restarted(Restart.DID_NOT_START, why, unhealed),
        )
        return True

    def _restarted(self, outcome: Restart, why: str, unhealed: SpeechProblem | None) -> None:
        if self._stopped:
            return
        if outcome is Restart.RESTARTED:
            log.warning(
                "reading aloud failed (%s): the kiosk restarted its speech-dispatcher, "
                "bringing the speech engine up again",
                why,
            )
            self._restarted_because = why
            self._start_loading("speechd")
            return
        if outcome is Restart.NOT_OURS:
            log.warning(
                "reading aloud failed (%s): speech-dispatcher was not started by the kiosk, "
                "which leaves it alone: restart it by hand (python -m ui.speech_daemon)",
                why,
            )
        else:
            log.warning(
                "reading aloud failed (%s): the kiosk restarted its speech-dispatcher, "
                "which does not answer: no reading aloud",
                why,
            )
        self._engine_problem = unhealed
        self.ready.emit()

    def _reading_failed(self, why: str) -> None:
        """A text given to read was not begun, or the engine failed: restart the kiosk's
        speech-dispatcher, unless it was restarted a short while ago (then reading
        aloud stays offered, and the next failure after that while restarts it)."""
        log.warning("reading aloud failed: %s", why)
        self._heal(why, SpeechProblem.FAILED)

    def _state_changed(self, state: QTextToSpeech.State) -> None:
        if not self._begun.isActive() or self.engine is None:
            return
        if state is self.engine.State.Speaking:
            self._begun.stop()
        elif state is self.engine.State.Error:
            self._begun.stop()
            self._reading_failed(self.engine.errorString() or "the engine failed")

    def _keep(self, engine: QTextToSpeech, voices: dict[str, QVoice | None]) -> None:
        """Own the engine; speak with it if it came up usable. An engine in an error
        state is kept too: destroying one early can abort the process (so is one
        replaced after a restart of speech-dispatcher)."""
        engine.setParent(self)
        if self.engine is not None:
            self.engine.stateChanged.disconnect(self._state_changed)
            self.engine = None
        if _usable(engine):
            self.engine = engine
            self._voices = dict(voices)
            self._engine_problem = None
            engine.stateChanged.connect(self._state_changed)
        else:
            self._engine_problem = SpeechProblem.ENGINE_ERROR
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

    def problem(self, language: str) -> SpeechProblem | None:
        """Why reading aloud is not offered in `language`; None when it is."""
        if self._engine_problem is not None:
            return self._engine_problem
        if language in self._problems:
            return self._problems[language]
        return SpeechProblem.NO_VOICE if self.voice_for(language) is None else None

    def can_speak(self, language: str) -> bool:
        """Whether reading aloud is offered in `language`."""
        return self.problem(language) is None

    def say(self, texts: Sequence[str], language: str) -> None:
        """Read the texts one after the other; anything being read is stopped first."""
        voice = self.voice_for(language)
        if self.engine is None or voice is None or not self.can_speak(language):
            return
        self.engine.stop()
        self.engine.setVoice(voice)
        spoken = [text.strip() for text in texts if text and text.strip()]
        if spoken:
            self._begun.start()
            self.engine.say("\n".join(spoken))

    def stop(self) -> None:
        """Stop reading (the person moved on, or the kiosk reset)."""
        self._begun.stop()
        if self.engine is not None:
            self.engine.stop()


class _SpeechCheck(QObject):
    """Says one word at volume zero with each language's voice, one after the other,
    and reports which languages could not be heard; driven by the engine's signals
    and a timer, so the GUI thread only ever handles their arrival."""

    def __init__(
        self,
        engine: QTextToSpeech,
        voices: Mapping[str, QVoice | None],
        then: Callable[[dict[str, SpeechProblem]], None],
    ) -> None:
        super().__init__(engine)
        self._engine = engine
        self._then = then
        self._volume = engine.volume()
        self._waiting = list(voices.items())
        self._problems: dict[str, SpeechProblem] = {}
        self._language: str | None = None
        self._spoke = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(round(CHECK_SECONDS * 1000))
        self._timer.timeout.connect(self._silent)
        engine.stateChanged.connect(self._state_changed)
        engine.setVolume(0.0)
        QTimer.singleShot(0, self, self._next)

    def _next(self) -> None:
        while self._waiting:
            language, voice = self._waiting.pop(0)
            if voice is None:
                self._problems[language] = SpeechProblem.NO_VOICE
                continue
            if SpeechProblem.SILENT in self._problems.values():
                # The audio path failed for one voice: the others wait on it too.
                self._problems[language] = SpeechProblem.SILENT
                continue
            self._language, self._spoke = language, False
            self._engine.setVoice(voice)
            self._timer.start()
            self._engine.say(CHECK_WORDS.get(language, "1"))
            return
        self._finish()

    def _state_changed(self, state: QTextToSpeech.State) -> None:
        if self._language is None:
            return
        if state is self._engine.State.Speaking:
            self._spoke = True
        elif state is self._engine.State.Error:
            log.warning("checking the %s voice: %s", self._language, self._engine.errorString())
            self._done(SpeechProblem.FAILED)
        elif state is self._engine.State.Ready and self._spoke:
            self._done(None)

    def _silent(self) -> None:
        log.warning(
            "checking the %s voice: nothing heard after %s s", self._language, CHECK_SECONDS
        )
        self._engine.stop()
        self._done(SpeechProblem.SILENT)

    def _done(self, problem: SpeechProblem | None) -> None:
        self._timer.stop()
        if self._language is not None and problem is not None:
            self._problems[self._language] = problem
        self._language = None
        QTimer.singleShot(0, self, self._next)

    def cancel(self) -> None:
        """Stop checking (the kiosk closes); nothing is reported."""
        self._timer.stop()
        self._waiting.clear()
        self._language = None
        self._engine.stop()

    def _finish(self) -> None:
        self._engine.setVolume(self._volume)
        self._then(self._problems)
        self.deleteLater()  # which also ends its connection to the engine's signal


def clerk_line(speaker: Speaker, languages: Sequence[str]) -> str:
    """Where reading aloud is offered, and why not elsewhere, in the language on screen."""
    from ui.i18n import language as language_named
    from ui.i18n import translate

    problems = {code: speaker.problem(code) for code in languages}
    offered = [language_named(code).native_name for code, found in problems.items() if not found]
    missing = {code: found for code, found in problems.items() if found is not None}
    if not missing:
        return translate("Speech", "Reading aloud: offered in {languages}.").format(
            languages=", ".join(offered)
        )
    reasons = {
        SpeechProblem.NO_ENGINE: translate(
            "Speech", "speech-dispatcher is not running (start it: python -m ui.speech_daemon)"
        ),
        SpeechProblem.NOT_ANSWERING: translate(
            "Speech", "speech-dispatcher does not answer (a speech module hangs): restart it"
        ),
        SpeechProblem.ENGINE_ERROR: translate(
            "Speech", "the speech engine could not start (the log says why)"
        ),
        SpeechProblem.CHECKING: translate("Speech", "the speech engine is still being checked"),
        SpeechProblem.NO_VOICE: translate("Speech", "no voice is installed for it"),
        SpeechProblem.SILENT: translate(
            "Speech", "a test word never finished: check the sound output"
        ),
        SpeechProblem.FAILED: translate("Speech", "the engine failed saying a test word"),
    }
    lines = [
        translate("Speech", "Reading aloud is not offered in {language}: {reason}.").format(
            language=language_named(code).native_name, reason=reasons[found]
        )
        for code, found in missing.items()
    ]
    if offered:
        lines.insert(
            0,
            translate("Speech", "Reading aloud: offered in {languages}.").format(
                languages=", ".join(offered)
            ),
        )
    return "\n".join(lines)
