"""Drafts and the durable, atomic, idempotent submit."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from kiosk import audit, tracking
from kiosk.applications import ApplicationState, ApplicationStore, StateCounts
from kiosk.clock import FixedClock
from kiosk.errors import (
    InvalidStateError,
    NotFoundError,
    StorageError,
    StorageFullError,
)
from kiosk.store import connect
from tests.kiosk.conftest import KIOSK_CODE, START

ANSWERS = {"full_name": "张三", "birth_date": "1950-03-01", "members": [{"relation": "spouse"}]}


def _count(db: Database, table: str) -> int:
    return int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_a_new_draft_is_empty_and_stored(store: ApplicationStore) -> None:
    draft = store.create_draft("rural-pension", 3, "zh_CN")
    assert draft.state is ApplicationState.DRAFT
    assert draft.answers == {}
    assert draft.position is None
    assert draft.tracking_number is None
    assert draft.created_at == START
    assert store.get(draft.uuid) == draft


def test_saving_a_draft_keeps_answers_and_position(
    store: ApplicationStore, clock: FixedClock
) -> None:
    draft = store.create_draft("rural-pension", 3, "en")
    clock.advance(timedelta(minutes=2))
    saved = store.save_draft(draft.uuid, ANSWERS, "birth_date")
    assert saved.answers == ANSWERS
    assert saved.position == "birth_date"
    assert saved.updated_at == START + timedelta(minutes=2)
    assert store.get(draft.uuid) == saved


def test_drafts_are_listed_most_recently_touched_first(
    store: ApplicationStore, clock: FixedClock
) -> None:
    first = store.create_draft("a", 1, "zh_CN")
    clock.advance(timedelta(seconds=1))
    second = store.create_draft("b", 1, "zh_CN")
    clock.advance(timedelta(seconds=1))
    store.save_draft(first.uuid, {"x": 1}, "x")
    submitted = store.create_draft("c", 1, "zh_CN")
    store.submit(submitted.uuid, {})
    assert [d.uuid for d in store.drafts()] == [first.uuid, second.uuid]


def test_unknown_uuid_is_not_found(store: ApplicationStore) -> None:
    with pytest.raises(NotFoundError) as caught:
        store.get("no-such-uuid")
    assert caught.value.code == "not_found"
    with pytest.raises(NotFoundError):
        store.save_draft("no-such-uuid", {}, None)
    with pytest.raises(NotFoundError):
        store.submit("no-such-uuid", {})


def test_a_submitted_application_is_not_a_draft_any_more(store: ApplicationStore) -> None:
    draft = store.create_draft("rural-pension", 3, "zh_CN")
    store.submit(draft.uuid, ANSWERS)
    with pytest.raises(InvalidStateError) as caught:
        store.save_draft(draft.uuid, {}, None)
    assert caught.value.code == "invalid_state"
    with pytest.raises(InvalidStateError):
        store.discard_draft(draft.uuid)
    assert store.get(draft.uuid).answers == ANSWERS


def test_discarding_a_draft_deletes_it_and_is_audited(
    store: ApplicationStore, db: Database
) -> None:
    draft = store.create_draft("rural-pension", 3, "zh_CN")
    store.save_draft(draft.uuid, ANSWERS, "full_name")
    store.discard_draft(draft.uuid)
    with pytest.raises(NotFoundError):
        store.get(draft.uuid)
    [created, entry] = audit.entries(db)
    assert (created.action, created.subject, created.actor) == (
        "application_created",
        draft.uuid,
        "applicant",
    )
    assert (entry.action, entry.subject) == ("draft_discarded", draft.uuid)
    assert "张三" not in str(entry.details)


def test_submit_writes_application_audit_and_outbox_together(
    store: ApplicationStore, db: Database, db_path: Path, clock: FixedClock
) -> None:
    draft = store.create_draft("rural-pension", 3, "zh_CN", assisted_by="clerk-07")
    clock.advance(timedelta(minutes=5))
    submitted = store.submit(draft.uuid, ANSWERS)

    assert submitted.state is ApplicationState.SUBMITTED
    assert submitted.answers == ANSWERS
    assert submitted.submitted_at == START + timedelta(minutes=5)
    assert submitted.tracking_number is not None
    assert tracking.parse(submitted.tracking_number).kiosk_code == KIOSK_CODE

    # Committed, not merely pending: a separate connection sees all of it.
    other = connect(db_path)
    try:
        assert ApplicationStore(other, clock, KIOSK_CODE).get(draft.uuid) == submitted
        outbox = other.execute(
            "SELECT application_uuid, attempts, acknowledged_at, next_attempt_at FROM outbox"
        ).fetchall()
        assert outbox == [(draft.uuid, 0, None, "2026-11-27T03:35:12.000000Z")]
        [created, entry] = audit.entries(other)
    finally:
        other.close()
    assert (created.action, created.actor) == ("application_created", "clerk:clerk-07")
    assert entry.action == "application_submitted"
    assert entry.subject == draft.uuid
    assert entry.actor == "clerk:clerk-07"
    assert entry.details == {
        "form_id": "rural-pension",
        "form_version": 3,
        "tracking_number": submitted.tracking_number,
        "assisted": True,
    }


def test_submit_is_idempotent(store: ApplicationStore, db: Database, clock: FixedClock) -> None:
    draft = store.create_draft("rural-pension", 3, "zh_CN")
    first = store.submit(draft.uuid, ANSWERS)
    clock.advance(timedelta(seconds=3))
    again = store.submit(draft.uuid, {"something": "else"})
    assert again == first
    assert _count(db, "outbox") == 1
    assert _count(db, "audit") == 2  # created, submitted once
    assert first.tracking_number is not None
    issued = tracking.parse(first.tracking_number).sequence
    assert db.execute("SELECT last_value FROM tracking_sequence").fetchone()[0] == issued


@pytest.mark.parametrize("table", ["audit", "outbox"])
def test_a_failure_inside_submit_leaves_the_draft_untouched(
    store: ApplicationStore, db: Database, table: str
) -> None:
    draft = store.create_draft("rural-pension", 3, "zh_CN")
    saved = store.save_draft(draft.uuid, {"full_name": "李四"}, "full_name")
    db.execute(
        f"CREATE TRIGGER fail_{table} BEFORE INSERT ON {table}"
        " BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
    )

    with pytest.raises(StorageError, match="injected failure"):
        store.submit(draft.uuid, ANSWERS)

    assert not db.conn.in_transaction
    after = store.get(draft.uuid)
    assert after == saved
    assert after.state is ApplicationState.DRAFT
    assert after.tracking_number is None
    assert _count(db, "audit") == 1  # only the creation
    assert _count(db, "outbox") == 0
    assert _count(db, "tracking_sequence") == 0

    # Once the cause is gone the same draft submits, with the first number of the day.
    db.execute(f"DROP TRIGGER fail_{table}")
    submitted = store.submit(draft.uuid, ANSWERS)
    assert submitted.tracking_number is not None
    assert tracking.parse(submitted.tracking_number).sequence == 1


def test_a_full_disk_fails_submit_cleanly(store: ApplicationStore, db: Database) -> None:
    draft = store.create_draft("rural-pension", 3, "zh_CN")
    saved = store.save_draft(draft.uuid, {"full_name": "王五"}, "full_name")
    page_count = int(db.execute("PRAGMA page_count").fetchone()[0])
    db.execute(f"PRAGMA max_page_count = {page_count}")
    big = {**ANSWERS, "notes": "住址变更说明" * 2000}  # needs pages the file may not grow

    with pytest.raises(StorageFullError) as caught:
        store.submit(draft.uuid, big)
    assert caught.value.code == "storage_full"

    assert not db.conn.in_transaction
    assert store.get(draft.uuid) == saved
    assert _count(db, "outbox") == 0
    assert _count(db, "audit") == 1  # only the creation

    db.execute("PRAGMA max_page_count = 1073741823")
    assert store.submit(draft.uuid, big).state is ApplicationState.SUBMITTED


def test_answers_that_are_not_json_are_refused_before_writing(store: ApplicationStore) -> None:
    draft = store.create_draft("rural-pension", 3, "zh_CN")
    with pytest.raises(TypeError):
        store.submit(draft.uuid, {"birth_date": START})  # dates are the caller's to format
    assert store.get(draft.uuid).state is ApplicationState.DRAFT


def test_find_by_tracking_number_accepts_sloppy_typing(store: ApplicationStore) -> None:
    draft = store.create_draft("rural-pension", 3, "zh_CN")
    submitted = store.submit(draft.uuid, ANSWERS)
    assert submitted.tracking_number is not None
    typed = submitted.tracking_number.lower().replace("-", " ")
    assert store.find_by_tracking_number(typed) == submitted
    assert store.find_by_tracking_number(submitted.tracking_number.replace("-", "")) == submitted
    assert store.find_by_tracking_number("LQ03-261127-9999-Z") is None
    assert store.find_by_tracking_number("hello") is None


def test_count_by_state(store: ApplicationStore) -> None:
    assert store.count_by_state() == StateCounts(draft=0, submitted=0)
    for _ in range(3):
        store.create_draft("rural-pension", 3, "zh_CN")
    store.submit(store.create_draft("rural-pension", 3, "zh_CN").uuid, {})
    assert store.count_by_state() == StateCounts(draft=3, submitted=1)


def test_submitted_applications_cannot_be_deleted_before_acknowledgement(
    store: ApplicationStore, db: Database
) -> None:
    draft = store.create_draft("rural-pension", 3, "zh_CN")
    store.submit(draft.uuid, ANSWERS)
    with pytest.raises(sqlite3.IntegrityError, match="kept until"):
        db.execute("DELETE FROM applications WHERE uuid = ?", [draft.uuid])
    with pytest.raises(sqlite3.IntegrityError, match="kept until"):
        db.execute("DELETE FROM outbox")
    with pytest.raises(sqlite3.IntegrityError, match="keeps its state"):
        db.execute("UPDATE applications SET state = 'draft', tracking_number = NULL")

    db.execute("UPDATE outbox SET acknowledged_at = '2026-11-28T00:00:00.000000Z'")
    db.execute("DELETE FROM applications WHERE uuid = ?", [draft.uuid])  # retention may purge
    assert _count(db, "outbox") == 0


def test_invalid_arguments_are_refused(db: Database, clock: FixedClock) -> None:
    with pytest.raises(ValueError):
        ApplicationStore(db, clock, "lq03")
    store = ApplicationStore(db, clock, KIOSK_CODE)
    with pytest.raises(ValueError):
        store.create_draft("rural-pension", 0, "zh_CN")
    with pytest.raises(ValueError):
        store.create_draft("rural-pension", 1, "zh_CN", assisted_by="Clerk Zhang")
