"""Correcting a submitted application before it leaves the kiosk, and assisted consent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlite_utils import Database

from kiosk import audit
from kiosk.applications import ApplicationStore
from kiosk.assisted import consent_of, record_assisted_consent
from kiosk.clock import FixedClock
from kiosk.errors import CorrectionRefusedError, InvalidStateError
from kiosk.store import transaction

ANSWERS = {"full_name": "张三", "household_size": 3}


def test_a_waiting_application_is_corrected_with_its_outbox_entry_and_audited(
    store: ApplicationStore, db: Database, clock: FixedClock
) -> None:
    draft = store.create_draft("rural-pension", 3, "zh_CN")
    submitted = store.submit(draft.uuid, ANSWERS)
    clock.advance(timedelta(minutes=2))

    corrected = store.correct(draft.uuid, {**ANSWERS, "household_size": 4}, "clerk:1001")

    assert corrected.answers["household_size"] == 4
    assert corrected.tracking_number == submitted.tracking_number
    assert store.get(draft.uuid) == corrected
    due = db.execute("SELECT next_attempt_at FROM outbox").fetchone()[0]
    assert due == "2026-11-27T03:32:12.000000Z"
    last = audit.entries(db)[-1]
    assert (last.action, last.subject, last.actor) == (
        "application_corrected",
        draft.uuid,
        "clerk:1001",
    )
    assert last.details["tracking_number"] == submitted.tracking_number
    assert "张三" not in str(last.details)


def test_an_application_already_sent_or_received_is_not_corrected(
    store: ApplicationStore, db: Database
) -> None:
    draft = store.create_draft("rural-pension", 3, "zh_CN")
    store.submit(draft.uuid, ANSWERS)
    with transaction(db):
        db.execute("UPDATE outbox SET attempts = 1")
    with pytest.raises(CorrectionRefusedError) as sent:
        store.correct(draft.uuid, {}, "clerk:1001")
    assert sent.value.reason == "already_sent"
    with transaction(db):
        db.execute("UPDATE outbox SET acknowledged_at = '2026-11-27T03:40:00.000000Z'")
    with pytest.raises(CorrectionRefusedError) as received:
        store.correct(draft.uuid, {}, "clerk:1001")
    assert received.value.reason == "acknowledged"
    assert store.get(draft.uuid).answers == ANSWERS
    assert audit.entries(db)[-1].action == "application_submitted"

    other = store.create_draft("rural-pension", 3, "zh_CN")
    with pytest.raises(InvalidStateError):
        store.correct(other.uuid, ANSWERS, "clerk:1001")


def test_assisted_consent_is_kept_beside_the_application(
    store: ApplicationStore, db: Database, clock: FixedClock
) -> None:
    draft = store.create_draft("rural-pension", 3, "zh_CN", assisted_by="1001")
    assert consent_of(db, draft.uuid) is None

    record_assisted_consent(db, draft.uuid, "1001", clock)

    assert consent_of(db, draft.uuid) == "1001"
    last = audit.entries(db)[-1]
    assert (last.action, last.actor) == ("assisted_consent_given", "clerk:1001")
