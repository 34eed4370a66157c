"""A USB stick with planted links must never make the kiosk overwrite its own files.

The stick is a real tmpfs mounted by the test; the links point at the kiosk's
data directory, as an attacker with a prepared stick would plant them.
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from central import usb_import
from kiosk.media_files import UnsafeMediaPath, write_on_media
from sync.enrolment import enrol
from sync.usb_drive_export import EXPORT_FOLDER, export_to_drive
from tests.central.platform import Platform
from tests.cli.test_kiosk_command import kiosk
from tests.sync.conftest import KIOSK_CODE, Kiosk, make_kiosk
from ui.usb_export_runner import export_message


@pytest.fixture
def enrolled(tmp_path: Path, platform: Platform) -> Kiosk:
    """An enrolled kiosk with two applications waiting, its database in a data dir."""
    usb_import.generate_transfer_key(tmp_path / "transfer.pem", platform.database)
    data_dir = tmp_path / "kiosk-data"
    data_dir.mkdir()
    kiosk = make_kiosk(data_dir / "kiosk.db", platform.url)
    enrol(kiosk.db, kiosk.client, platform.enrolment_code(KIOSK_CODE), kiosk.clock)
    kiosk.submit(2)
    return kiosk


def run_export(data_dir: Path, target: Path) -> subprocess.CompletedProcess[str]:
    """`kiosk export --to TARGET` as a clerk types it."""
    return kiosk("--data-dir", str(data_dir), "export", "--to", str(target))


def test_kiosk_export_refuses_a_symlinked_export_folder_on_the_stick(
    enrolled: Kiosk, small_filesystem: Path
) -> None:
    data_dir = enrolled.path.parent
    (small_filesystem / EXPORT_FOLDER).symlink_to(data_dir)

    result = run_export(data_dir, small_filesystem / EXPORT_FOLDER)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "is a link or not a folder" in result.stderr
    assert not list(data_dir.glob("*.kioskexport"))
    assert enrolled.pending() == 2
    enrolled.db.close()


def test_kiosk_export_refuses_a_symlinked_parent_inside_the_stick(
    enrolled: Kiosk, small_filesystem: Path
) -> None:
    data_dir = enrolled.path.parent
    (small_filesystem / "backup").symlink_to(data_dir.parent)
    result = run_export(data_dir, small_filesystem / "backup" / data_dir.name)
    assert result.returncode == 1 and "is a link" in result.stderr
    assert not list(data_dir.glob("*.kioskexport"))
    enrolled.db.close()


def test_kiosk_export_replaces_a_planted_file_link_without_following_it(
    enrolled: Kiosk, small_filesystem: Path
) -> None:
    """The export's name is predictable (kiosk code and time): links stand ready for
    every second of the next minute, each pointing at the live kiosk.db."""
    data_dir = enrolled.path.parent
    folder = small_filesystem / EXPORT_FOLDER
    folder.mkdir()
    victim = data_dir / "kiosk.db"
    now = datetime.now(UTC)
    for second in range(60):
        stamp = (now + timedelta(seconds=second)).strftime("%Y%m%dT%H%M%SZ")
        (folder / f"{KIOSK_CODE}-{stamp}.kioskexport").symlink_to(victim)

    result = run_export(data_dir, folder)

    assert result.returncode == 0, result.stderr
    written = [path for path in folder.iterdir() if not path.is_symlink()]
    assert len(written) == 1 and json.loads(written[0].read_text())["kiosk_code"] == KIOSK_CODE
    assert victim.read_bytes().startswith(b"SQLite format 3\x00")
    assert enrolled.pending() == 2
    assert written[0].stat().st_mode & 0o777 == 0o600
    enrolled.db.close()


def test_the_clerk_button_refuses_a_stick_with_a_planted_folder_link(
    enrolled: Kiosk, small_filesystem: Path
) -> None:
    data_dir = enrolled.path.parent
    (small_filesystem / EXPORT_FOLDER).symlink_to(data_dir)

    outcome = export_to_drive(enrolled.db, [str(small_filesystem)], enrolled.clock, "clerk:1")

    assert (outcome.path, outcome.problem) == (None, "unsafe_drive")
    assert "link" in export_message(outcome)
    assert not list(data_dir.glob("*.kioskexport"))
    enrolled.db.close()


def test_a_write_cut_short_leaves_no_file_under_the_real_name(small_filesystem: Path) -> None:
    with pytest.raises(OSError):
        write_on_media(small_filesystem, "big.kioskexport", b"x" * (8 * 1024 * 1024))
    assert list(small_filesystem.iterdir()) == []


def test_a_dangling_link_in_place_of_the_folder_is_refused(small_filesystem: Path) -> None:
    (small_filesystem / EXPORT_FOLDER).symlink_to(small_filesystem / "nowhere")
    with pytest.raises(UnsafeMediaPath):
        write_on_media(small_filesystem / EXPORT_FOLDER, "a.csv", b"1", create=True)
    assert not (small_filesystem / "nowhere").exists()
    assert os.path.islink(small_filesystem / EXPORT_FOLDER)
