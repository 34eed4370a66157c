"""How each applicant was identified travels with the application to the back office."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from central import usb_import
from central.application_listing import list_applications
from central.database import Database
from central.schema import create_schema
from central.usb_import import import_export, load_transfer_key
from cli.central_command import main as central_main
from kiosk.applications import Application
from kiosk.forms.model import Claim
from kiosk.identity import IdentityResult, Outcome
from sync.enrolment import enrol
from sync.usb_transfer import export_outbox
from tests.central.platform import Platform
from tests.central.test_api import outcomes, record, submit
from tests.sync.conftest import FORM, KIOSK_CODE, Kiosk, make_kiosk

CHECKED = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
VERIFIED = IdentityResult(
    Outcome.VERIFIED,
    "claim169",
    claims={Claim.NAME: "张三", Claim.ID_NUMBER: "52263419800101123X"},
    issuer="https://id.example.gov.cn/issuer",
    key_id="65642d32303236",
    trust_list_issued=datetime(2026, 11, 1, tzinfo=UTC),
    detail="",
)


def submit_identified(kiosk: Kiosk, check: dict[str, object] | None) -> Application:
    """Submit one application whose draft recorded `check` (as the applicant flow does)."""
    draft = kiosk.store.create_draft(FORM, 1, "zh_CN")
    if check is not None:
        kiosk.store.record_identity_check(draft.uuid, check)
    return kiosk.store.submit(draft.uuid, {"name": "张三"})


def central_identity(platform: Platform, uuid: str) -> dict[str, object] | None:
    """The identity check the centre lists for one application."""
    with platform.database.transaction() as connection:
        listed = list_applications(connection, KIOSK_CODE, limit=100)
    return next(summary.identity for summary in listed if summary.uuid == uuid)


def test_the_verification_result_reaches_the_centre_without_personal_data(
    kiosk: Kiosk, platform: Platform
) -> None:
    scanned = submit_identified(kiosk, VERIFIED.record(CHECKED))
    typed = submit_identified(
        kiosk, {"format": "typed", "outcome": "typed", "checked_at": CHECKED.isoformat()}
    )
    unknown = submit_identified(kiosk, None)
    assert kiosk.worker.run_once().acknowledged == 3
    assert central_identity(platform, scanned.uuid) == {
        "format": "claim169",
        "outcome": "verified",
        "issuer": "https://id.example.gov.cn/issuer",
        "key_id": "65642d32303236",
        "checked_at": "2026-11-27T03:00:00.000000Z",
        "trust_list_issued": "2026-11-01T00:00:00.000000Z",
        "claims_provided": ["id_number", "name"],
    }
    assert central_identity(platform, typed.uuid) == {
        "format": "typed",
        "outcome": "typed",
        "checked_at": "2026-11-27T03:00:00.000000Z",
        "claims_provided": [],
    }
    assert central_identity(platform, unknown.uuid) is None
    stored = platform.count(
        "SELECT COUNT(*) FROM applications WHERE identity LIKE '%52263419800101123X%'"
        " OR identity LIKE '%张三%'"
    )
    assert stored == 0


def test_an_unusable_stored_record_does_not_hold_the_application_back(
    kiosk: Kiosk, platform: Platform
) -> None:
    odd = submit_identified(kiosk, {"format": "Not A Word!", "outcome": "verified"})
    assert kiosk.worker.run_once().acknowledged == 1
    assert central_identity(platform, odd.uuid) is None


def test_an_old_kiosk_without_the_field_is_still_accepted_and_can_fill_it_in_later(
    platform: Platform,
) -> None:
    credential = platform.credential("LQ09")
    old = record(kiosk="LQ09")
    assert outcomes(submit(platform, credential, [old])) == ["stored"]
    with platform.database.transaction() as connection:
        assert list_applications(connection, "LQ09")[0].identity is None
    upgraded = {**old, "identity": {"format": "typed", "outcome": "typed"}}
    assert outcomes(submit(platform, credential, [upgraded])) == ["already_stored"]
    with platform.database.transaction() as connection:
        assert list_applications(connection, "LQ09")[0].identity == {
            "format": "typed",
            "outcome": "typed",
            "claims_provided": [],
        }


def test_a_central_database_from_before_identity_checks_gains_the_column(tmp_path: Path) -> None:
    path = tmp_path / "old-central.db"
    with sqlite3.connect(path) as old:
        old.execute(
            "CREATE TABLE applications (uuid TEXT PRIMARY KEY, kiosk_code TEXT NOT NULL,"
            " form_id TEXT NOT NULL, form_version INTEGER NOT NULL, language TEXT NOT NULL,"
            " tracking_number TEXT NOT NULL, submitted_at TEXT NOT NULL,"
            " assisted INTEGER NOT NULL, answers TEXT NOT NULL, content_hash TEXT NOT NULL,"
            " received_at TEXT NOT NULL)"
        )
    database = Database(f"sqlite:///{path}")
    create_schema(database)
    create_schema(database)  # and again at the next start: nothing to add
    with database.transaction() as connection:
        columns = [str(row[1]) for row in connection.query("PRAGMA table_info(applications)")]
    assert columns.count("identity") == 1


def test_the_usb_export_carries_it_and_the_cli_lists_it(
    tmp_path: Path, platform: Platform, capsys: pytest.CaptureFixture[str]
) -> None:
    usb_import.generate_transfer_key(tmp_path / "transfer.pem", platform.database)
    kiosk = make_kiosk(tmp_path / "usb-kiosk.db", platform.url)
    enrol(kiosk.db, kiosk.client, platform.enrolment_code(KIOSK_CODE), kiosk.clock)
    revoked = IdentityResult(Outcome.KEY_REVOKED, "claim169", issuer="https://x", key_id="6b31")
    application = submit_identified(kiosk, revoked.record(CHECKED))
    stick = tmp_path / "stick"
    stick.mkdir()
    path, _ = export_outbox(kiosk.db, stick, kiosk.clock)
    transfer = load_transfer_key(tmp_path / "transfer.pem")
    import_export(platform.database, path, transfer, platform.key, platform.clock.now())
    capsys.readouterr()
    code = central_main(
        ["--database", platform.database.url, "--json", "applications", "--kiosk", KIOSK_CODE]
    )
    assert code == 0
    listed = json.loads(capsys.readouterr().out)
    assert [item["uuid"] for item in listed] == [application.uuid]
    assert listed[0]["identity"]["outcome"] == "key_revoked"
    assert listed[0]["identity"]["key_id"] == "6b31"
    assert "answers" not in listed[0]
