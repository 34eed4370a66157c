"""Staff accounts provisioned by the central platform, over a real loopback API."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from central import staff_registry
from cli.central_command import main as central_main
from kiosk import audit
from kiosk.staff import Role, SignInOutcome, add_staff, get_staff, sign_in
from sync.protocol import ALL_KIOSKS
from tests.central.platform import Platform
from tests.sync.conftest import KIOSK_CODE, Kiosk


def _provision(platform: Platform, staff_id: str, kiosk_code: str, role: Role, pin: str) -> None:
    with platform.database.transaction() as connection:
        staff_registry.add_staff(
            connection,
            staff_id,
            kiosk_code,
            f"Staff {staff_id}",
            role,
            pin,
            platform.key,
            platform.clock.now(),
        )


def test_accounts_for_this_kiosk_and_all_kiosks_arrive_and_others_do_not(
    kiosk: Kiosk, platform: Platform
) -> None:
    platform.enrolment_code("OTHER1")  # registers a second kiosk
    _provision(platform, "3001", KIOSK_CODE, Role.CLERK, "3333")
    _provision(platform, "3002", ALL_KIOSKS, Role.SUPERVISOR, "444455556666")
    _provision(platform, "3003", "OTHER1", Role.CLERK, "5555")

    report = kiosk.worker.run_once()

    assert report.online and report.staff_changed == 2
    assert sign_in(kiosk.db, "3001", "3333", kiosk.clock).outcome is SignInOutcome.ACCEPTED
    supervisor = get_staff(kiosk.db, "3002")
    assert supervisor is not None and supervisor.role is Role.SUPERVISOR
    assert supervisor.source == "central"
    assert get_staff(kiosk.db, "3003") is None
    assert kiosk.worker.run_once().staff_changed == 0  # nothing new, nothing audited


def test_an_account_disabled_centrally_stops_at_the_next_sync(
    kiosk: Kiosk, platform: Platform
) -> None:
    _provision(platform, "3001", KIOSK_CODE, Role.CLERK, "3333")
    kiosk.worker.run_once()
    with platform.database.transaction() as connection:
        staff_registry.set_active(
            connection, "3001", KIOSK_CODE, False, platform.key, platform.clock.now()
        )

    assert kiosk.worker.run_once().staff_changed == 1

    assert sign_in(kiosk.db, "3001", "3333", kiosk.clock).outcome is SignInOutcome.DISABLED


def test_a_record_rewritten_in_the_central_database_is_refused_and_audited(
    kiosk: Kiosk, platform: Platform
) -> None:
    add_staff(kiosk.db, "0001", "Local admin", Role.ADMINISTRATOR, "2468", kiosk.clock)
    _provision(platform, "3001", KIOSK_CODE, Role.CLERK, "3333")
    kiosk.worker.run_once()
    with platform.database.transaction() as connection:  # someone with the database only
        connection.execute("UPDATE staff SET role = 'administrator' WHERE staff_id = '3001'")

    kiosk.worker.run_once()

    clerk = get_staff(kiosk.db, "3001")
    assert clerk is not None and clerk.role is Role.CLERK and not clerk.active
    refused = [entry for entry in audit.entries(kiosk.db) if entry.action == "staff_record_refused"]
    assert [(entry.subject, entry.details["reason_code"]) for entry in refused] == [
        ("3001", "bad_signature")
    ]
    local = get_staff(kiosk.db, "0001")
    assert local is not None and local.active  # local accounts are the kiosk's own
    assert audit.verify(kiosk.db).ok


def test_kiosk_central_staff_commands(
    platform: Platform,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    key = tmp_path / "signing.pem"
    common = ["--database", url, "--json", "staff"]
    monkeypatch.setattr("sys.stdin", io.StringIO("864208642086\n"))
    added = central_main(
        [
            *common,
            "add",
            "--id",
            "4001",
            "--name",
            "王芳",
            "--role",
            "supervisor",
            "--kiosk",
            "*",
            "--key",
            str(key),
            "--pin-stdin",
        ],
        platform.clock,
    )
    assert added == 0
    assert json.loads(capsys.readouterr().out) == {
        "staff_id": "4001",
        "kiosk": "*",
        "role": "supervisor",
    }
    assert central_main([*common, "disable", "4001", "--kiosk", "*", "--key", str(key)]) == 0
    capsys.readouterr()
    assert central_main([*common, "list"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"staff_id": "4001", "kiosk": "*", "name": "王芳", "role": "supervisor", "active": False}
    ]
    stored = (tmp_path / "central.db").read_bytes()
    assert b"864208642086" not in stored
    monkeypatch.setattr("sys.stdin", io.StringIO("12\n"))
    short = ["add", "--id", "4002", "--name", "X", "--kiosk", "*", "--key", str(key), "--pin-stdin"]
    assert central_main([*common, *short]) == 1
    assert "4 to 12 digits" in capsys.readouterr().err
    assert central_main([*common, "disable", "9999", "--kiosk", "*", "--key", str(key)]) == 1
