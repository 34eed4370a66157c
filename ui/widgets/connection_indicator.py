"""A small, unobtrusive line showing the link to the county office.

Online or offline, when the kiosk last synced and how many applications
wait to be sent; for the clerk, why it is waiting. It only displays the
reports :class:`ui.sync_runner.SyncRunner` emits.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel

from kiosk.clock import parse_timestamp
from ui.answer_text import local_time_text
from ui.i18n import translate
from ui.theme import TextRole, set_role

if TYPE_CHECKING:  # the sync code loads with the first report, not at start-up
    from sync.worker import SyncReport
from ui.widgets.base import TranslatableWidget


class ConnectionIndicator(TranslatableWidget):
    """Online/offline, last sync and backlog; ``show_reason`` adds why (clerk only)."""

    def __init__(self, zone: tzinfo, *, show_reason: bool = False) -> None:
        super().__init__()
        self._zone = zone
        self._report: SyncReport | None = None
        self._show_reason = show_reason
        self.label = QLabel()
        self.label.setWordWrap(True)
        set_role(self.label, "help", TextRole.SMALL)
        self.label.setObjectName("connectionIndicator")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        self.retranslate()

    def update_report(self, report: object) -> None:
        """Show a new cycle's outcome (connect ``SyncRunner.report`` here)."""
        from sync.worker import SyncReport

        if isinstance(report, SyncReport):
            self._report = report
            self.retranslate()

    def retranslate(self) -> None:
        """Compose the line in the current language."""
        report = self._report
        if report is None:
            self.label.setText(translate("ConnectionIndicator", "Never synced"))
            return
        parts = [
            translate("ConnectionIndicator", "Online")
            if report.online
            else translate("ConnectionIndicator", "Offline")
        ]
        if report.last_sync_at:
            parts.append(
                translate("ConnectionIndicator", "Last sync {time}").format(
                    time=local_time_text(parse_timestamp(report.last_sync_at), self._zone)
                )
            )
        else:
            parts.append(translate("ConnectionIndicator", "Never synced"))
        parts.append(
            translate("ConnectionIndicator", "{count} waiting to be sent").format(
                count=report.backlog
            )
        )
        if self._show_reason and report.error:
            parts.append(
                translate("ConnectionIndicator", "Waiting: {reason}").format(reason=report.error)
            )
        self.label.setText(" · ".join(parts))
