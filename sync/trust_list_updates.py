"""Fetching the issuer trust list and installing it only when the administrator signed it.

A trust list is installed only when all of these hold, else it is refused
with a logged, audited reason and the installed list stays in use:

- it carries a signature (``unsigned``) that verifies, over its serial and
  text, under the key received at enrolment (``bad_signature``);
- its serial is newer than the installed one (``rollback``: replaying an
  older list would bring back a key revoked since);
- the text is a valid trust list for the kiosk's own parser (``invalid``).

The same checks apply to a list arriving on a USB stick with the form bundles.
A refused list is remembered by its digest, so it is not refused (and
audited) again every cycle.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlite_utils import Database

from kiosk import audit
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

log = logging.getLogger(__name__)

REFUSED_SETTING = "sync.refused_trust_list"
SUBJECT = "trust_list"


def verify_trust_list(bundle: TrustListBundle, public_key: str, installed: int) -> None:
    """Raise :class:`BundleRefused` unless the list may replace the installed one."""
    if not bundle.signature.strip():
        raise BundleRefused("unsigned", "the trust list carries no signature")
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        signature = base64.b64decode(bundle.signature, validate=True)
        key.verify(signature, trust_list_signed_bytes(bundle.serial, bundle.document))
    except (InvalidSignature, ValueError, binascii.Error) as error:
        raise BundleRefused(
            "bad_signature", "the signature does not verify under the enrolment key"
        ) from error
    if bundle.serial <= installed:
        raise BundleRefused(
            "rollback", f"serial {bundle.serial} is not newer than installed serial {installed}"
        )
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
    digest = _digest(bundle)
    remembered, _, reason = (sync_settings.read(db, REFUSED_SETTING) or "").partition(" ")
    if remembered == digest:
        return reason
    try:
        verify_trust_list(bundle, enrolment.signing_public_key, installed)
    except BundleRefused as refusal:
        log.warning("refused trust list %d (%s): %s", bundle.serial, refusal.reason_code, refusal)
        with transaction(db):
            sync_settings.write(db, REFUSED_SETTING, f"{digest} {refusal.reason_code}")
            _audit(db, clock, "trust_list_refused", installed, bundle.serial, refusal.reason_code)
        return refusal.reason_code
    with transaction(db):
        sync_settings.write(db, SERIAL_SETTING, str(bundle.serial))
        sync_settings.write(db, DOCUMENT_SETTING, bundle.document)
        sync_settings.write(db, SIGNATURE_SETTING, bundle.signature)
        _audit(db, clock, "trust_list_installed", installed, bundle.serial, None)
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


def _digest(bundle: TrustListBundle) -> str:
    text = f"{bundle.serial}\n{bundle.signature}\n{bundle.document}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _audit(
    db: Database, clock: Clock, action: str, installed: int, serial: int, reason: str | None
) -> None:
    details: dict[str, str | int | None] = {"from_version": installed, "to_version": serial}
    if reason is not None:
        details["reason_code"] = reason
    audit.append(db, action=action, subject=SUBJECT, actor="kiosk", details=details, clock=clock)
