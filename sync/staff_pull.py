"""Pulling the staff accounts the central platform provisions for this kiosk.

Each record must verify under the administrator's key received at enrolment
and name this kiosk (or every kiosk); one that does not is refused, logged
and audited, and left out, so an account it would have replaced is disabled
rather than trusted. The verified list then replaces the kiosk's central
accounts in one transaction (:func:`kiosk.staff_provisioning.replace_provisioned`): an
account the centre disabled, or no longer lists, stops working at once.
"""

from __future__ import annotations

import base64
import binascii
import logging
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlite_utils import Database

from kiosk import audit
from kiosk.clock import Clock
from kiosk.staff import Role
from kiosk.staff_provisioning import ProvisionedAccount, replace_provisioned
from kiosk.store import transaction
from sync import sync_settings
from sync.client import CentralClient
from sync.protocol import ALL_KIOSKS, StaffRecord, staff_signed_bytes

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StaffPullReport:
    """How many accounts changed, and the staff ids refused with their reason codes."""

    changed: int
    refused: tuple[tuple[str, str], ...] = ()


def pull_staff(db: Database, client: CentralClient, clock: Clock) -> StaffPullReport:
    """Fetch, verify and install this kiosk's staff list; network errors propagate."""
    enrolment = sync_settings.enrolment(db)
    if enrolment is None:
        return StaffPullReport(0)
    listed = client.staff()
    accepted: list[ProvisionedAccount] = []
    refused: list[tuple[str, str]] = []
    for record in listed.staff:
        reason = refusal_reason(record, enrolment.kiosk_code, enrolment.signing_public_key)
        if reason is None:
            accepted.append(_account(record))
        else:
            log.warning("staff record %s refused: %s", record.staff_id, reason)
            refused.append((record.staff_id, reason))
    with transaction(db):
        for staff_id, reason in refused:
            details = {"reason_code": reason}
            audit.append(db, "staff_record_refused", staff_id, "central", details, clock)
        changed = replace_provisioned(db, accepted, clock)
    return StaffPullReport(changed, tuple(refused))


def refusal_reason(record: StaffRecord, kiosk_code: str, public_key: str) -> str | None:
    """Why a record may not be installed (``other_kiosk``, ``bad_signature``), or None."""
    if record.kiosk_code not in (kiosk_code, ALL_KIOSKS):
        return "other_kiosk"
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        key.verify(base64.b64decode(record.signature, validate=True), staff_signed_bytes(record))
    except (InvalidSignature, ValueError, binascii.Error):
        return "bad_signature"
    if not record.pin_hash.startswith("$argon2id$"):
        return "weak_hash"
    return None


def _account(record: StaffRecord) -> ProvisionedAccount:
    return ProvisionedAccount(
        staff_id=record.staff_id,
        display_name=record.display_name,
        role=Role(record.role),
        pin_hash=record.pin_hash,
        active=record.active,
    )
