"""One real central platform and one enrolled kiosk shared by a fuzz module.

Hypothesis runs a property many times within one test, so these are
module-scoped: the platform on a loopback port, its USB transfer key, and a
kiosk database in a data directory the `kiosk` commands can be pointed at.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from central import usb_import
from central.database import Database
from kiosk.clock import FixedClock
from sync.enrolment import enrol
from tests.central.platform import Platform, start_platform
from tests.sync.conftest import KIOSK_CODE, START, Kiosk, make_kiosk


@dataclass
class UsbSetting:
    """The platform, its transfer key, and an enrolled kiosk with its data directory."""

    platform: Platform
    transfer_key: X25519PrivateKey
    kiosk: Kiosk
    data_dir: Path


@pytest.fixture(scope="module")
def usb_setting(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UsbSetting]:
    """A platform accepting USB transfers and a kiosk enrolled with it."""
    directory = tmp_path_factory.mktemp("usb-fuzz")
    platform = start_platform(
        Database(f"sqlite:///{directory / 'central.db'}"), FixedClock(START), directory
    )
    usb_import.generate_transfer_key(directory / "transfer.pem", platform.database)
    data_dir = directory / "kiosk-data"
    data_dir.mkdir()
    kiosk = make_kiosk(data_dir / "kiosk.db", platform.url)
    enrol(kiosk.db, kiosk.client, platform.enrolment_code(KIOSK_CODE), kiosk.clock)
    yield UsbSetting(
        platform, usb_import.load_transfer_key(directory / "transfer.pem"), kiosk, data_dir
    )
    kiosk.db.close()
    platform.server.stop()
