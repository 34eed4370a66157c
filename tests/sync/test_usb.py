"""USB transfer: sealed outbox export, idempotent import at the centre, receipt back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from central import usb_import
from central.errors import Refusal
from central.usb_import import export_form_bundles, import_export, load_transfer_key
from sync.enrolment import enrol
from sync.usb_transfer import (
    UsbTransferError,
    export_outbox,
    import_form_bundles,
    import_receipt,
)
from tests.central.platform import Platform
from tests.sync.conftest import KIOSK_CODE, Kiosk, make_kiosk


def test_usb_round_trip_is_idempotent_and_acknowledges_by_receipt(
    usb_kiosk: Kiosk, platform: Platform, tmp_path: Path
) -> None:
    usb_kiosk.submit(3)
    stick = tmp_path / "stick"
    stick.mkdir()
    path, count = export_outbox(usb_kiosk.db, stick, usb_kiosk.clock)
    assert count == 3 and usb_kiosk.pending() == 3
    assert "申请人" not in path.read_text(encoding="utf-8")  # sealed, not readable
    transfer = load_transfer_key(tmp_path / "transfer.pem")
    first = import_export(platform.database, path, transfer, platform.key, platform.clock.now())
    again = import_export(platform.database, path, transfer, platform.key, platform.clock.now())
    assert [r.outcome.value for r in first.results] == ["stored"] * 3
    assert [r.outcome.value for r in again.results] == ["already_stored"] * 3
    assert platform.count("SELECT COUNT(*) FROM applications") == 3
    receipt = stick / "receipt.json"
    receipt.write_text(first.receipt.model_dump_json(), encoding="utf-8")
    assert import_receipt(usb_kiosk.db, receipt, usb_kiosk.clock) == 3
    assert usb_kiosk.pending() == 0
    # The network path afterwards finds nothing left to send and nothing is duplicated.
    assert usb_kiosk.worker.run_once().acknowledged == 0
    assert platform.count("SELECT COUNT(*) FROM applications") == 3


def test_tampered_exports_and_forged_receipts_are_refused(
    usb_kiosk: Kiosk, platform: Platform, tmp_path: Path
) -> None:
    usb_kiosk.submit(1)
    path, _ = export_outbox(usb_kiosk.db, tmp_path, usb_kiosk.clock)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["ciphertext"] = "A" + data["ciphertext"][1:]
    path.write_text(json.dumps(data), encoding="utf-8")
    transfer = load_transfer_key(tmp_path / "transfer.pem")
    with pytest.raises(Refusal) as refused:
        import_export(platform.database, path, transfer, platform.key, platform.clock.now())
    assert refused.value.code == "export_rejected"
    forged = tmp_path / "forged.json"
    forged.write_text(
        json.dumps({"kiosk_code": KIOSK_CODE, "acknowledged": [], "signature": "AAAA"}),
        encoding="utf-8",
    )
    with pytest.raises(UsbTransferError):
        import_receipt(usb_kiosk.db, forged, usb_kiosk.clock)
    assert usb_kiosk.pending() == 1


def test_form_bundles_from_usb_are_verified_like_fetched_ones(
    usb_kiosk: Kiosk, platform: Platform, tmp_path: Path
) -> None:
    bundles = export_form_bundles(platform.database)
    path = tmp_path / "forms.kioskforms"
    path.write_text(bundles.model_dump_json(), encoding="utf-8")
    report = import_form_bundles(usb_kiosk.db, path, usb_kiosk.clock)
    assert len(report.installed) == len(bundles.bundles) and report.refused == []
    tampered = bundles.model_copy(
        update={
            "bundles": [
                b.model_copy(update={"version": 9, "definition": b.definition})
                for b in bundles.bundles[:1]
            ]
        }
    )
    path.write_text(tampered.model_dump_json(), encoding="utf-8")
    report = import_form_bundles(usb_kiosk.db, path, usb_kiosk.clock)
    assert [reason for _, _, reason in report.refused] == ["bad_signature"]


def test_kiosk_export_and_import_commands_carry_the_outbox_without_network(
    platform: Platform, tmp_path: Path
) -> None:
    import subprocess
    import sys

    usb_import.generate_transfer_key(tmp_path / "transfer.pem", platform.database)
    data_dir = tmp_path / "kiosk-data"
    data_dir.mkdir()
    kiosk = make_kiosk(data_dir / "kiosk.db", platform.url)
    enrol(kiosk.db, kiosk.client, platform.enrolment_code(KIOSK_CODE), kiosk.clock)
    kiosk.submit(2)
    stick = tmp_path / "stick"
    stick.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "cli.kiosk_command",
                "--json",
                "--data-dir",
                str(data_dir),
                *args,
            ],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parents[2],
            check=False,
        )

    exported = run("export", "--to", str(stick))
    assert exported.returncode == 0, exported.stderr
    record = json.loads(exported.stdout)
    assert record["applications"] == 2
    transfer = load_transfer_key(tmp_path / "transfer.pem")
    result = import_export(
        platform.database, Path(record["file"]), transfer, platform.key, platform.clock.now()
    )
    receipt = stick / "receipt.json"
    receipt.write_text(result.receipt.model_dump_json(), encoding="utf-8")

    imported = run("import", str(receipt))

    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["acknowledged"] == 2
    assert kiosk.pending() == 0
    not_a_transfer = stick / "notes.json"
    not_a_transfer.write_text('{"hello": 1}', encoding="utf-8")
    refused = run("import", str(not_a_transfer))
    assert refused.returncode == 1
    assert "not a receipt" in refused.stderr
