"""Checking applications by ID number and date of birth: from "Check my application"
to the list of what was found.

Navigation only; the rules are in :mod:`kiosk.status_by_id`. The kiosk's own
applications are searched on the storage lane first; the centre is then
asked on the sync lane (:mod:`sync.status_by_id`), and the two answers shown
together, or the kiosk's alone, saying so, when the centre does not answer.
An answer that arrives after the person left is dropped.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ui.kiosk_parts import KioskParts
from ui.navigation import Navigator
from ui.problems import failure_message
from ui.screens.check_by_id import CheckByIdScreen
from ui.screens.check_status import CheckStatusScreen

if TYPE_CHECKING:  # storage and network code load on their lanes
    from kiosk.identity import IdentityResult
    from kiosk.status_by_id import IdLookupResult, IdQuery, LocalFindings, StatusSummary
    from kiosk.storage import KioskStorage

log = logging.getLogger(__name__)


class CheckByIdFlow(QObject):
    """Moves between the check screens and asks the kiosk, then the centre."""

    def __init__(
        self,
        screen: CheckByIdScreen,
        check: CheckStatusScreen,
        navigator: Navigator,
        parts: KioskParts,
    ) -> None:
        super().__init__(screen)  # lives as long as its screen
        self.screen = screen
        self._nav = navigator
        self._parts = parts
        self._asked: IdQuery | None = None
        """The query whose answer is awaited; None once the person has left."""
        check.by_id_requested.connect(lambda: navigator.show(screen))
        screen.back_requested.connect(lambda: navigator.show(check))
        screen.lookup_requested.connect(self.look_up)
        screen.code_scanned.connect(self._scanned)
        screen.read_aloud_requested.connect(navigator.read_aloud)
        navigator.leaving.connect(lambda _keep_draft: self._forget())
        navigator.going_back.connect(self._forget)

    def look_up(self, id_text: str, birth_text: str) -> None:
        """Check what was typed, then search the kiosk and ask the centre."""
        from kiosk.status_by_id import QueryProblem, find_at_kiosk, parse_query

        self._parts.inactivity.arm()
        services = self._parts.services
        today = services.clock.now().astimezone(services.zone).date()
        query = parse_query(id_text, birth_text, today)
        if isinstance(query, QueryProblem):
            log.info("check by ID number refused: %s", query.value)
            self._nav.announce(self.screen.show_problem(query))
            return
        self._asked = query

        def search(storage: KioskStorage) -> LocalFindings:
            from sync.status_by_id import status_and_time

            return find_at_kiosk(storage, query, status_and_time)

        self._parts.storage.run(
            search, lambda local: self._found_locally(query, local), self._failed
        )

    def _found_locally(self, query: IdQuery, local: LocalFindings) -> None:
        from kiosk.status_by_id import combine

        if self._asked is not query:
            return
        runner = self._parts.sync
        if not runner.configured:
            self._show(query, combine(local, None, central_asked=False))
            return

        def centre_answered(central: tuple[StatusSummary, ...]) -> None:
            self._show(query, combine(local, central, central_asked=True))

        def centre_silent(error: Exception) -> None:
            log.warning("check by ID number: the central platform did not answer: %s", error)
            self._show(query, combine(local, None, central_asked=True))

        from sync.status_by_id import ask_centre

        runner.ask(lambda db, client: ask_centre(db, client, query), centre_answered, centre_silent)

    def _show(self, query: IdQuery, found: IdLookupResult) -> None:
        if self._asked is not query:
            return  # the person left while the centre was being asked
        self._asked = None
        log.info("check by ID number: %d found, centre %s", len(found.applications), found.central)
        catalogue, language = self._parts.services.catalogue, self._nav.language
        message = self.screen.show_found(
            found, lambda form_id, version: catalogue.title(form_id, version, language)
        )
        self._nav.announce(message)

    def _scanned(self, text: str) -> None:
        """Check a scanned ID card's code against the trust list, then use what it says."""
        services = self._parts.services
        now = services.clock.now()
        data_dir = services.paths.data_dir

        def check(storage: KioskStorage) -> IdentityResult:
            from kiosk.applicant_actions import check_scanned_id

            return check_scanned_id(storage, text, data_dir, now)

        self._parts.storage.run(check, self._checked, self._failed)

    def _checked(self, found: IdentityResult) -> None:
        from kiosk.status_by_id import fields_from_scan
        from ui.scanning.messages import outcome_message

        log.info("ID scan to check applications: %s %s", found.outcome.value, found.detail)
        fields = fields_from_scan(found)
        if fields is None:
            message = outcome_message(found, self._nav.language)
            self.screen.show_result(message)
            self._nav.announce(message)
            return
        self.screen.fill(*fields)
        if fields[1]:
            self.look_up(*fields)

    def _failed(self, error: Exception) -> None:
        self._asked = None
        message = failure_message(error)
        self.screen.show_result(message)
        self._nav.announce(message)

    def _forget(self) -> None:
        self._asked = None
