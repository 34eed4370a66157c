"""Everything bound to the kiosk's one database connection, opened together.

The connection belongs to the thread that opens it (see `kiosk.store`), so the
GUI opens `KioskStorage` on its storage thread and uses it only there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from sqlite_utils import Database

from kiosk.applications import ApplicationStore
from kiosk.clock import Clock
from kiosk.config import DataPaths, KioskConfig
from kiosk.config_audit import record_config_change
from kiosk.security.shared_keys import SharedKeys
from kiosk.store import open_database


@dataclass
class KioskStorage:
    """The database and the stores built on it."""

    db: Database
    applications: ApplicationStore
    set_aside: Path | None
    """Where a damaged database found at start was moved, for the clerk to be told."""

    def close(self) -> None:
        """Close the connection (at shutdown, on the thread that opened it)."""
        self.db.conn.close()


def open_storage(
    paths: DataPaths,
    config: KioskConfig,
    clock: Clock,
    zone: tzinfo,
    keys: SharedKeys | None = None,
) -> KioskStorage:
    """Open (checking, migrating, setting a damaged file aside) the kiosk database."""
    opened = open_database(paths.database, clock=clock)
    record_config_change(opened.db, paths.config, clock)
    shared = (keys or SharedKeys()).keys_for(opened.db)
    applications = ApplicationStore(opened.db, clock, config.kiosk_code, zone=zone, keys=shared)
    return KioskStorage(opened.db, applications, opened.set_aside)
