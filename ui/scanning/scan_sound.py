"""The chime that says "your code was read", beside the green frame and the message.

Elderly applicants often look at the card, not at the screen, while they
hold it up; the sound tells them they can lower it. The QSoundEffect is made
the first time the identify step is shown, not at start-up. A kiosk without
a sound card (or a test run offscreen) is a normal kiosk: no effect is made,
nothing is logged as an error, and the visible confirmation remains.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from resources import SCAN_SUCCESS_SOUND

log = logging.getLogger(__name__)


class SoundEffect(Protocol):
    """What the kiosk needs of a sound: to play it (QSoundEffect has this)."""

    def play(self) -> None:
        """Start playing, from the beginning."""


EffectFactory = Callable[[], SoundEffect | None]


def audio_output_effect() -> SoundEffect | None:
    """A QSoundEffect with the scan chime on the default output; None without any output."""
    from PySide6.QtCore import QUrl
    from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

    if not QMediaDevices.audioOutputs():
        log.info("no audio output: scans are confirmed on screen only")
        return None
    effect = QSoundEffect()
    effect.setSource(QUrl.fromLocalFile(str(SCAN_SUCCESS_SOUND)))
    effect.setVolume(0.8)
    return effect


class ScanSound:
    """Plays the chime when a scanned code was read and its answers filled in."""

    def __init__(self, make_effect: EffectFactory = audio_output_effect) -> None:
        self._make_effect = make_effect
        self._effect: SoundEffect | None = None
        self._prepared = False

    @property
    def effect(self) -> SoundEffect | None:
        """The effect played, once prepared; None when there is no audio output."""
        return self._effect

    def prepare(self) -> None:
        """Make the effect (and start loading its file) before the first scan needs it."""
        if not self._prepared:
            self._prepared = True
            self._effect = self._make_effect()

    def play_success(self) -> None:
        """Play the chime, if the kiosk can make sounds."""
        self.prepare()
        if self._effect is not None:
            self._effect.play()
