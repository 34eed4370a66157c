"""Status updates come back to the kiosk; the audit chain is anchored at the centre."""

from __future__ import annotations

import pytest

from central import statuses
from sync import sync_settings
from sync.audit_anchor import anchor_audit_chain
from sync.client import CentralRefused
from sync.protocol import ApplicationStatus
from sync.status_pull import latest_status
from tests.central.platform import Platform
from tests.sync.conftest import Kiosk


def test_a_status_set_at_the_centre_reaches_the_kiosk(kiosk: Kiosk, platform: Platform) -> None:
    (application,) = kiosk.submit(1)
    assert latest_status(kiosk.db, application.uuid) is None
    kiosk.worker.run_once()
    received = latest_status(kiosk.db, application.uuid)
    assert received is not None and received.status is ApplicationStatus.RECEIVED
    assert application.tracking_number is not None
    with platform.database.transaction() as connection:
        statuses.set_status(
            connection,
            application.tracking_number,
            ApplicationStatus.REJECTED,
            {"zh_CN": "收入超过标准", "en": "Income above the limit"},
            platform.clock.now(),
        )
        statuses.set_status(
            connection,
            application.tracking_number,
            ApplicationStatus.DOCUMENTS_NEEDED,
            {"*": "户口本"},
            platform.clock.now(),
        )
    assert kiosk.worker.run_once().statuses == 2
    latest = latest_status(kiosk.db, application.uuid)
    assert latest is not None and latest.status is ApplicationStatus.DOCUMENTS_NEEDED
    assert latest.note_in("en") == "户口本"
    assert kiosk.worker.run_once().statuses == 0
    assert sync_settings.read(kiosk.db, sync_settings.STATUS_CURSOR) == "2"


def test_the_audit_chain_is_anchored_and_a_rewritten_one_refused(
    kiosk: Kiosk, platform: Platform
) -> None:
    kiosk.submit(2)
    kiosk.worker.run_once()
    head = int(kiosk.db.execute("SELECT MAX(id) FROM audit").fetchone()[0])
    anchored = platform.count("SELECT head_id FROM audit_anchors WHERE kiosk_code = 'LQ03'")
    assert anchored == head
    # A kiosk whose history was rewritten from the anchored head on cannot anchor it.
    kiosk.db.execute("DROP TRIGGER audit_is_append_only_update")
    kiosk.db.execute("UPDATE audit SET hash = ? WHERE id = ?", ["e" * 64, anchored])
    kiosk.submit(1)
    with pytest.raises(CentralRefused) as refused:
        anchor_audit_chain(kiosk.db, kiosk.client, backlog=0)
    assert refused.value.code == "audit_chain_broken"
