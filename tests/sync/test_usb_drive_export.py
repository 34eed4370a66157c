"""The clerk's "Export to USB": the stick is found by its mount point, never a plain folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from central import usb_import
from kiosk import audit
from kiosk.removable_drives import find_removable_drive
from sync.enrolment import enrol
from sync.usb_drive_export import EXPORT_FOLDER, export_to_drive
from tests.central.platform import Platform
from tests.sync.conftest import KIOSK_CODE, make_kiosk


@pytest.fixture
def stick(small_filesystem: Path) -> Path:
    """A real mounted filesystem of its own, standing in for a USB stick (mounted as root)."""
    assert os.path.ismount(small_filesystem)
    return small_filesystem


@pytest.fixture
def stick_folder(stick: Path) -> Path:
    """The export folder on the stand-in stick."""
    return stick / EXPORT_FOLDER


def test_a_folder_that_is_not_a_mount_point_is_not_a_stick(tmp_path: Path) -> None:
    (tmp_path / "media" / "kiosk" / "STICK").mkdir(parents=True)  # left behind, stick pulled
    assert find_removable_drive([f"{tmp_path}/media/*/*", "/nonexistent/*"]) is None


def test_the_outbox_is_sealed_onto_the_mounted_stick_and_audited(
    tmp_path: Path, platform: Platform, stick_folder: Path
) -> None:
    usb_import.generate_transfer_key(tmp_path / "transfer.pem", platform.database)
    kiosk = make_kiosk(tmp_path / "kiosk.db", platform.url)
    enrol(kiosk.db, kiosk.client, platform.enrolment_code(KIOSK_CODE), kiosk.clock)
    kiosk.submit(2)
    patterns = [f"{tmp_path}/media/*/*", str(stick_folder.parent)]
    assert find_removable_drive(patterns) == stick_folder.parent

    outcome = export_to_drive(kiosk.db, patterns, kiosk.clock, "clerk:1001")
    try:
        assert outcome.problem is None and outcome.count == 2
        assert outcome.path is not None and outcome.path.parent == stick_folder
        assert outcome.path.exists() and "申请人" not in outcome.path.read_text(encoding="utf-8")
        exported = audit.entries(kiosk.db)[-1]
        assert (exported.action, exported.actor) == ("outbox_exported", "clerk:1001")
        assert kiosk.pending() == 2  # only the centre's receipt acknowledges them
    finally:
        if outcome.path is not None:
            outcome.path.unlink(missing_ok=True)
        kiosk.db.close()


def test_a_kiosk_that_cannot_seal_says_so_and_writes_nothing(
    tmp_path: Path, platform: Platform, stick_folder: Path
) -> None:
    kiosk = make_kiosk(tmp_path / "kiosk.db", platform.url)  # never enrolled
    outcome = export_to_drive(kiosk.db, [str(stick_folder.parent)], kiosk.clock, "clerk:1001")
    assert (outcome.path, outcome.problem) == (None, "not_enrolled")
    assert not stick_folder.is_dir() or not any(stick_folder.iterdir())
    kiosk.db.close()
