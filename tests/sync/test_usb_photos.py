"""Document photos go by USB stick too: sealed beside the export, stored once at the centre."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from central.errors import Refusal
from central.usb_import import import_export, load_transfer_key
from kiosk.attachments import attachments_of
from sync.attachment_upload import upload_attachments
from sync.usb_transfer import export_outbox, import_receipt
from tests.central.platform import Platform
from tests.sync.conftest import Kiosk
from tests.sync.test_attachment_upload import held_at_centre, photo_bytes, submit_with_photo


def test_photos_travel_beside_the_export_and_are_stored_once(
    usb_kiosk: Kiosk, platform: Platform, tmp_path: Path
) -> None:
    data = photo_bytes()
    uuid = submit_with_photo(usb_kiosk, data)
    stick = tmp_path / "stick"
    stick.mkdir()

    path, count = export_outbox(usb_kiosk.db, stick, usb_kiosk.clock)

    (photo_file,) = sorted(stick.glob("*.kioskphotos"))
    assert count == 1 and photo_file.name == f"{path.stem}.1.kioskphotos"
    assert data[:64].hex() not in photo_file.read_text(encoding="utf-8")
    transfer = load_transfer_key(tmp_path / "transfer.pem")
    first = import_export(platform.database, path, transfer, platform.key, platform.clock.now())
    again = import_export(platform.database, path, transfer, platform.key, platform.clock.now())
    assert first.photos == again.photos == 1
    assert held_at_centre(platform, uuid, data) == data
    assert platform.count("SELECT COUNT(*) FROM attachments WHERE completed_at IS NOT NULL") == 1
    # Back on the network, the kiosk finds the photo complete and sends none of it.
    receipt = stick / "receipt.json"
    receipt.write_text(first.receipt.model_dump_json(), encoding="utf-8")
    import_receipt(usb_kiosk.db, receipt, usb_kiosk.clock)
    report = upload_attachments(
        usb_kiosk.db, usb_kiosk.client, usb_kiosk.clock, usb_kiosk.store.keys
    )
    assert report.completed == 1 and report.chunks == 0
    assert attachments_of(usb_kiosk.db, uuid)[0].uploaded


def test_a_tampered_photo_file_is_refused(
    usb_kiosk: Kiosk, platform: Platform, tmp_path: Path
) -> None:
    submit_with_photo(usb_kiosk, photo_bytes())
    path, _ = export_outbox(usb_kiosk.db, tmp_path, usb_kiosk.clock)
    (photo_file,) = sorted(tmp_path.glob("*.kioskphotos"))
    sealed = json.loads(photo_file.read_text(encoding="utf-8"))
    sealed["ciphertext"] = "A" + sealed["ciphertext"][1:]
    photo_file.write_text(json.dumps(sealed), encoding="utf-8")
    transfer = load_transfer_key(tmp_path / "transfer.pem")

    with pytest.raises(Refusal) as refused:
        import_export(platform.database, path, transfer, platform.key, platform.clock.now())

    assert refused.value.code == "export_rejected"
    assert platform.count("SELECT COUNT(*) FROM attachments WHERE completed_at IS NOT NULL") == 0
