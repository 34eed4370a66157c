"""What the kiosk loads at start before any screen is shown, besides the database.

Reading the configuration (``kiosk.toml`` with the fleet settings the centre
sent over it) is a quick file read; the address list is read and the forms
are checked when first needed (the start screen needs only the forms'
titles); the database is opened separately, on the storage thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta, timezone, tzinfo
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.catalogue import FormCatalogue
from kiosk.clock import Clock, SystemClock
from kiosk.config import DataPaths, KioskConfig
from kiosk.fleet_settings import kiosk_config
from kiosk.security.shared_keys import SharedKeys
from resources import FORMS_DIR, REGIONS_FILE

if TYPE_CHECKING:
    from kiosk.forms.regions import RegionTree
    from kiosk.storage import KioskStorage

KIOSK_TIME_ZONE = timezone(timedelta(hours=8), "Asia/Shanghai")
"""The calendar the kiosk's tracking numbers and dates follow: all of China keeps one
zone, UTC+8 without summer time since 1991, the same as ``ZoneInfo("Asia/Shanghai")``
for every time the kiosk takes. A fixed offset, because loading the time-zone
database (``zoneinfo`` and ``sysconfig``) cost the start about 8 million instructions
before the first screen."""

FORMS_SUBDIR = "forms"
"""Forms installed on this kiosk (later: from signed bundles), beside the shipped ones."""


@dataclass(frozen=True)
class KioskServices:
    """Configuration, forms, addresses, clock: everything but the database."""

    paths: DataPaths
    config: KioskConfig
    catalogue: FormCatalogue
    clock: Clock
    zone: tzinfo
    keys: SharedKeys = field(default_factory=SharedKeys)
    """The kiosk's keys, shared by every thread's connection (see ``docs/security.md``)."""

    @cached_property
    def regions(self) -> RegionTree:
        """The province's regions, for addresses: read when first asked for (the
        start screen asks for none, and its first paint does not wait for them)."""
        from kiosk.forms.regions import load_regions

        return load_regions(REGIONS_FILE)

    def open_storage(self) -> KioskStorage:
        """Open the database; call on the thread that will use it.

        The storage modules are imported here, on the storage thread, so that
        their import does not delay the first screen.
        """
        from kiosk.storage import open_storage

        return open_storage(self.paths, self.config, self.clock, self.zone, self.keys)


def load_services(data_dir: Path, clock: Clock | None = None) -> KioskServices:
    """Read the configuration of the kiosk living in `data_dir`, and find its forms (the
    regions are read when first needed)."""
    paths = DataPaths(data_dir)
    return KioskServices(
        paths=paths,
        config=kiosk_config(paths),
        catalogue=FormCatalogue.on_demand(FORMS_DIR, data_dir / FORMS_SUBDIR),
        clock=clock or SystemClock(),
        zone=KIOSK_TIME_ZONE,
    )
