"""The public's feedback reaches the central platform exactly once, whatever the link does."""

from __future__ import annotations

import pytest
import requests

from bench.fault_proxy import Fault, FaultProxy
from central import admin_access
from kiosk.feedback import FeedbackError, record_feedback, unsent
from kiosk.security.key_store import open_keys
from tests.central.platform import Platform
from tests.sync.conftest import Kiosk


def give_feedback(kiosk: Kiosk) -> None:
    record_feedback(kiosk.db, kiosk.clock, "zh_CN", rating=5)
    record_feedback(kiosk.db, kiosk.clock, "ug", rating=2)
    record_feedback(
        kiosk.db,
        kiosk.clock,
        "en",
        topic="waiting",
        comment="  The queue for the printer was long.  ",
        contact="138 0013 8000",
    )


def test_feedback_is_sent_once_and_counted_in_the_statistics(
    kiosk: Kiosk, platform: Platform, proxy: FaultProxy
) -> None:
    give_feedback(kiosk)
    proxy.fault = Fault.DROP_RESPONSE  # the centre stores it; the kiosk never hears so

    assert not kiosk.worker.run_once().online
    assert len(unsent(kiosk.db, open_keys(kiosk.db))) == 3
    proxy.fault = Fault.PASS
    assert kiosk.worker.run_once().online

    assert unsent(kiosk.db, open_keys(kiosk.db)) == []
    assert platform.count("SELECT COUNT(*) FROM feedback") == 3
    with platform.database.transaction() as connection:
        token = admin_access.create_admin_token(connection)
        comment, contact = connection.query(
            "SELECT comment, contact FROM feedback WHERE topic = 'waiting'"
        )[0]
    assert (comment, contact) == ("The queue for the printer was long.", "138 0013 8000")
    figures = requests.get(
        f"{platform.url}/api/v1/admin/statistics",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    ).json()["feedback"]
    assert figures == {
        "comments": 1,
        "ratings": {"2": 1, "5": 1},
        "topics": {"waiting": 1},
        "average_rating": 3.5,
    }


def test_feedback_that_says_nothing_or_something_unknown_is_refused(kiosk: Kiosk) -> None:
    for wrong in ({}, {"rating": 6}, {"rating": 0}, {"topic": "weather"}, {"comment": "   "}):
        with pytest.raises(FeedbackError):
            record_feedback(kiosk.db, kiosk.clock, "zh_CN", **wrong)
    assert unsent(kiosk.db, open_keys(kiosk.db)) == []


def test_the_audit_log_records_feedback_without_its_words(kiosk: Kiosk) -> None:
    give_feedback(kiosk)

    rows = kiosk.db.execute(
        "SELECT action, details FROM audit WHERE action = 'feedback_given'"
    ).fetchall()

    assert len(rows) == 3
    assert all("queue" not in str(details) and "138" not in str(details) for _, details in rows)


def test_the_words_and_the_contact_are_sealed_on_disk(kiosk: Kiosk) -> None:
    give_feedback(kiosk)
    kiosk.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    raw = kiosk.path.read_bytes()

    assert b"printer was long" not in raw and b"138 0013 8000" not in raw
    contacts = {item.contact for item in unsent(kiosk.db, open_keys(kiosk.db))}
    assert contacts == {None, "138 0013 8000"}
