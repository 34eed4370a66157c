"""Settings an operator sets for a whole fleet of kiosks from the central platform.

``kiosk.toml`` is written when a kiosk is installed; the values an operator
changes across many kiosks later (idle timeout, printer, languages, the
township's name) come instead as a *fleet settings document*, published and
signed at the centre like a form bundle, fetched by every kiosk when it
syncs, and kept in the data directory as ``fleet-settings.json``.

The document has a layer for every kiosk and one per kiosk code::

    {"fleet": {"inactivity_seconds": 120},
     "kiosks": {"LQ03": {"printer": "cups", "printer_queue": "Receipts"}}}

A kiosk's configuration is its ``kiosk.toml``, then the ``fleet`` layer, then
its own layer. Only the settings in :data:`REMOTE_SETTINGS` may be set this
way: the kiosk code, the central platform's address and its CA, the camera
and the USB patterns belong to the machine and its enrolment, and a document
naming one of them is refused as a whole. Values are checked by the same
rules as ``kiosk.toml`` (:mod:`kiosk.config`), so a document that would give
this kiosk a configuration it cannot run with is refused before it is kept.

This module reads and checks; fetching, verifying the signature and keeping
the file is :mod:`sync.fleet_settings_updates`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from kiosk.config import DataPaths, KioskConfig, load_config, overridden
from kiosk.errors import ConfigError
from kiosk.kiosk_code import is_valid_kiosk_code

log = logging.getLogger(__name__)

FLEET_SETTINGS_FILE = "fleet-settings.json"
"""The installed document, in the kiosk's data directory."""

REMOTE_SETTINGS = frozenset(
    {
        "township",
        "languages",
        "default_language",
        "inactivity_seconds",
        "countdown_seconds",
        "confirmation_seconds",
        "printer",
        "printer_queue",
        "printer_device",
        "receipt_paper",
        "print_retry_seconds",
        "scan_hint_seconds",
        "disk_warn_mb",
        "disk_refuse_mb",
        "sync_warn_hours",
        "retention_days",
    }
)
"""What the centre may set; everything else stays as ``kiosk.toml`` says."""

MAX_DOCUMENT_BYTES = 256 * 1024
"""A document for a province's kiosks (a few settings each) fits many times over."""

MAX_KIOSK_LAYERS = 20_000


class FleetSettingsError(ValueError):
    """The document is not a fleet settings document this kiosk can use."""


class FleetSettings(NamedTuple):
    """A parsed document: the layer for every kiosk and the layers per kiosk code.

    A named tuple, not a frozen dataclass: the kiosk imports this module before
    its first paint, and a dataclass costs three times as much to make."""

    fleet: Mapping[str, Any]
    kiosks: Mapping[str, Mapping[str, Any]]

    def layer_for(self, kiosk_code: str) -> dict[str, Any]:
        """The values this kiosk takes from the document (its own layer over the fleet's)."""
        return {**self.fleet, **self.kiosks.get(kiosk_code, {})}

    def applied_to(self, config: KioskConfig) -> KioskConfig:
        """``config`` with this document's values for its kiosk (raises :class:`ConfigError`)."""
        return overridden(config, self.layer_for(config.kiosk_code))


def parse_fleet_settings(document: str) -> FleetSettings:
    """Read a document, refusing its size, shape or any setting the centre may not set."""
    if len(document.encode("utf-8")) > MAX_DOCUMENT_BYTES:
        raise FleetSettingsError(f"the document is larger than {MAX_DOCUMENT_BYTES} bytes")
    try:
        data = json.loads(document)
    except (json.JSONDecodeError, RecursionError) as error:
        raise FleetSettingsError(f"the document is not JSON: {error}") from error
    if not isinstance(data, dict) or not set(data) <= {"fleet", "kiosks"}:
        raise FleetSettingsError('the document is an object with "fleet" and "kiosks" only')
    kiosks = data.get("kiosks", {})
    if not isinstance(kiosks, dict):
        raise FleetSettingsError('"kiosks" is an object of kiosk codes')
    if len(kiosks) > MAX_KIOSK_LAYERS:
        raise FleetSettingsError(f"more than {MAX_KIOSK_LAYERS} kiosks")
    for code in kiosks:
        if not is_valid_kiosk_code(code):
            raise FleetSettingsError(f"{code!r} is not a kiosk code")
    return FleetSettings(
        fleet=_layer("fleet", data.get("fleet", {})),
        kiosks={code: _layer(f"kiosks.{code}", layer) for code, layer in kiosks.items()},
    )


def check_for_every_kiosk(settings: FleetSettings, base: KioskConfig) -> None:
    """Refuse a document that gives any kiosk it names, or any other, a bad configuration.

    ``base`` stands for a kiosk's own file (the defaults at the centre): a
    value that is wrong on its own (an unknown printer, a bound crossed,
    ``default_language`` outside ``languages``) shows here, before any kiosk
    has to refuse the document.
    """
    try:
        overridden(base, dict(settings.fleet))
    except ConfigError as error:
        raise FleetSettingsError(f"fleet: {error}") from error
    for code, layer in settings.kiosks.items():
        try:
            overridden(base, {**settings.fleet, **layer, "kiosk_code": code})
        except ConfigError as error:
            raise FleetSettingsError(f"kiosks.{code}: {error}") from error


def installed_fleet_settings(data_dir: Path) -> tuple[int, FleetSettings] | None:
    """The installed document's serial and settings, or None when there is none.

    The file was verified when it was installed; one that cannot be read now
    (a disk error, a hand edit) is logged and left out, so the kiosk still
    starts on its own ``kiosk.toml``.
    """
    path = data_dir / FLEET_SETTINGS_FILE
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        return int(stored["serial"]), parse_fleet_settings(str(stored["document"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.error("fleet settings in %s not used: %s", path, error)
        return None


def kiosk_config(paths: DataPaths) -> KioskConfig:
    """What the kiosk runs with: its ``kiosk.toml`` (written with the defaults when missing)
    and the installed fleet settings over it."""
    return with_fleet_settings(load_config(paths.config), paths.data_dir)


def with_fleet_settings(config: KioskConfig, data_dir: Path) -> KioskConfig:
    """``config`` with the fleet settings installed in ``data_dir`` applied, if any."""
    installed = installed_fleet_settings(data_dir)
    if installed is None:
        return config
    serial, settings = installed
    try:
        return settings.applied_to(config)
    except ConfigError as error:
        log.error("fleet settings %d not used with this kiosk.toml: %s", serial, error)
        return config


def _layer(name: str, layer: object) -> Mapping[str, Any]:
    if not isinstance(layer, dict):
        raise FleetSettingsError(f"{name} is an object of settings")
    for key in layer:
        if key not in REMOTE_SETTINGS:
            raise FleetSettingsError(f"{name}.{key} cannot be set from the centre")
    return layer
