"""The applicant's use cases on a real database: start, scanned ID, status look-up."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from kiosk import audit
from kiosk.applicant_actions import (
    FoundApplication,
    check_scanned_id,
    look_up_status,
    start_application,
)
from kiosk.applications import ApplicationStore
from kiosk.assisted import consent_of
from kiosk.clock import FixedClock
from kiosk.identity import Outcome, trust_list_path
from kiosk.receipt_verification import ReceiptReference, qr_payload, reference_for
from kiosk.storage import KioskStorage
from tests.identity.claim169_factory import NOW, ed25519_key, signed_code, trust_list_json

ANSWERS = {"full_name": "张三", "household_size": 3}


@pytest.fixture
def storage(db: Database, store: ApplicationStore) -> KioskStorage:
    """The screens' storage on the test database."""
    return KioskStorage(db, store, set_aside=None)


def _uuid_only(db: Database, uuid: str) -> str:
    return uuid


def test_an_application_started_alone_has_no_consent(
    storage: KioskStorage, db: Database, clock: FixedClock
) -> None:
    draft = start_application(storage, "rural-pension", 3, "ug", None, clock)

    assert (draft.form_id, draft.form_version, draft.language) == ("rural-pension", 3, "ug")
    assert draft.assisted_by is None and consent_of(db, draft.uuid) is None
    assert "assisted_consent_given" not in {entry.action for entry in audit.entries(db)}


def test_an_assisted_application_keeps_the_consent_beside_its_draft(
    storage: KioskStorage, db: Database, clock: FixedClock
) -> None:
    draft = start_application(storage, "rural-pension", 3, "zh_CN", "1001", clock)

    assert draft.assisted_by == "1001"
    assert consent_of(db, draft.uuid) == "1001"
    last = audit.entries(db)[-1]
    assert (last.action, last.subject, last.actor) == (
        "assisted_consent_given",
        draft.uuid,
        "clerk:1001",
    )


def test_a_signed_id_verifies_only_with_its_issuer_on_the_trust_list(
    storage: KioskStorage, tmp_path: Path
) -> None:
    key = ed25519_key()
    code = signed_code(key)
    data_dir = tmp_path / "data"
    data_dir.mkdir()

    assert check_scanned_id(storage, code, data_dir, NOW).outcome is Outcome.UNKNOWN_ISSUER

    trust_list_path(data_dir).write_text(trust_list_json([key.trust_entry()]), encoding="utf-8")
    assert check_scanned_id(storage, code, data_dir, NOW).outcome is Outcome.VERIFIED


def test_a_typed_tracking_number_and_the_receipts_qr_find_the_same_application(
    storage: KioskStorage, store: ApplicationStore, db: Database
) -> None:
    draft = store.create_draft("rural-pension", 3, "zh_CN")
    submitted = store.submit(draft.uuid, ANSWERS)
    assert submitted.tracking_number is not None
    scanned = qr_payload(reference_for(db, submitted.tracking_number))

    typed = look_up_status(storage, submitted.tracking_number, _uuid_only)
    from_qr = look_up_status(storage, scanned, _uuid_only)

    assert isinstance(typed, FoundApplication)
    assert typed.application.uuid == draft.uuid and typed.status == draft.uuid
    assert from_qr == typed
    assert "household_size" not in typed.application.answers  # the answers are not read


def test_a_receipt_qr_with_a_wrong_code_reveals_nothing(
    storage: KioskStorage, store: ApplicationStore, db: Database
) -> None:
    draft = store.create_draft("rural-pension", 3, "zh_CN")
    number = store.submit(draft.uuid, ANSWERS).tracking_number
    assert number is not None
    right = reference_for(db, number)
    wrong = ReceiptReference(number, "000000" if right.code != "000000" else "111111")

    assert look_up_status(storage, qr_payload(wrong), _uuid_only) is None
    assert look_up_status(storage, "LQ03-261127-9999-X", _uuid_only) is None
