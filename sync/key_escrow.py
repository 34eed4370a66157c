"""The central platform's part in the kiosk's keys: holding the unlock secret, releasing it.

When the kiosk is unlocked and the centre holds no secret for it yet, a fresh
random secret is sent to the centre and the keys are wrapped under it; the
secret itself is never written on the kiosk. After a reboot the kiosk is
locked; the first sync asks the centre for the secret and unlocks, so a
kiosk that lost power at night is back to normal by the first sync of the
morning, with nobody typing anything. See ``docs/security.md``.
"""

from __future__ import annotations

import base64
import logging
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from kiosk.applications import fill_lookup_hashes
from kiosk.errors import StorageError, UnlockRefusedError
from kiosk.security import key_store
from kiosk.security.key_material import KioskKeys
from kiosk.store import compact, transaction
from sync import sync_settings
from sync.client import CentralClient, CentralRefused, CentralUnavailable
from sync.protocol import UnlockSecret
from sync.transport import RequestsTransport

log = logging.getLogger(__name__)


def unlock_through_centre(db: Database, client: CentralClient, keys: KioskKeys) -> bool:
    """Unlock with the secret the centre releases; True when the kiosk is unlocked after.

    A centre that holds no secret for this kiosk (404), a revoked kiosk
    (403) or a secret that does not open the keys leave it locked, logged.
    :class:`~sync.client.CentralUnavailable` propagates: the link is down.
    """
    if keys.is_unlocked:
        return True
    if key_store.WrapMethod.CENTRAL not in key_store.protections(db):
        return False
    try:
        released = client.unlock_secret()
        material = key_store.unlock_with_central_secret(db, base64.b64decode(released.secret))
        keys.unlock(material)
    except (CentralRefused, UnlockRefusedError) as error:
        log.warning("the central platform did not unlock this kiosk: %s", error)
        return False
    filled = fill_lookup_hashes(db, keys)
    log.info("kiosk unlocked by the central platform (%d lookup hashes filled in)", filled)
    return True


def escrow_with_centre(db: Database, client: CentralClient, keys: KioskKeys, now: datetime) -> bool:
    """Give the centre an unlock secret if it holds none yet; True when one was given.

    Needs the kiosk unlocked (the keys are wrapped under the new secret).
    The wrap is stored only after the centre confirmed it holds the secret,
    so a lost answer leaves the old state, and the next sync tries again.
    """
    if not keys.is_unlocked or key_store.WrapMethod.CENTRAL in key_store.protections(db):
        return False
    secret = key_store.new_central_secret()
    client.store_unlock_secret(UnlockSecret(secret=base64.b64encode(secret).decode("ascii")))
    with transaction(db):
        key_store.set_central_secret(db, keys.material(), secret, now)
    forget_unprotected_copy(db)
    log.info("the central platform now holds this kiosk's unlock secret")
    return True


def forget_unprotected_copy(db: Database) -> None:
    """Rewrite the file so the keys' unprotected copy, just deleted, leaves no trace.

    Best effort: another connection's long read can keep the WAL from being
    truncated; the next compaction (at the next migration or protection
    change) finishes it, and the clerk's log says so.
    """
    try:
        compact(db)
    except StorageError as error:
        log.warning("could not compact the database after protecting the keys: %s", error)


def escrow_at_once(
    db: Database, keys: KioskKeys, central_url: str | None, ca_bundle: Path | None, now: datetime
) -> str:
    """Hand the centre the unlock secret now, while the keys are open (``kiosk security init``).

    Without it a kiosk protected by a passphrase would start locked and
    could only be unlocked by typing the passphrase once, after which the
    next sync does the same. Returns what happened, for the administrator.
    """
    enrolment = sync_settings.enrolment(db)
    if central_url is None or enrolment is None:
        return "not enrolled yet: the first sync after an unlock gives the centre its secret"
    import requests

    with requests.Session() as session:
        client = CentralClient(central_url, RequestsTransport(session, ca_bundle))
        client.credential = enrolment.credential
        try:
            given = escrow_with_centre(db, client, keys, now)
        except (CentralUnavailable, CentralRefused) as error:
            return f"the centre could not be reached ({error}); the next sync will try again"
    return "the central platform holds the unlock secret" if given else "already held by the centre"
