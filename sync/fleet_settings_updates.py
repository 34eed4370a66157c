"""Fetching the fleet settings and keeping them only when the administrator signed them.

Settings are installed only when they pass the checks of every serial
document (:mod:`sync.serial_document_checks`: signed, verified, newer than the
installed serial) and give this kiosk, over its own ``kiosk.toml``, a
configuration it can run with (``invalid`` otherwise: a document naming a
setting the centre may not set, a value out of bounds, a language the
township has no name in). The signed document is kept as it came in the data
directory (:data:`kiosk.fleet_settings.FLEET_SETTINGS_FILE`), whole or not at
all, where the kiosk reads it when it starts; it takes effect then.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from sqlite_utils import Database

from kiosk.clock import Clock
from kiosk.config import DataPaths, KioskConfig, load_config
from kiosk.config_edit import keep_in_data_dir
from kiosk.errors import ConfigError
from kiosk.fleet_settings import (
    FLEET_SETTINGS_FILE,
    FleetSettingsError,
    installed_fleet_settings,
    parse_fleet_settings,
)
from kiosk.store import transaction
from sync import sync_settings
from sync.client import CentralClient
from sync.form_updates import BundleRefused
from sync.protocol import FleetSettingsBundle, fleet_settings_signed_bytes
from sync.serial_document_checks import (
    audit_serial_change,
    record_refusal,
    remembered_refusal,
    verify_serial_document,
)

log = logging.getLogger(__name__)

SUBJECT = "fleet_settings"
INSTALLED, UNCHANGED = "installed", "unchanged"


def installed_serial(data_dir: Path) -> int:
    """The serial of the settings kept in ``data_dir``; 0 when there are none."""
    installed = installed_fleet_settings(data_dir)
    return 0 if installed is None else installed[0]


def verify_fleet_settings(
    bundle: FleetSettingsBundle, public_key: str, installed: int, local: KioskConfig
) -> None:
    """Raise :class:`BundleRefused` unless the settings may replace the installed ones."""
    signed = fleet_settings_signed_bytes(bundle.serial, bundle.document)
    verify_serial_document(bundle, signed, public_key, installed, "fleet settings")
    try:
        parse_fleet_settings(bundle.document).applied_to(local)
    except (FleetSettingsError, ConfigError) as error:
        raise BundleRefused("invalid", f"the settings cannot be used here: {error}") from error


def install_fleet_settings(
    db: Database, bundle: FleetSettingsBundle, clock: Clock, paths: DataPaths
) -> str:
    """Verify and keep the settings: ``installed``, ``unchanged`` or the refusal's reason."""
    enrolment = sync_settings.enrolment(db)
    installed = installed_serial(paths.data_dir)
    if enrolment is None or bundle.serial == installed:
        return UNCHANGED
    remembered = remembered_refusal(db, SUBJECT, bundle)
    if remembered is not None:
        return remembered
    try:
        verify_fleet_settings(bundle, enrolment.signing_public_key, installed, _local(paths))
    except BundleRefused as refusal:
        return record_refusal(db, clock, SUBJECT, bundle, installed, refusal)
    kept = json.dumps(bundle.model_dump(), ensure_ascii=False).encode("utf-8")
    keep_in_data_dir(paths.data_dir, FLEET_SETTINGS_FILE, kept)
    with transaction(db):
        audit_serial_change(db, clock, SUBJECT, installed, bundle.serial, None)
    log.info("installed fleet settings %d; they take effect at the next start", bundle.serial)
    return INSTALLED


def update_fleet_settings(
    db: Database, client: CentralClient, clock: Clock, paths: DataPaths
) -> int | None:
    """Fetch newer settings if the centre has them; the serial installed, else None."""
    if sync_settings.enrolment(db) is None:
        return None
    bundle = client.fleet_settings(after=installed_serial(paths.data_dir)).bundle
    if bundle is None or install_fleet_settings(db, bundle, clock, paths) != INSTALLED:
        return None
    return bundle.serial


def _local(paths: DataPaths) -> KioskConfig:
    """This kiosk's own ``kiosk.toml`` (the defaults when it has none)."""
    return load_config(paths.config) if paths.config.exists() else KioskConfig()
