"""What an applicant does at the kiosk that spans several parts, as plain functions.

Each runs on the storage lane with the screens' :class:`KioskStorage` and is
called by a screen's handler in one line, so the rule is tested here without
a display: starting an application (with a clerk's assisted-filling consent
kept beside it), checking a scanned ID against the trust list in force, and
finding an application from a receipt's QR or a typed tracking number.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Generic, TypeVar

from sqlite_utils import Database

from kiosk.applications import Application
from kiosk.assisted import record_assisted_consent
from kiosk.clock import Clock
from kiosk.identity import IdentityResult, VerificationContext, identify
from kiosk.identity.trust_store import kiosk_trust_list
from kiosk.receipt_verification import code_matches, kiosk_secret, parse_qr_payload
from kiosk.storage import KioskStorage

S = TypeVar("S")

log = logging.getLogger(__name__)


def start_application(
    storage: KioskStorage,
    form_id: str,
    form_version: int,
    language: str,
    assisted_by: str | None,
    clock: Clock,
    visit: str | None = None,
) -> Application:
    """Create the draft of a new application, in the visit `visit` (its id) if given;
    with `assisted_by` (a clerk's staff id, whom the applicant agreed to be helped by)
    that consent is kept and audited too."""
    application = storage.applications.create_draft(
        form_id, form_version, language, assisted_by, visit
    )
    if assisted_by is not None:
        record_assisted_consent(storage.db, application.uuid, assisted_by, clock)
    return application


def check_scanned_id(
    storage: KioskStorage, text: str, data_dir: Path, now: datetime
) -> IdentityResult:
    """Verify a scanned ID code against the trust list in force now (installed by sync,
    else the one in the data directory)."""
    trust_list = kiosk_trust_list(storage.db, data_dir)
    return identify(text, VerificationContext(now=now, trust_list=trust_list))


@dataclass(frozen=True)
class FoundApplication(Generic[S]):
    """An application a person asked about, with its latest status as the caller reads it."""

    application: Application
    status: S


def look_up_status(
    storage: KioskStorage, asked: str, status_of: Callable[[Database, str], S]
) -> FoundApplication[S] | None:
    """The application behind a receipt's QR (from a hand-held scanner) or a typed
    tracking number, and its status read by `status_of(db, uuid)`; None when there is
    none at this kiosk, or when the QR's verification code is not this kiosk's.

    A wrong code answers exactly like an unknown number: tracking numbers are
    sequential, and a guessed one must reveal nothing. Works while the kiosk
    is locked (the answers are not read).
    """
    number = asked
    receipt = parse_qr_payload(asked)
    if receipt is not None:
        if not code_matches(kiosk_secret(storage.db), receipt):
            log.warning("receipt QR with a wrong verification code for %s", receipt)
            return None
        number = receipt.tracking_number
    application = storage.applications.service_by_tracking_number(number)
    if application is None:
        return None
    return FoundApplication(application, status_of(storage.db, application.uuid))
