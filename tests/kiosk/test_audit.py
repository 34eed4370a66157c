"""The audit hash chain: linking, verification, tamper detection, no personal data."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import timedelta

import pytest
from sqlite_utils import Database

from kiosk import audit
from kiosk.audit import GENESIS_HASH, AuditVerification
from kiosk.clock import FixedClock
from kiosk.store import transaction


def _append_many(db: Database, clock: FixedClock, count: int) -> list[audit.AuditEntry]:
    entries = []
    for number in range(1, count + 1):
        with transaction(db):
            entries.append(
                audit.append(
                    db,
                    action="application_submitted",
                    subject=f"uuid-{number}",
                    actor="applicant",
                    details={"form_id": "rural-pension", "tracking_number": f"LQ03-{number}"},
                    clock=clock,
                )
            )
        clock.advance(timedelta(seconds=30))
    return entries


def _tamper(db: Database, sql: str) -> None:
    """Do what someone with the file and a SQL shell could: drop the guards first."""
    db.execute("DROP TRIGGER IF EXISTS audit_is_append_only_update")
    db.execute("DROP TRIGGER IF EXISTS audit_is_append_only_delete")
    db.execute(sql)


def test_entries_link_to_their_predecessor(db: Database, clock: FixedClock) -> None:
    first, second, third = _append_many(db, clock, 3)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert [e.id for e in audit.entries(db)] == [1, 2, 3]
    assert audit.entries(db) == [first, second, third]


def test_an_empty_and_an_intact_chain_verify(db: Database, clock: FixedClock) -> None:
    assert audit.verify(db) == AuditVerification(True, 0, None, None)
    _append_many(db, clock, 10)
    assert audit.verify(db) == AuditVerification(True, 10, None, None)


def test_append_must_share_the_callers_transaction(db: Database, clock: FixedClock) -> None:
    with pytest.raises(RuntimeError, match="transaction"):
        audit.append(db, "application_submitted", "uuid-1", "applicant", {}, clock)


def test_an_entry_rolled_back_with_its_change_leaves_no_trace(
    db: Database, clock: FixedClock
) -> None:
    _append_many(db, clock, 2)
    with pytest.raises(LookupError), transaction(db):
        audit.append(db, "draft_discarded", "uuid-x", "kiosk", {}, clock)
        raise LookupError("the change failed")
    _append_many(db, clock, 1)
    assert audit.verify(db) == AuditVerification(True, 3, None, None)


def test_an_edited_entry_is_named(db: Database, clock: FixedClock) -> None:
    _append_many(db, clock, 6)
    _tamper(db, """UPDATE audit SET details = '{"form_id":"other"}' WHERE id = 4""")
    result = audit.verify(db)
    assert (result.ok, result.first_broken_id, result.entries_checked) == (False, 4, 3)
    assert result.reason is not None and "altered" in result.reason


def _documented_hash(prev_hash: str, content: dict[str, object]) -> str:
    """sha256 over the previous hash and the canonical JSON of the entry."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def test_the_hash_is_the_documented_one(db: Database, clock: FixedClock) -> None:
    first, second = _append_many(db, clock, 2)
    content = {
        "id": 2,
        "at": "2026-11-27T03:30:42.000000Z",
        "action": "application_submitted",
        "subject": "uuid-2",
        "actor": "applicant",
        "details": {"form_id": "rural-pension", "tracking_number": "LQ03-2"},
    }
    assert second.hash == _documented_hash(first.hash, content)


def test_an_edited_and_rehashed_entry_breaks_the_next_link(db: Database, clock: FixedClock) -> None:
    entries = _append_many(db, clock, 6)
    content = {
        "id": 3,
        "at": entries[2].at,
        "action": "application_submitted",
        "subject": "uuid-3",
        "actor": "kiosk",
        "details": {},
    }
    forged = _documented_hash(entries[1].hash, content)
    _tamper(
        db, f"UPDATE audit SET actor = 'kiosk', details = '{{}}', hash = '{forged}' WHERE id = 3"
    )
    result = audit.verify(db)
    assert (result.ok, result.first_broken_id) == (False, 4)
    assert result.reason is not None and "link" in result.reason


@pytest.mark.parametrize(("deleted", "broken"), [(1, 1), (3, 3), (6, 6)])
def test_a_deleted_entry_is_named(
    db: Database, clock: FixedClock, deleted: int, broken: int
) -> None:
    _append_many(db, clock, 6)
    _tamper(db, f"DELETE FROM audit WHERE id = {deleted}")
    result = audit.verify(db)
    assert (result.ok, result.first_broken_id, result.entries_checked) == (
        False,
        broken,
        broken - 1,
    )
    assert result.reason is not None and "missing" in result.reason


def test_the_schema_refuses_edits_and_deletions(db: Database, clock: FixedClock) -> None:
    _append_many(db, clock, 2)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE audit SET actor = 'kiosk'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM audit")
    assert audit.verify(db).ok


@pytest.mark.parametrize(
    "details",
    [
        {"full_name": "张三"},  # a key that could hold personal data
        {"answers": "{}"},
        {"form_id": "张三"},  # prose, not an identifier
        {"form_id": "Zhang San"},
        {"tracking_number": {"nested": "dict"}},
        {"form_id": ["a", "list"]},
    ],
)
def test_details_that_could_carry_personal_data_are_refused(
    db: Database, clock: FixedClock, details: dict[str, object]
) -> None:
    with transaction(db), pytest.raises(ValueError):
        audit.append(db, "application_submitted", "uuid-1", "applicant", details, clock)  # type: ignore[arg-type]
    assert audit.entries(db) == []


@pytest.mark.parametrize(
    ("action", "subject", "actor"),
    [
        ("Application Submitted", "uuid-1", "applicant"),
        ("application_submitted", "张三", "applicant"),
        ("application_submitted", "", "applicant"),
        ("application_submitted", "uuid-1", "Clerk Zhang"),
    ],
)
def test_action_subject_and_actor_must_be_identifiers(
    db: Database, clock: FixedClock, action: str, subject: str, actor: str
) -> None:
    with transaction(db), pytest.raises(ValueError):
        audit.append(db, action, subject, actor, {}, clock)
