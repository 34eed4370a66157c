"""Fetching the issuer trust list and installing it only when the administrator signed it.

A trust list is installed only when it passes the checks of every serial
document (:mod:`sync.serial_document_checks`: signed, verified, newer than
the installed one, since replaying an older list would bring back a key
revoked since) and its text is a valid trust list for the kiosk's own parser
(``invalid``); else it is refused with a logged, audited reason and the
installed list stays in use. The same checks apply to a list arriving on a
USB stick with the form bundles.
"""

from __future__ import annotations

import logging

from sqlite_utils import Database

from kiosk.clock import Clock
from kiosk.identity import TrustListError, parse_trust_list
from kiosk.identity.trust_store import (
    DOCUMENT_SETTING,
    SERIAL_SETTING,
    SIGNATURE_SETTING,
    installed_serial,
)
from kiosk.store import transaction
from sync import sync_settings
from sync.client import CentralClient
from sync.form_updates import BundleRefused
from sync.protocol import TrustListBundle, trust_list_signed_bytes
from sync.serial_document_checks import (
    audit_serial_change,
    record_refusal,
    remembered_refusal,
    verify_serial_document,
)

log = logging.getLogger(__name__)

SUBJECT = "trust_list"


def verify_trust_list(bundle: TrustListBundle, public_key: str, installed: int) -> None:
    """Raise :class:`BundleRefused` unless the list may replace the installed one."""
    signed = trust_list_signed_bytes(bundle.serial, bundle.document)
    verify_serial_document(bundle, signed, public_key, installed, "trust list")
    try:
        parse_trust_list(bundle.document)
    except TrustListError as error:
        raise BundleRefused("invalid", f"the trust list is invalid: {error}") from error


INSTALLED, UNCHANGED = "installed", "unchanged"


def install_trust_list(db: Database, bundle: TrustListBundle, clock: Clock) -> str:
    """Verify and install a list (fetched or from USB).

    Returns ``installed``, ``unchanged`` (the installed list itself, or a kiosk
    not enrolled) or the reason code it was refused for (logged and audited
    the first time).
    """
    enrolment = sync_settings.enrolment(db)
    installed = installed_serial(db)
    if enrolment is None or bundle.serial == installed:
        return UNCHANGED
    remembered = remembered_refusal(db, SUBJECT, bundle)
    if remembered is not None:
        return remembered
    try:
        verify_trust_list(bundle, enrolment.signing_public_key, installed)
    except BundleRefused as refusal:
        return record_refusal(db, clock, SUBJECT, bundle, installed, refusal)
    with transaction(db):
        sync_settings.write(db, SERIAL_SETTING, str(bundle.serial))
        sync_settings.write(db, DOCUMENT_SETTING, bundle.document)
        sync_settings.write(db, SIGNATURE_SETTING, bundle.signature)
        audit_serial_change(db, clock, SUBJECT, installed, bundle.serial, None)
    log.info("installed trust list %d", bundle.serial)
    return INSTALLED


def update_trust_list(db: Database, client: CentralClient, clock: Clock) -> int | None:
    """Fetch a newer list if the centre has one; the serial installed, else None."""
    if sync_settings.enrolment(db) is None:
        return None
    bundle = client.trust_list(after=installed_serial(db)).bundle
    if bundle is None or install_trust_list(db, bundle, clock) != INSTALLED:
        return None
    return bundle.serial
