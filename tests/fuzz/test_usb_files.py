"""USB transfer files: damaged, truncated or random files are refused with a reason.

Exports travel to the centre and receipts and bundles come back on sticks
that are pulled out mid-copy and passed around. A damaged file must never
store, acknowledge or install anything it does not prove, and both ends
say why they refused it.
"""

from __future__ import annotations

import argparse
import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from central.errors import Refusal
from central.usb_import import export_form_bundles, import_export
from cli.transfer import import_file
from sync.usb_transfer import UsbTransferError, export_outbox, import_receipt
from tests.fuzz.byte_mutations import damaged
from tests.fuzz.conftest import UsbSetting
from tests.fuzz.profile import examples

SUBMITTED = 2


@pytest.fixture(scope="module")
def transfer_files(
    usb_setting: UsbSetting, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, bytes]:
    """A real export of two applications, the centre's receipt for it, and a bundle file."""
    usb_setting.kiosk.submit(SUBMITTED)
    stick = tmp_path_factory.mktemp("stick")
    export, _ = export_outbox(usb_setting.kiosk.db, stick, usb_setting.kiosk.clock)
    platform = usb_setting.platform
    outcome = import_export(
        platform.database, export, usb_setting.transfer_key, platform.key, platform.clock.now()
    )
    return {
        "export": export.read_bytes(),
        "receipt": outcome.receipt.model_dump_json().encode(),
        "bundles": export_form_bundles(platform.database).model_dump_json().encode(),
    }


def stick_file(tmp_path_factory: pytest.TempPathFactory, content: bytes) -> Path:
    """A file on a fresh 'stick' holding `content`."""
    path = tmp_path_factory.mktemp("stick") / "transfer.json"
    path.write_bytes(content)
    return path


@examples(80)
@given(st.data())
def test_damaged_exports_are_refused_by_the_centre_or_store_nothing_new(
    usb_setting: UsbSetting,
    transfer_files: dict[str, bytes],
    tmp_path_factory: pytest.TempPathFactory,
    data: st.DataObject,
) -> None:
    path = stick_file(tmp_path_factory, data.draw(damaged(transfer_files["export"])))
    platform = usb_setting.platform
    try:
        outcome = import_export(
            platform.database, path, usb_setting.transfer_key, platform.key, platform.clock.now()
        )
    except Refusal as refusal:
        assert refusal.status < 500 and refusal.code and refusal.message.strip()
    else:
        assert {result.outcome.value for result in outcome.results} == {"already_stored"}
    assert platform.count("SELECT COUNT(*) FROM applications") == SUBMITTED


@examples(80)
@given(st.data())
def test_damaged_receipts_acknowledge_only_what_the_centre_signed(
    usb_setting: UsbSetting,
    transfer_files: dict[str, bytes],
    tmp_path_factory: pytest.TempPathFactory,
    data: st.DataObject,
) -> None:
    path = stick_file(tmp_path_factory, data.draw(damaged(transfer_files["receipt"])))
    kiosk = usb_setting.kiosk
    try:
        import_receipt(kiosk.db, path, kiosk.clock)
    except UsbTransferError as refusal:
        assert path.name in str(refusal)
    acknowledged = kiosk.db.execute(
        "SELECT COUNT(*) FROM outbox WHERE acknowledged_at IS NOT NULL"
    ).fetchone()[0]
    assert acknowledged in {0, SUBMITTED}  # all that the signed receipt names, or none


@examples(80)
@given(st.sampled_from(["export", "receipt", "bundles"]), st.data())
def test_the_kiosk_import_command_refuses_damaged_files_with_a_message(
    usb_setting: UsbSetting,
    transfer_files: dict[str, bytes],
    tmp_path_factory: pytest.TempPathFactory,
    kind: str,
    data: st.DataObject,
) -> None:
    path = stick_file(tmp_path_factory, data.draw(damaged(transfer_files[kind])))
    args = argparse.Namespace(file=path, json=True, data_dir=usb_setting.data_dir)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = import_file(args)
    assert status in {0, 1}
    assert (out.getvalue() + err.getvalue()).strip()  # a refusal always says why
