"""Replacing a kiosk's keys: every sealed value opened with the old keys, sealed with new ones.

For a kiosk whose passphrase may have leaked, or on a schedule. Run with the
kiosk program stopped (``kiosk security rotate``): a running kiosk holds the
old public key in memory and would go on sealing to it. Everything happens
in one transaction, so a power cut leaves the old keys and data or the new
ones, never a mix. The central wrap is dropped with the old keys; the next
sync hands the centre a new secret (which replaces the old one there).
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlite_utils import Database

from kiosk.security import key_store, sealing
from kiosk.security.contexts import answers_context, receipt_context
from kiosk.security.key_material import KeyMaterial, KioskKeys
from kiosk.store import compact, transaction


def rotate_keys(
    db: Database,
    keys: KioskKeys,
    passphrase: str,
    now: datetime,
    kdf: key_store.PassphraseKdf | None = None,
) -> KeyMaterial:
    """Re-seal everything under fresh keys wrapped by ``passphrase``; returns the new keys.

    ``keys`` must be unlocked (:class:`~kiosk.errors.KioskLockedError` otherwise).
    """
    old = keys.material()
    new = KeyMaterial.generate()
    with transaction(db):
        _reseal_answers(db, old, new)
        _reseal_receipts(db, old, new)
        db.execute(
            "UPDATE settings SET value = ? WHERE key = ?",
            [new.public_key.hex(), key_store.PUBLIC_KEY_SETTING],
        )
        db.execute("DELETE FROM key_wraps")
        key_store.set_passphrase(db, new, passphrase, now, kdf)
    compact(db)
    return new


def _reseal_answers(db: Database, old: KeyMaterial, new: KeyMaterial) -> None:
    rows = db.execute(
        "SELECT uuid, sealed_answers FROM applications WHERE sealed_answers IS NOT NULL"
    ).fetchall()
    for uuid, sealed in rows:
        context = answers_context(str(uuid))
        plain = sealing.unseal(old.private_key, bytes(sealed), context)
        digest = sealing.applicant_lookup_hash(new.lookup_key, json.loads(plain))
        db.execute(
            "UPDATE applications SET sealed_answers = ?, id_number_hash = ? WHERE uuid = ?",
            [sealing.seal(new.public_key, plain, context), digest, uuid],
        )


def _reseal_receipts(db: Database, old: KeyMaterial, new: KeyMaterial) -> None:
    rows = db.execute("SELECT id, application_uuid, document FROM print_jobs").fetchall()
    for job_id, uuid, document in rows:
        context = receipt_context(str(uuid))
        plain = sealing.unseal(old.private_key, bytes(document), context)
        db.execute(
            "UPDATE print_jobs SET document = ? WHERE id = ?",
            [sealing.seal(new.public_key, plain, context), job_id],
        )
