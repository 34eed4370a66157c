"""The queue's pages, read per kiosk or per service or in one pass, on both databases.

Every filter is paged through to the end and compared with the same rows
sorted in Python: whichever way a page is read (one index in due order, or
one part per kiosk or service merged), it lists each matching application
once, in due order, and nothing else.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from central.console.queue import QueueFilter, QueueItem, queue_page
from central.database import Database
from central.schema import create_schema

TODAY = date(2026, 11, 27)
KIOSKS = {"QA01": "东乡", "QA02": "东乡", "QA03": "西乡", "QA04": None}
FORMS = ("form-a", "form-b", "form-c")
STATUSES = (None, "received", "in_review", "documents_needed", "approved", "rejected")


@pytest.fixture
def filled(database: Database) -> list[tuple[str, str, str, str | None, str, int]]:
    """240 applications spread over kiosks, services, statuses and due dates.

    Every application of kiosk QA03 is decided: its township has nothing open.
    """
    create_schema(database)
    rng = random.Random(15)
    rows = []
    with database.transaction() as connection:
        for code, township in KIOSKS.items():
            connection.execute(
                "INSERT INTO kiosks (code, name, created_at, township) VALUES (?, ?, ?, ?)",
                [code, code, "2026-01-01T00:00:00.000000Z", township],
            )
        for number in range(240):
            kiosk = rng.choice(list(KIOSKS))
            status = rng.choice(STATUSES[4:] if kiosk == "QA03" else STATUSES)
            due = (TODAY + timedelta(days=rng.randint(-10, 10))).isoformat()
            row = (
                f"{number:08d}-0000-4000-8000-{rng.randbytes(6).hex()}",
                kiosk,
                rng.choice(FORMS),
                status,
                due,
                number % 3 == 0,
            )
            connection.execute(
                "INSERT INTO applications (uuid, kiosk_code, form_id, form_version, language,"
                " tracking_number, submitted_at, assisted, answers, content_hash, received_at,"
                " status, due_on) VALUES (?, ?, ?, 1, 'zh_CN', ?, ?, ?, '{}', '', ?, ?, ?)",
                [
                    row[0],
                    kiosk,
                    row[2],
                    f"{kiosk}-261127-{number:04d}-0",
                    "2026-11-20T00:00:00.000000Z",
                    int(row[5]),
                    "2026-11-20T00:00:00.000000Z",
                    status,
                    due,
                ],
            )
            rows.append((row[0], kiosk, row[2], status, due, int(row[5])))
    return rows


def _every_page(database: Database, filters: QueueFilter) -> list[QueueItem]:
    items: list[QueueItem] = []
    after = None
    with database.transaction() as connection:
        while True:
            page = queue_page(connection, filters, TODAY, after, limit=7)
            items.extend(page.items)
            if page.next_after is None:
                return items
            after = page.next_after


FILTERS = {
    "open": QueueFilter(),
    "all": QueueFilter(status="all"),
    "one service": QueueFilter(services=("form-b",)),
    "two services": QueueFilter(services=("form-a", "form-c")),
    "township": QueueFilter(townships=("东乡",)),
    "township with nothing open": QueueFilter(townships=("西乡",)),
    "township and service": QueueFilter(townships=("东乡",), services=("form-a",)),
    "township, all statuses": QueueFilter(townships=("东乡",), status="all"),
    "kiosk": QueueFilter(kiosk="QA02"),
    "kiosk outside the township": QueueFilter(townships=("东乡",), kiosk="QA03"),
    "in review": QueueFilter(status="in_review"),
    "submitted, service": QueueFilter(status="submitted", services=("form-a",)),
    "approved, township": QueueFilter(status="approved", townships=("西乡",)),
    "overdue, township": QueueFilter(overdue_only=True, townships=("东乡",)),
    "assisted, service": QueueFilter(assisted=True, services=("form-c",)),
}


@pytest.mark.parametrize("name", FILTERS)
def test_every_filter_pages_through_each_match_once_in_due_order(
    database: Database, filled: list[tuple[str, str, str, str | None, str, int]], name: str
) -> None:
    filters = FILTERS[name]

    def matches(row: tuple[str, str, str, str | None, str, int]) -> bool:
        _, kiosk, form_id, status, due, assisted = row
        decided = status in ("approved", "rejected")
        return (
            (not filters.services or form_id in filters.services)
            and (not filters.townships or KIOSKS[kiosk] in filters.townships)
            and (not filters.kiosk or kiosk == filters.kiosk)
            and (
                filters.status == "all"
                or (filters.status == "open" and not decided)
                or (filters.status == "submitted" and status is None)
                or status == filters.status
            )
            and (not filters.overdue_only or (due < TODAY.isoformat() and not decided))
            and (filters.assisted is None or assisted == int(filters.assisted))
        )

    expected = sorted((row[4], row[0]) for row in filled if matches(row))
    listed = [(item.due_on, item.uuid) for item in _every_page(database, filters)]
    assert listed == expected
    if name == "township with nothing open":
        assert listed == []
    elif name != "kiosk outside the township":
        assert listed  # the filter is not vacuous


def test_each_row_names_its_township(
    database: Database, filled: list[tuple[str, str, str, str | None, str, int]]
) -> None:
    items = _every_page(database, QueueFilter(townships=("东乡",)))
    assert {item.township for item in items} == {"东乡"}
    assert {item.kiosk_code for item in items} == {"QA01", "QA02"}
