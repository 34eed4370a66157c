"""The moves every flow makes: bring a screen to the front, read it aloud, change
the language, and go back to a clean start.

Flows never reach into one another to move the kiosk. Each is given this
navigator and the :class:`~ui.kiosk_parts.KioskParts`; what one flow hands to
another (a draft a clerk resumes, say) is a narrow Protocol declared by the
flow that needs it, and the kiosk (:mod:`ui.app`) wires them together.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ui.kiosk_parts import KioskParts
from ui.screens.base import Screen
from ui.screens.start import StartScreen
from ui.window import KioskWindow


class Navigator(QObject):
    """Moves the kiosk between screens for every flow; owns "back to a clean start"."""

    leaving = Signal(bool)
    """A reset begins (with `keep_draft`): each flow forgets the person it served."""
    reset_done = Signal()
    """The start screen is back, in the default language, holding no personal data."""
    going_back = Signal()
    """The person tapped Back before answering anything: the flow ends what it began."""

    def __init__(self, window: KioskWindow, start: StartScreen, parts: KioskParts) -> None:
        super().__init__()
        self.window = window
        self.start = start
        self._parts = parts
        window.idle_overlay.timed_out.connect(lambda: self.reset(keep_draft=True))
        parts.inactivity.idle.connect(self._idle)

    @property
    def language(self) -> str:
        """The language of the screens and of the form texts now."""
        return self._parts.switcher.current.code

    def choose_language(self, code: str) -> None:
        """Switch every screen to another language."""
        self._parts.switcher.switch(code)
        self.start.retranslate()
        self.start.offer_reading(self._parts.speaker.can_speak(code))

    def show(self, screen: Screen) -> None:
        """Bring a screen to the front; any screen but the start one is watched for inactivity.

        The read-aloud button shows when there is a voice for the language; in
        elderly mode the screen is read as soon as it appears.
        """
        if screen is not self.start:
            self._parts.inactivity.arm()
        screen.offer_reading(self._parts.speaker.can_speak(self.language))
        self.window.show_screen(screen)
        if self._parts.presentation.reads_automatically:
            self.read_aloud()

    def current_screen(self) -> QWidget | None:
        """The screen in front."""
        return self.window.current_screen()

    def read_aloud(self) -> None:
        """Read the screen in front, in the applicant's language."""
        current = self.window.current_screen()
        if isinstance(current, Screen):
            self._parts.speaker.say(current.spoken_text(), self.language)

    def announce(self, message: str) -> None:
        """Say a message shown on screen, when screens are read aloud by themselves."""
        if self._parts.presentation.reads_automatically:
            self._parts.speaker.say([message], self.language)

    def reset(self, keep_draft: bool) -> None:
        """Back to a clean start screen in the default language, holding no personal data.

        An unfinished application stays stored as a draft for the clerk either
        way; `keep_draft=False` only means the person chose to leave.
        """
        self.leaving.emit(keep_draft)
        parts = self._parts
        parts.speaker.stop()
        parts.presentation.reset()
        parts.inactivity.disarm()
        self.window.idle_overlay.dismiss()
        self._clear_screens()
        self.choose_language(parts.services.config.default_language)
        self.show(self.start)
        self.reset_done.emit()

    def back_to_start(self) -> None:
        """The person tapped Back before giving any answer: the start screen again, in
        the language and look they chose (it is still the same person), nothing kept."""
        self.going_back.emit()
        self._parts.speaker.stop()
        self._parts.inactivity.disarm()
        self._clear_screens()
        self.show(self.start)

    def _clear_screens(self) -> None:
        """Forget what every screen showed, and which button was last tapped: the stack
        gives the focus back to a page shown again, and a focus ring left on a service
        tile would tell the next person what was applied for."""
        for index in range(self.window.stack.count()):
            screen = self.window.stack.widget(index)
            if isinstance(screen, Screen):
                screen.clear_personal_data()
                remembered = screen.focusWidget()
                if remembered is not None:
                    remembered.clearFocus()

    def _idle(self) -> None:
        """A quiet spell: ask "Are you still there?" with a countdown (not on the start screen)."""
        if self.window.current_screen() is self.start:
            return
        parts = self._parts
        seconds = parts.services.config.countdown_seconds * parts.presentation.time_factor
        self.window.idle_overlay.start(seconds)
        self.announce(self.window.idle_overlay.question.text())
