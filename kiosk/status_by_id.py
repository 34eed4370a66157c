"""Checking one's applications by ID number and date of birth, for a lost receipt.

The person gives the ID number (typed, or read from the ID card's QR code)
and their date of birth. Applications made at this kiosk are found through
the keyed lookup hash of the ID number (:meth:`ApplicationStore.find_by_id_number`;
the number itself is never stored in clear), so the answer needs no
network; when the central platform answers too, its statuses (fresher, and
for applications made at other kiosks) are merged in by tracking number.

The date of birth must agree with the one the ID number carries and with the
one the application recorded, if it did. A date that does not agree is
answered exactly like an ID number with no applications, so a guessed pair
reveals nothing. What is shown is only service, tracking number, status and
date: no personal details, whoever stands at the kiosk.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlite_utils import Database

from kiosk.applications import Application, ApplicationState
from kiosk.errors import KioskLockedError
from kiosk.forms import Claim, check_id_number, normalise_id_number
from kiosk.identity import IdentityResult
from kiosk.storage import KioskStorage

log = logging.getLogger(__name__)

MAX_ANSWERED = 50
"""The most applications one answer lists (a person has a handful; the bound keeps
the local answer, the request to the centre and the screen small)."""

_DATE = re.compile(r"(\d{4})\D?(\d{1,2})\D?(\d{1,2})")
BIRTH_DATE_ANSWER = "birth_date"
"""The answer holding the applicant's date of birth, beside
:data:`~kiosk.security.contexts.APPLICANT_ID_FIELD` (the ID number) in every service form."""


class QueryProblem(StrEnum):
    """Why a query cannot be asked; each has its own message on the screen."""

    ID_NUMBER = "id_number"
    """Not an 18-character resident ID number (length, region, check character)."""
    BIRTH_DATE = "birth_date"
    """Not a date, or a date in the future."""


@dataclass(frozen=True)
class IdQuery:
    """A checked ID number (normalised) with the date of birth the person gave."""

    id_number: str
    birth_date: date

    @property
    def birth_date_agrees(self) -> bool:
        """Whether the given date is the one the ID number carries (7th to 14th digits)."""
        return self.id_number[6:14] == self.birth_date.strftime("%Y%m%d")


def parse_query(id_text: str, birth_text: str, today: date) -> IdQuery | QueryProblem:
    """The query as typed or scanned, or what is wrong with it.

    The date is read as year, month, day, with or without separators
    (``1956-03-12``, ``19560312``, ``1956.3.12``), as the keypad and the ID
    card's QR code give it.
    """
    number = normalise_id_number(id_text)
    if check_id_number(number, today) is not None:
        return QueryProblem.ID_NUMBER
    birth_date = parse_birth_date(birth_text)
    if birth_date is None or birth_date > today:
        return QueryProblem.BIRTH_DATE
    return IdQuery(number, birth_date)


def parse_birth_date(text: str) -> date | None:
    """A date written year first, or None when it is none."""
    match = _DATE.fullmatch(normalise_id_number(text))
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def fields_from_scan(found: IdentityResult) -> tuple[str, str] | None:
    """The ID number and date of birth (empty when the code carries none) a scanned
    ID card gives, or None when its outcome forbids using what it says."""
    claims = found.prefill_claims
    number = claims.get(Claim.ID_NUMBER)
    if not isinstance(number, str):
        return None
    birth = claims.get(Claim.BIRTH_DATE)
    return number, "" if birth is None else str(birth)


@dataclass(frozen=True)
class StatusSummary:
    """What the person is told of one application: nothing that identifies them.

    ``status`` is an :class:`sync.protocol.ApplicationStatus` value, or None
    while the application still waits at the kiosk to be sent; ``day`` is
    the ISO date of that status (or of the submission).
    """

    form_id: str
    form_version: int
    tracking_number: str
    status: str | None
    day: str


StatusOf = Callable[[Database, str], tuple[str, str] | None]
"""The newest known status of an application (by UUID) and its ISO time, if any."""


class CentralAnswer(StrEnum):
    """Whether the central platform's records are part of the answer."""

    INCLUDED = "included"
    UNREACHABLE = "unreachable"
    """Asked but not answered (no link, refused, too many checks): local results only."""
    NOT_ASKED = "not_asked"
    """The kiosk has no central platform (USB transfer only)."""


@dataclass(frozen=True)
class IdLookupResult:
    """Everything found for one query, newest first, and where it was looked for."""

    applications: tuple[StatusSummary, ...]
    central: CentralAnswer
    local_searched: bool = True
    """False while the kiosk is locked: its own applications could not be searched."""


@dataclass(frozen=True)
class LocalFindings:
    """The kiosk's own part of an answer, kept until the centre's part arrives."""

    applications: tuple[StatusSummary, ...]
    searched: bool


def find_at_kiosk(storage: KioskStorage, query: IdQuery, status_of: StatusOf) -> LocalFindings:
    """This kiosk's submitted applications for the query, newest first.

    A locked kiosk cannot compute the lookup hash: it answers with nothing
    searched, and the centre (if reachable) still answers.
    """
    if not query.birth_date_agrees:
        return LocalFindings((), searched=True)
    try:
        found = storage.applications.find_by_id_number(query.id_number)
    except KioskLockedError:
        log.warning("check by ID number: the kiosk is locked, its own applications not searched")
        return LocalFindings((), searched=False)
    summaries = [
        _summary(storage.db, application, status_of)
        for application in found
        if _is_answerable(application, query)
    ]
    return LocalFindings(tuple(summaries[:MAX_ANSWERED]), searched=True)


def combine(
    local: LocalFindings, central: Iterable[StatusSummary] | None, *, central_asked: bool
) -> IdLookupResult:
    """The kiosk's findings with the centre's (None: it did not answer), one per
    tracking number, the centre's status winning, newest first."""
    by_number = {summary.tracking_number: summary for summary in local.applications}
    if central is not None:
        for summary in central:
            kept = by_number.get(summary.tracking_number)
            if kept is None or summary.status is not None:
                by_number[summary.tracking_number] = summary
    ordered = sorted(by_number.values(), key=lambda summary: summary.day, reverse=True)
    if central is not None:
        answered = CentralAnswer.INCLUDED
    else:
        answered = CentralAnswer.UNREACHABLE if central_asked else CentralAnswer.NOT_ASKED
    return IdLookupResult(tuple(ordered[:MAX_ANSWERED]), answered, local.searched)


def _is_answerable(application: Application, query: IdQuery) -> bool:
    """Submitted (a draft has no tracking number to tell) and, where the form asked for
    a date of birth, the same date."""
    if application.state is not ApplicationState.SUBMITTED or not application.tracking_number:
        return False
    recorded = application.answers.get(BIRTH_DATE_ANSWER)
    return not isinstance(recorded, str) or recorded == query.birth_date.isoformat()


def _summary(db: Database, application: Application, status_of: StatusOf) -> StatusSummary:
    assert application.tracking_number is not None  # only submitted ones are summarised
    latest = status_of(db, application.uuid)
    submitted = application.submitted_at or application.created_at
    status, when = latest if latest is not None else (None, submitted.isoformat())
    return StatusSummary(
        application.form_id,
        application.form_version,
        application.tracking_number,
        status,
        when[:10],
    )
