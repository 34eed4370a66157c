"""The dashboard's figures and the disk and sync watch, from a real database file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from kiosk.applications import ApplicationStore
from kiosk.capacity import MEGABYTE, FreeSpaceReader, Level, Limits, read_capacity
from kiosk.clock import FixedClock
from kiosk.dashboard import figures, figures_csv
from kiosk.services import KIOSK_TIME_ZONE

LIMITS = Limits(disk_warn_mb=500, disk_refuse_mb=100, sync_warn_hours=72)


def submit(store: ApplicationStore, form_id: str, assisted_by: str | None = None) -> str:
    draft = store.create_draft(form_id, 1, "zh_CN", assisted_by=assisted_by)
    submitted = store.submit(draft.uuid, {"name": "x"})
    assert submitted.tracking_number is not None
    return submitted.tracking_number


def test_today_and_this_month_count_per_service_and_assistance(
    db: Database, clock: FixedClock, store: ApplicationStore
) -> None:
    # 2026-11-02 in Beijing, then three on 2026-11-27 (one assisted), one on 11-27 just
    # before midnight UTC, which is already 11-28 in Beijing: tomorrow, not today.
    clock.set(datetime(2026, 11, 2, 1, 0, tzinfo=UTC))
    submit(store, "rural-pension-enrolment")
    clock.set(datetime(2026, 10, 31, 15, 59, tzinfo=UTC))  # 23:59 on 31 October in Beijing
    submit(store, "rural-pension-enrolment")
    clock.set(datetime(2026, 11, 27, 2, 0, tzinfo=UTC))
    submit(store, "rural-pension-enrolment")
    submit(store, "rural-pension-enrolment", assisted_by="1001")
    submit(store, "minimum-living-allowance")
    store.create_draft("medical-insurance-enrolment", 1, "ug")

    found = figures(db, datetime(2026, 11, 27, 9, 0, tzinfo=UTC), KIOSK_TIME_ZONE)

    today = {service.form_id: service for service in found.today.services}
    assert today["rural-pension-enrolment"].self_service == 1
    assert today["rural-pension-enrolment"].assisted == 1
    assert today["minimum-living-allowance"].total == 1
    assert (found.today.total, found.today.assisted) == (3, 1)
    assert (found.month.total, found.month.assisted) == (4, 1)
    assert found.drafts == 1
    by_day = {count.day: (count.self_service, count.assisted) for count in found.month_by_day}
    assert sorted(by_day) == list(range(1, 28))
    assert by_day[2] == (1, 0) and by_day[27] == (2, 1) and by_day[1] == (0, 0)
    assert found.waiting_to_sync == 5
    assert found.oldest_unsynced_at == datetime(2026, 10, 31, 15, 59, tzinfo=UTC)


def test_acknowledged_applications_no_longer_wait(
    db: Database, store: ApplicationStore, clock: FixedClock
) -> None:
    submit(store, "rural-pension-enrolment")
    submit(store, "rural-pension-enrolment")
    db.execute("UPDATE outbox SET acknowledged_at = '2026-11-27T04:00:00.000000Z' WHERE id = 1")

    found = figures(db, clock.now(), KIOSK_TIME_ZONE)

    assert found.waiting_to_sync == 1


def test_csv_has_one_row_per_period_and_service(
    db: Database, store: ApplicationStore, clock: FixedClock
) -> None:
    submit(store, "rural-pension-enrolment", assisted_by="1001")

    rows = figures_csv(figures(db, clock.now(), KIOSK_TIME_ZONE)).splitlines()

    assert rows == [
        "period,service,self_service,assisted,total",
        "today,rural-pension-enrolment,0,1,1",
        "month,rural-pension-enrolment,0,1,1",
    ]


def free(megabytes: int) -> FreeSpaceReader:
    return lambda _path: megabytes * MEGABYTE


def test_disk_levels_warn_then_refuse_new_applications(db_path: Path, db: Database) -> None:
    now = datetime(2026, 11, 27, tzinfo=UTC)
    readings = {
        mb: read_capacity(db_path.parent, db_path, None, now, LIMITS, free(mb))
        for mb in (2000, 499, 99)
    }

    assert readings[2000].disk is Level.OK and not readings[2000].needs_clerk
    assert readings[499].disk is Level.WARN and readings[499].accepts_new_applications
    assert readings[499].needs_clerk
    assert readings[99].disk is Level.REFUSE and not readings[99].accepts_new_applications
    assert readings[2000].database_mb > 0


def test_a_sync_older_than_the_limit_needs_the_clerk(db_path: Path, db: Database) -> None:
    now = datetime(2026, 11, 27, tzinfo=UTC)
    recent = read_capacity(
        db_path.parent, db_path, now - timedelta(hours=71), now, LIMITS, free(2000)
    )
    old = read_capacity(db_path.parent, db_path, now - timedelta(hours=73), now, LIMITS, free(2000))
    never = read_capacity(db_path.parent, db_path, None, now, LIMITS, free(2000))

    assert not recent.sync_overdue and old.sync_overdue and not never.sync_overdue
    assert old.needs_clerk and old.accepts_new_applications
