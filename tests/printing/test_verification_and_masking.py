"""The QR's verification code and the masking of identifying numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from kiosk.receipt_verification import (
    SECRET_SETTING,
    ReceiptReference,
    code_matches,
    kiosk_secret,
    parse_qr_payload,
    qr_payload,
    reference_for,
    verification_code,
)
from kiosk.store import connect
from printing.masking import mask_id_number, mask_phone

TRACKING = "LQ03-261127-0042-K"


def test_id_numbers_keep_region_and_check_character_only() -> None:
    assert mask_id_number("11010519491231002X") == "1101**********002X"
    assert mask_id_number("1234") == "****"


def test_mobile_numbers_keep_prefix_and_last_four() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("085112345678") == "********5678"


def test_code_is_short_unambiguous_and_depends_on_secret_and_number() -> None:
    code = verification_code(b"a" * 32, TRACKING)

    assert len(code) == 6
    assert not set(code) & set("ILOU")
    assert verification_code(b"a" * 32, TRACKING) == code
    assert verification_code(b"b" * 32, TRACKING) != code
    assert verification_code(b"a" * 32, "LQ03-261127-0043-8") != code


def test_payload_round_trips_and_foreign_codes_are_refused() -> None:
    reference = ReceiptReference(TRACKING, verification_code(b"s" * 32, TRACKING))

    assert parse_qr_payload(qr_payload(reference)) == reference
    assert code_matches(b"s" * 32, reference)
    assert not code_matches(b"t" * 32, reference)
    forged = ReceiptReference(TRACKING, "000000")
    assert not code_matches(b"s" * 32, forged)


@pytest.mark.parametrize(
    "text",
    ["", "https://example.org/", "TSK1:LQ03-261127-0042-K", "TSK2:A:BCDEFG", "TSK1:A:BCDEF!"],
)
def test_other_qr_contents_are_not_receipts(text: str) -> None:
    assert parse_qr_payload(text) is None


def test_secret_is_created_once_and_shared_by_connections(db: Database, tmp_path: Path) -> None:
    secret = kiosk_secret(db)
    other = connect(tmp_path / "kiosk.db")
    try:
        assert kiosk_secret(other) == secret
    finally:
        other.close()
    assert len(secret) == 32
    stored = db.execute("SELECT value FROM settings WHERE key = ?", [SECRET_SETTING]).fetchone()
    assert bytes.fromhex(stored[0]) == secret
    assert code_matches(secret, reference_for(db, TRACKING))
