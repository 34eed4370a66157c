"""Published fleet settings: checked by the kiosk's own rules, signed, numbered.

The administrator keeps the fleet's settings as one JSON document (the format
of :mod:`kiosk.fleet_settings`, described in docs/fleet-settings.md) and
publishes each change. The centre parses it with the kiosk's own parser and
applies every layer to a kiosk with default settings, so a value no kiosk
could run with (an unknown printer, a timeout beyond its bounds, a setting the
centre may not set) is refused here, before any kiosk sees it. It is then
numbered and signed as a serial document (:mod:`central.serial_documents`).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from central import serial_documents
from central.database import Connection
from kiosk.config import KioskConfig
from kiosk.fleet_settings import check_for_every_kiosk, parse_fleet_settings
from sync.protocol import FleetSettingsBundle


@dataclass(frozen=True)
class FleetSettingsPublication:
    """What publishing did: ``created`` is False when the newest settings had this text."""

    serial: int
    created: bool
    fleet_settings: int
    kiosk_layers: int


def publish(
    connection: Connection, text: str, key: Ed25519PrivateKey, now: datetime
) -> FleetSettingsPublication:
    """Check (raising :class:`kiosk.fleet_settings.FleetSettingsError`), sign and store."""
    settings = parse_fleet_settings(text)
    check_for_every_kiosk(settings, KioskConfig())
    serial, created = serial_documents.publish(
        connection, serial_documents.FLEET_SETTINGS, text, key, now
    )
    return FleetSettingsPublication(serial, created, len(settings.fleet), len(settings.kiosks))


def newest(connection: Connection, after: int = 0) -> FleetSettingsBundle | None:
    """The newest published settings, if their serial is greater than ``after``."""
    stored = serial_documents.newest(connection, serial_documents.FLEET_SETTINGS, after)
    return None if stored is None else FleetSettingsBundle(**asdict(stored))


def describe(bundle: FleetSettingsBundle) -> dict[str, object]:
    """What an administrator checks about the published settings."""
    return {
        "serial": bundle.serial,
        "published_at": bundle.published_at,
        "settings": json.loads(bundle.document),
    }
