"""The public's say after the receipt: a one-tap rating on the confirmation
screen, and a complaint or suggestion on a screen of its own.

Nothing here holds the next person back: the rating is stored in the
background, skipping is always possible, and inactivity resets as anywhere.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ui.i18n import translate

if TYPE_CHECKING:
    from ui.kiosk_parts import KioskParts
    from ui.navigation import Navigator
    from ui.screens.confirmation import ConfirmationScreen
    from ui.screens.feedback import FeedbackScreen

log = logging.getLogger(__name__)


class FeedbackFlow(QObject):
    """Stores ratings and complaints, then hands the kiosk back to the start screen."""

    def __init__(
        self,
        screen: FeedbackScreen,
        confirmation: ConfirmationScreen,
        navigator: Navigator,
        parts: KioskParts,
    ) -> None:
        super().__init__()
        self.screen = screen
        self._nav = navigator
        self._clock = parts.services.clock
        self._storage = parts.storage
        confirmation.rated.connect(self.rate)
        confirmation.more_requested.connect(lambda: navigator.show(screen))
        screen.send_requested.connect(self.send)
        screen.skip_requested.connect(lambda: navigator.reset(keep_draft=False))
        screen.read_aloud_requested.connect(navigator.read_aloud)

    def rate(self, rating: int) -> None:
        """Keep a one-tap rating (in the background; the person may already be gone)."""
        self._record(rating=rating)
        self._nav.announce(translate("ConfirmationScreen", "Thank you for your rating."))

    def send(self, topic: str | None, comment: str, contact: str) -> None:
        """Keep a complaint or suggestion, thank the person, and return to the start."""
        if topic is None and not comment.strip():
            message = translate("FeedbackFlow", "Choose what it is about, or write a few words.")
            self.screen.show_problem(message)
            self._nav.announce(message)
            return
        self._record(topic=topic, comment=comment, contact=contact or None)
        self._nav.reset(keep_draft=False)

    def _record(
        self,
        rating: int | None = None,
        topic: str | None = None,
        comment: str | None = None,
        contact: str | None = None,
    ) -> None:
        from kiosk.feedback import record_feedback

        clock, language = self._clock, self._nav.language
        self._storage.run(
            lambda storage: record_feedback(
                storage.db,
                clock,
                language,
                rating,
                topic,
                comment,
                contact,
                keys=storage.applications.keys,
            ),
            None,
            lambda error: log.error("feedback not kept: %s", error),
        )
