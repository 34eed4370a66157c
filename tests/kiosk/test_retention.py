"""Retention: personal data erased a set number of days after the centre acknowledged it."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlite_utils import Database

from kiosk.applications import Application, ApplicationStore
from kiosk.attachments import attachments_of, keep_photo, mark_uploaded
from kiosk.clock import FixedClock, format_timestamp
from kiosk.config import config_from_mapping
from kiosk.errors import ConfigError
from kiosk.retention import ServiceCount, purge_acknowledged, service_counts
from printing.print_queue import PrintQueue
from printing.receipt_layout import PaperSize

ANSWERS = {"full_name": "Zhang Sanfeng", "id_number": "11010519491231002X"}


def _submitted(store: ApplicationStore, db: Database, clock: FixedClock) -> Application:
    draft = store.create_draft("rural-pension", 1, "zh_CN", visit="a-visit")
    application = store.submit(draft.uuid, ANSWERS)
    PrintQueue(db, clock).enqueue(
        application.uuid, application.tracking_number or "", b"%PDF-1.4", PaperSize.ROLL_80
    )
    return application


def _acknowledge(db: Database, clock: FixedClock, application: Application) -> None:
    db.execute(
        "UPDATE outbox SET acknowledged_at = ? WHERE application_uuid = ?",
        [format_timestamp(clock.now()), application.uuid],
    )


def test_personal_data_is_erased_only_after_the_retention_period(
    store: ApplicationStore, db: Database, clock: FixedClock
) -> None:
    application = _submitted(store, db, clock)
    _acknowledge(db, clock, application)
    clock.advance(timedelta(days=30) - timedelta(seconds=1))
    assert purge_acknowledged(db, clock, 30) == 0
    assert store.get(application.uuid).answers == ANSWERS

    clock.advance(timedelta(seconds=1))
    assert purge_acknowledged(db, clock, 30) == 1
    purged = store.get(application.uuid)
    assert purged.answers == {}
    assert purged.purged_at == clock.now()
    assert purged.tracking_number == application.tracking_number  # still checkable
    assert PrintQueue(db, clock).jobs_for(application.uuid) == []
    assert store.find_by_id_number("11010519491231002X") == []
    # nor which other applications the same person made in that visit
    visit = db.execute("SELECT visit FROM applications WHERE uuid = ?", [application.uuid])
    assert visit.fetchone() == (None,)
    assert purge_acknowledged(db, clock, 30) == 0  # nothing left to do


def test_unacknowledged_applications_are_never_erased(
    store: ApplicationStore, db: Database, clock: FixedClock
) -> None:
    application = _submitted(store, db, clock)
    clock.advance(timedelta(days=400))
    assert purge_acknowledged(db, clock, 1) == 0
    assert store.get(application.uuid).answers == ANSWERS


def test_anonymous_counts_survive_the_purge(
    store: ApplicationStore, db: Database, clock: FixedClock
) -> None:
    kept = _submitted(store, db, clock)
    purged = _submitted(store, db, clock)
    _acknowledge(db, clock, purged)
    assert kept.submitted_at is not None
    expected = [ServiceCount(kept.submitted_at.date().isoformat(), "rural-pension", 1, False, 2)]
    assert service_counts(db) == expected
    clock.advance(timedelta(days=31))
    assert purge_acknowledged(db, clock, 30) == 1
    assert service_counts(db) == expected
    audit = db.execute("SELECT details FROM audit WHERE action = 'personal_data_purged'")
    assert json.loads(audit.fetchone()[0]) == {"count": 1}


def test_retention_days_is_configured_and_checked() -> None:
    assert config_from_mapping({}).retention_days == 30
    assert config_from_mapping({"retention_days": 7}).retention_days == 7
    with pytest.raises(ConfigError, match="retention_days"):
        config_from_mapping({"retention_days": 0})


def test_a_photo_is_erased_with_the_answers_only_once_the_centre_holds_it(
    store: ApplicationStore, db: Database, clock: FixedClock
) -> None:
    photo = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40
    sent, waiting = (store.create_draft("rural-pension", 1, "zh_CN") for _ in range(2))
    for draft in (sent, waiting):
        digest = keep_photo(db, store.keys, clock, draft.uuid, "hukou_page", photo)
        _acknowledge(db, clock, store.submit(draft.uuid, {**ANSWERS, "hukou_page": digest}))
    mark_uploaded(db, clock, attachments_of(db, sent.uuid)[0])
    clock.advance(timedelta(days=31))

    assert purge_acknowledged(db, clock, 30) == 2

    kept = dict(db.execute("SELECT application_uuid, sealed_data IS NOT NULL FROM attachments"))
    assert kept == {sent.uuid: 0, waiting.uuid: 1}
