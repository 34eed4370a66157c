"""Recording changes to the kiosk's settings file in the audit log.

``kiosk.toml`` is edited with a text editor, outside the program, so the
change itself cannot be audited when it happens. Instead the kiosk keeps the
file's SHA-256 in the database and, each time it opens the database, records
``settings_changed`` when the digest differs (``settings_recorded`` the first
time). The entry names the file and the digest's first 16 characters, never
the settings themselves.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlite_utils import Database

from kiosk import audit
from kiosk.clock import Clock
from kiosk.store import transaction

DIGEST_SETTING = "config.sha256"
ABSENT = "absent"


def record_config_change(db: Database, config_path: Path, clock: Clock) -> bool:
    """Audit a settings file that differs from the one seen last; return whether it did."""
    digest = (
        hashlib.sha256(config_path.read_bytes()).hexdigest() if config_path.exists() else ABSENT
    )
    with transaction(db):
        row = db.execute("SELECT value FROM settings WHERE key = ?", [DIGEST_SETTING]).fetchone()
        if row is not None and str(row[0]) == digest:
            return False
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [DIGEST_SETTING, digest],
        )
        action = "settings_recorded" if row is None else "settings_changed"
        details = {"file": config_path.name, "digest": digest[:16]}
        audit.append(db, action, config_path.name, "kiosk", details, clock)
    return True
