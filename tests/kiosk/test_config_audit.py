"""Edits to kiosk.toml, made outside the program, reach the audit log at the next start."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlite_utils import Database

from kiosk import audit
from kiosk.clock import FixedClock
from kiosk.config_audit import record_config_change


def test_a_changed_settings_file_is_audited_once(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('kiosk_code = "LQ03"\n', encoding="utf-8")

    assert record_config_change(db, config, clock)
    assert not record_config_change(db, config, clock)  # unchanged: nothing to record
    config.write_text('kiosk_code = "LQ03"\ninactivity_seconds = 600\n', encoding="utf-8")
    assert record_config_change(db, config, clock)

    recorded = [(entry.action, entry.subject) for entry in audit.entries(db)]
    assert recorded == [("settings_recorded", "kiosk.toml"), ("settings_changed", "kiosk.toml")]
    # The entry names the file and its digest, never the settings in it.
    assert dict(audit.entries(db)[-1].details) == {
        "file": "kiosk.toml",
        "digest": hashlib.sha256(config.read_bytes()).hexdigest()[:16],
    }
