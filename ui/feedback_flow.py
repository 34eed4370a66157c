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
    from kiosk.services import KioskServices
    from ui.applicant_flow import ApplicantFlow
    from ui.screens.feedback import FeedbackScreen
    from ui.storage_access import StorageAccess

log = logging.getLogger(__name__)


class FeedbackFlow(QObject):
    """Stores ratings and complaints, then hands the kiosk back to the start screen."""

    def __init__(
        self,
        screen: FeedbackScreen,
        applicant: ApplicantFlow,
        services: KioskServices,
        storage: StorageAccess,
    ) -> None:
        super().__init__()
        self.screen = screen
        self._applicant = applicant
        self._services = services
        self._storage = storage
        confirmation = applicant.screens.confirmation
        confirmation.rated.connect(self.rate)
        confirmation.more_requested.connect(lambda: applicant.show(screen))
        screen.send_requested.connect(self.send)
        screen.skip_requested.connect(lambda: applicant.reset(keep_draft=False))
        screen.read_aloud_requested.connect(applicant.read_aloud)
        applicant.reset_done.connect(screen.clear_personal_data)

    def rate(self, rating: int) -> None:
        """Keep a one-tap rating (in the background; the person may already be gone)."""
        self._record(rating=rating)
        if self._applicant.presentation.reads_automatically:
            self._applicant.speaker.say(
                [translate("ConfirmationScreen", "Thank you for your rating.")],
                self._applicant.language,
            )

    def send(self, topic: str | None, comment: str, contact: str) -> None:
        """Keep a complaint or suggestion, thank the person, and return to the start."""
        if topic is None and not comment.strip():
            message = translate("FeedbackFlow", "Choose what it is about, or write a few words.")
            self.screen.show_problem(message)
            if self._applicant.presentation.reads_automatically:
                self._applicant.speaker.say([message], self._applicant.language)
            return
        self._record(topic=topic, comment=comment, contact=contact or None)
        self._applicant.reset(keep_draft=False)

    def _record(
        self,
        rating: int | None = None,
        topic: str | None = None,
        comment: str | None = None,
        contact: str | None = None,
    ) -> None:
        from kiosk.feedback import record_feedback

        clock, language = self._services.clock, self._applicant.language
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
