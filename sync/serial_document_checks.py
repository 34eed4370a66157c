"""The checks every serial document passes before a kiosk installs it.

Issuer trust lists and fleet settings are both published with a serial that
grows and signed, serial and text together, with the administrator's key
(:class:`sync.protocol.SerialDocument`). A kiosk installs one only when it
carries a signature (``unsigned``) that verifies under the key received at
enrolment (``bad_signature``) and its serial is newer than the installed one
(``rollback``: replaying an older document would undo a later change, such
as a revoked issuer key). What the document itself must say is each kind's
own check. A refused document is remembered by its digest, so that it is
not refused (and audited) again every cycle.
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
from kiosk.store import transaction
from sync import sync_settings
from sync.form_updates import BundleRefused
from sync.protocol import SerialDocument

log = logging.getLogger(__name__)


def verify_serial_document(
    bundle: SerialDocument, signed: bytes, public_key: str, installed: int, what: str
) -> None:
    """Raise :class:`BundleRefused` unless ``bundle`` may replace serial ``installed``.

    ``signed`` is what the signature covers; ``what`` names the kind in messages.
    """
    if not bundle.signature.strip():
        raise BundleRefused("unsigned", f"the {what} carries no signature")
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        key.verify(base64.b64decode(bundle.signature, validate=True), signed)
    except (InvalidSignature, ValueError, binascii.Error) as error:
        raise BundleRefused(
            "bad_signature", "the signature does not verify under the enrolment key"
        ) from error
    if bundle.serial <= installed:
        raise BundleRefused(
            "rollback", f"serial {bundle.serial} is not newer than installed serial {installed}"
        )


def remembered_refusal(db: Database, subject: str, bundle: SerialDocument) -> str | None:
    """The reason this very document was refused before, if it was."""
    remembered, _, reason = (sync_settings.read(db, _refused_setting(subject)) or "").partition(" ")
    return reason if remembered == _digest(bundle) else None


def record_refusal(
    db: Database,
    clock: Clock,
    subject: str,
    bundle: SerialDocument,
    installed: int,
    refusal: BundleRefused,
) -> str:
    """Log, remember and audit a refusal; its reason code."""
    log.warning("refused %s %d (%s): %s", subject, bundle.serial, refusal.reason_code, refusal)
    with transaction(db):
        remembered = f"{_digest(bundle)} {refusal.reason_code}"
        sync_settings.write(db, _refused_setting(subject), remembered)
        audit_serial_change(db, clock, subject, installed, bundle.serial, refusal.reason_code)
    return refusal.reason_code


def audit_serial_change(
    db: Database, clock: Clock, subject: str, installed: int, serial: int, reason: str | None
) -> None:
    """Audit ``{subject}_installed``, or ``{subject}_refused`` with its reason code."""
    details: dict[str, str | int | None] = {"from_version": installed, "to_version": serial}
    if reason is not None:
        details["reason_code"] = reason
    action = f"{subject}_installed" if reason is None else f"{subject}_refused"
    audit.append(db, action=action, subject=subject, actor="kiosk", details=details, clock=clock)


def _refused_setting(subject: str) -> str:
    return f"sync.refused_{subject}"


def _digest(bundle: SerialDocument) -> str:
    text = f"{bundle.serial}\n{bundle.signature}\n{bundle.document}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
