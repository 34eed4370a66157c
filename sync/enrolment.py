"""Enrolling the kiosk: one enrolment code in, a credential and the trusted key kept.

The signing key received here is the only key the kiosk will accept form
bundles from, so enrolment happens once, over a link the installer trusts
(TLS verified, or the installer's own network).
"""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlite_utils import Database

from kiosk import audit
from kiosk.clock import Clock
from kiosk.store import transaction
from sync import sync_settings
from sync.client import CentralClient
from sync.protocol import raw_private, raw_public
from sync.sync_settings import Enrolment


def enrol(db: Database, client: CentralClient, enrolment_code: str, clock: Clock) -> Enrolment:
    """Exchange the code and store the credential and key in one transaction.

    Raises :class:`sync.client.CentralRefused` for a used or unknown code and
    :class:`sync.client.CentralUnavailable` when the centre cannot be reached.
    """
    kiosk_key = Ed25519PrivateKey.generate()
    answer = client.enrol(enrolment_code, raw_public(kiosk_key))
    with transaction(db):
        sync_settings.write(db, sync_settings.KIOSK_PRIVATE_KEY, raw_private(kiosk_key))
        if answer.transfer_public_key is not None:
            sync_settings.write(db, sync_settings.TRANSFER_KEY, answer.transfer_public_key)
        sync_settings.write(db, sync_settings.KIOSK_CODE, answer.kiosk_code)
        sync_settings.write(db, sync_settings.CREDENTIAL, answer.credential)
        sync_settings.write(db, sync_settings.SIGNING_KEY, answer.signing_public_key)
        audit.append(
            db,
            action="kiosk_enrolled",
            subject=answer.kiosk_code,
            actor="kiosk",
            details={"kiosk_code": answer.kiosk_code},
            clock=clock,
        )
    client.credential = answer.credential
    return Enrolment(answer.kiosk_code, answer.credential, answer.signing_public_key)
