"""Helpers for the at-rest protection tests: cheap Argon2 costs and a protected kiosk."""

from __future__ import annotations

from sqlite_utils import Database

from kiosk.clock import Clock
from kiosk.security import key_store
from kiosk.security.key_material import KioskKeys
from kiosk.store import transaction

QUICK_KDF = key_store.PassphraseKdf(iterations=1, memory_kib=64, lanes=1)
"""Argon2id at its cheapest: the tests check the wrapping, not the cost."""

PASSPHRASE = "correct horse battery staple"


def protect_with_passphrase(db: Database, clock: Clock) -> None:
    """Set the recovery passphrase, as `kiosk security init` does, removing the plain copy."""
    material = key_store.open_keys(db).material()
    with transaction(db):
        key_store.set_passphrase(db, material, PASSPHRASE, clock.now(), QUICK_KDF)


def locked_keys(db: Database) -> KioskKeys:
    """The keys as a protected kiosk has them after a restart."""
    keys = key_store.open_keys(db)
    assert not keys.is_unlocked
    return keys
