"""Unlocking a running kiosk with the recovery passphrase, and what follows from it."""

from __future__ import annotations

from sqlite_utils import Database

from kiosk.applications import fill_lookup_hashes
from kiosk.security import key_store
from kiosk.security.key_material import KioskKeys


def unlock_with_passphrase(db: Database, keys: KioskKeys, passphrase: str) -> int:
    """Open the keys into ``keys`` and hash the ID numbers written while locked.

    Returns how many lookup hashes were filled in; raises
    :class:`~kiosk.errors.UnlockRefusedError` for a wrong passphrase.
    """
    keys.unlock(key_store.unlock_with_passphrase(db, passphrase))
    return fill_lookup_hashes(db, keys)
