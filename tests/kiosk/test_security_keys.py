"""Wrapped keys: unprotected until protected, locked after a restart, opened by the passphrase."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlite_utils import Database

from kiosk.applications import ApplicationStore, fill_lookup_hashes
from kiosk.clock import FixedClock
from kiosk.errors import KioskLockedError, SealedDataDamagedError, UnlockRefusedError
from kiosk.security import key_store
from kiosk.security.key_material import KioskKeys
from kiosk.security.rotation import rotate_keys
from kiosk.store import open_database, transaction
from printing.print_queue import PrintQueue
from printing.receipt_layout import PaperSize
from tests.kiosk.conftest import KIOSK_CODE
from tests.kiosk.security_fixtures import (
    PASSPHRASE,
    QUICK_KDF,
    locked_keys,
    protect_with_passphrase,
)

ANSWERS = {"full_name": "Zhang Sanfeng", "id_number": "11010519491231002X"}


def test_a_new_database_has_keys_that_are_not_yet_protected(db: Database) -> None:
    assert key_store.protections(db) == [key_store.WrapMethod.UNPROTECTED]
    assert key_store.open_keys(db).is_unlocked


def test_protecting_removes_the_plain_copy_and_locks_the_next_start(
    db: Database, clock: FixedClock
) -> None:
    protect_with_passphrase(db, clock)
    assert key_store.protections(db) == [key_store.WrapMethod.PASSPHRASE]
    keys = locked_keys(db)
    keys.unlock(key_store.unlock_with_passphrase(db, PASSPHRASE))
    assert keys.is_unlocked


def test_a_wrong_passphrase_is_refused(db: Database, clock: FixedClock) -> None:
    protect_with_passphrase(db, clock)
    with pytest.raises(UnlockRefusedError):
        key_store.unlock_with_passphrase(db, PASSPHRASE + "!")


def test_a_short_passphrase_is_refused(db: Database, clock: FixedClock) -> None:
    material = key_store.open_keys(db).material()
    with pytest.raises(ValueError, match="at least"), transaction(db):
        key_store.set_passphrase(db, material, "short", clock.now(), QUICK_KDF)
    assert key_store.protections(db) == [key_store.WrapMethod.UNPROTECTED]


def test_unlocking_without_a_passphrase_set_says_so(db: Database) -> None:
    with pytest.raises(UnlockRefusedError, match="no recovery passphrase"):
        key_store.unlock_with_passphrase(db, PASSPHRASE)


def test_a_central_secret_opens_the_keys_and_another_does_not(
    db: Database, clock: FixedClock
) -> None:
    material = key_store.open_keys(db).material()
    secret = key_store.new_central_secret()
    with transaction(db):
        key_store.set_central_secret(db, material, secret, clock.now())
    opened = key_store.unlock_with_central_secret(db, secret)
    assert opened.public_key == material.public_key
    with pytest.raises(UnlockRefusedError):
        key_store.unlock_with_central_secret(db, key_store.new_central_secret())


def test_a_locked_kiosk_takes_applications_but_cannot_read_them(
    db: Database, clock: FixedClock
) -> None:
    protect_with_passphrase(db, clock)
    store = ApplicationStore(db, clock, KIOSK_CODE, keys=locked_keys(db))
    draft = store.create_draft("rural-pension", 1, "zh_CN")
    store.save_draft(draft.uuid, ANSWERS, "full_name")
    submitted = store.submit(draft.uuid, ANSWERS)
    assert submitted.answers == ANSWERS  # given back from memory, not read back
    assert submitted.tracking_number is not None
    with pytest.raises(KioskLockedError):
        store.get(draft.uuid)
    with pytest.raises(KioskLockedError):
        store.find_by_id_number("11010519491231002X")
    found = store.service_by_tracking_number(submitted.tracking_number)
    assert found is not None and found.form_id == "rural-pension"
    assert found.answers == {}


def test_unlocking_fills_in_the_lookup_hashes_written_while_locked(
    db: Database, clock: FixedClock
) -> None:
    protect_with_passphrase(db, clock)
    keys = locked_keys(db)
    store = ApplicationStore(db, clock, KIOSK_CODE, keys=keys)
    draft = store.create_draft("rural-pension", 1, "zh_CN")
    store.submit(draft.uuid, ANSWERS)
    keys.unlock(key_store.unlock_with_passphrase(db, PASSPHRASE))
    assert store.find_by_id_number("11010519491231002X") == []
    assert fill_lookup_hashes(db, keys) == 1
    [found] = store.find_by_id_number("11010519491231002x")
    assert found.uuid == draft.uuid
    assert found.answers == ANSWERS


def test_answers_pasted_into_another_row_are_refused(store: ApplicationStore, db: Database) -> None:
    first = store.create_draft("rural-pension", 1, "zh_CN")
    second = store.create_draft("rural-pension", 1, "zh_CN")
    store.save_draft(first.uuid, ANSWERS, None)
    db.execute(
        "UPDATE applications SET sealed_answers ="
        " (SELECT sealed_answers FROM applications WHERE uuid = ?) WHERE uuid = ?",
        [first.uuid, second.uuid],
    )
    with pytest.raises(SealedDataDamagedError):
        store.get(second.uuid)


def test_a_database_copied_from_another_kiosk_does_not_open_with_this_kiosks_secrets(
    tmp_path: Path, clock: FixedClock
) -> None:
    ours = _protected_kiosk(tmp_path / "ours.db", clock, PASSPHRASE)
    theirs = _protected_kiosk(tmp_path / "theirs.db", clock, "another kiosk's passphrase")
    secret = key_store.new_central_secret()
    with transaction(ours):
        key_store.set_central_secret(
            ours, key_store.unlock_with_passphrase(ours, PASSPHRASE), secret, clock.now()
        )
    ours.close()
    theirs.close()
    shutil.copy(tmp_path / "theirs.db", tmp_path / "ours.db")
    copied = open_database(tmp_path / "ours.db", clock=clock).db
    try:
        with pytest.raises(UnlockRefusedError):
            key_store.unlock_with_passphrase(copied, PASSPHRASE)
        with pytest.raises(UnlockRefusedError):
            key_store.unlock_with_central_secret(copied, secret)
    finally:
        copied.close()


def _protected_kiosk(path: Path, clock: FixedClock, passphrase: str) -> Database:
    db = open_database(path, clock=clock).db
    material = key_store.open_keys(db).material()
    with transaction(db):
        key_store.set_passphrase(db, material, passphrase, clock.now(), QUICK_KDF)
    store = ApplicationStore(db, clock, KIOSK_CODE)
    draft = store.create_draft("rural-pension", 1, "zh_CN")
    store.submit(draft.uuid, ANSWERS)
    return db


def test_rotation_reseals_everything_under_new_keys(
    store: ApplicationStore, db: Database, clock: FixedClock
) -> None:
    draft = store.create_draft("rural-pension", 1, "zh_CN")
    submitted = store.submit(draft.uuid, ANSWERS)
    PrintQueue(db, clock).enqueue(
        submitted.uuid, submitted.tracking_number or "", b"%PDF-1.4", PaperSize.ROLL_80
    )
    old = store.keys.material()
    new = rotate_keys(db, store.keys, "a brand new passphrase", clock.now(), QUICK_KDF)

    assert key_store.public_key(db) == new.public_key != old.public_key
    assert key_store.protections(db) == [key_store.WrapMethod.PASSPHRASE]
    keys = locked_keys(db)
    keys.unlock(key_store.unlock_with_passphrase(db, "a brand new passphrase"))
    reopened = ApplicationStore(db, clock, KIOSK_CODE, keys=keys)
    assert reopened.get(draft.uuid).answers == ANSWERS
    assert [a.uuid for a in reopened.find_by_id_number("11010519491231002X")] == [draft.uuid]
    [job] = PrintQueue(db, clock, keys).jobs_for(submitted.uuid)
    assert PrintQueue(db, clock, keys).document(job.id) == b"%PDF-1.4"
    stale = KioskKeys(old.public_key, old)
    with pytest.raises(SealedDataDamagedError):
        ApplicationStore(db, clock, KIOSK_CODE, keys=stale).get(draft.uuid)
