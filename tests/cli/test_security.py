"""`kiosk security ...` at a terminal: protect a new kiosk, unlock it, refuse a wrong passphrase."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from kiosk.applications import ApplicationStore
from kiosk.clock import FixedClock
from kiosk.config import DataPaths
from kiosk.security import key_store
from kiosk.store import open_database
from tests.cli.test_kiosk_command import kiosk

PASSPHRASE = "a long recovery passphrase"


def _with_application(data_dir: Path) -> None:
    db = open_database(DataPaths(data_dir).database).db
    clock = FixedClock(datetime(2026, 11, 27, 3, 0, tzinfo=UTC))
    store = ApplicationStore(db, clock, "DEMO01")
    draft = store.create_draft("rural-pension-enrolment", 1, "zh_CN")
    store.submit(draft.uuid, {"id_number": "11010519491231002X"})
    db.close()


def test_init_protects_the_keys_and_unlock_checks_the_passphrase(tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path), "--json"]
    _with_application(tmp_path)
    status = kiosk(*data, "security", "status")
    assert status.returncode == 1
    assert json.loads(status.stdout)["protected"] is False

    init = kiosk(*data, "security", "init", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert init.returncode == 0, init.stderr
    status = kiosk(*data, "security", "status")
    assert status.returncode == 0
    assert json.loads(status.stdout)["protections"] == ["passphrase"]

    wrong = kiosk(*data, "security", "unlock", "--passphrase-stdin", stdin="not it at all\n")
    assert wrong.returncode == 1
    assert "Not unlocked" in wrong.stderr
    right = kiosk(*data, "security", "unlock", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert right.returncode == 0, right.stderr
    assert json.loads(right.stdout) == {"ok": True, "lookups_filled": 0}

    db = open_database(DataPaths(tmp_path).database).db
    try:
        assert not key_store.open_keys(db).is_unlocked  # the plain copy is gone
    finally:
        db.close()


def test_a_short_passphrase_changes_nothing(tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path)]
    result = kiosk(*data, "security", "init", "--passphrase-stdin", stdin="short\n")
    assert result.returncode == 1
    assert "at least 12 characters" in result.stderr
    assert kiosk(*data, "security", "status").returncode == 1


def test_purge_uses_the_configured_retention(tmp_path: Path) -> None:
    _with_application(tmp_path)
    result = kiosk("--data-dir", str(tmp_path), "--json", "security", "purge", "--days", "1")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"ok": True, "purged": 0}  # never acknowledged


def test_rotate_replaces_the_keys_and_the_passphrase(tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path), "--json"]
    _with_application(tmp_path)
    assert kiosk(*data, "security", "init", "--passphrase-stdin", stdin=PASSPHRASE).returncode == 0
    before = json.loads(kiosk(*data, "security", "status").stdout)["public_key"]

    renewed = "another long passphrase"
    result = kiosk(
        *data, "security", "rotate", "--passphrase-stdin", stdin=f"{PASSPHRASE}\n{renewed}\n"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(kiosk(*data, "security", "status").stdout)["public_key"] != before
    old = kiosk(*data, "security", "unlock", "--passphrase-stdin", stdin=PASSPHRASE)
    assert old.returncode == 1
    new = kiosk(*data, "security", "unlock", "--passphrase-stdin", stdin=renewed)
    assert new.returncode == 0, new.stderr
