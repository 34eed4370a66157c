"""`kiosk audit verify`: the audit chain walked from a terminal."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.cli.test_kiosk_command import kiosk


def test_audit_verify_names_a_tampered_entry_and_a_truncated_log(tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path)]
    for staff_id in ("1001", "1002", "1003"):
        add = ["staff", "add", "--id", staff_id, "--name", "Clerk", "--pin-stdin"]
        assert kiosk(*data, *add, stdin="2468\n").returncode == 0
    intact = kiosk(*data, "--json", "audit", "verify")
    assert intact.returncode == 0, intact.stderr
    assert json.loads(intact.stdout)["entries_checked"] == 3

    database = sqlite3.connect(tmp_path / "kiosk.db")
    database.execute("DROP TRIGGER audit_is_append_only_update")
    database.execute("DROP TRIGGER audit_is_append_only_delete")
    database.execute("UPDATE audit SET actor = 'kiosk' WHERE id = 2")
    database.commit()
    tampered = kiosk(*data, "--json", "audit", "verify")
    assert tampered.returncode == 1
    assert json.loads(tampered.stdout)["first_broken_id"] == 2

    database.execute("DELETE FROM audit WHERE id >= 2")
    database.commit()
    database.close()
    truncated = kiosk(*data, "audit", "verify")
    assert truncated.returncode == 1
    assert "BROKEN at entry 2" in truncated.stdout
    assert "missing from the end" in truncated.stdout
