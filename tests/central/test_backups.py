"""Backups and the restore drill: fill a platform over HTTP, back up, restore elsewhere, compare."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from central.backups import KEY_FILES_WARNING
from central.database import Database
from central.schema import table_names
from central.server import ThreadedServer
from cli.central_command import main
from kiosk.clock import FixedClock
from tests.central.platform import Platform, start_platform
from tests.central.postgres_server import PostgresServer
from tests.central.test_api import record, submit


def fill(platform: Platform) -> None:
    """Two kiosks send 40 applications over the API; one gets a status."""
    for kiosk in ("LQ03", "LQ04"):
        credential = platform.credential(kiosk)
        for _ in range(2):
            answer = submit(platform, credential, [record(kiosk) for _ in range(10)], backlog=3)
            assert answer.status_code == 200, answer.text


def application_checksums(database: Database) -> dict[str, str]:
    """A SHA-256 of every column of every application row, by UUID."""
    with database.transaction() as connection:
        rows = connection.query("SELECT * FROM applications ORDER BY uuid")
    return {str(row[0]): hashlib.sha256(repr(row).encode()).hexdigest() for row in rows}


def table_counts(database: Database) -> dict[str, int]:
    """Rows in each of the platform's tables."""
    with database.transaction() as connection:
        return {
            table: int(connection.query(f"SELECT COUNT(*) FROM {table}")[0][0])
            for table in table_names()
        }


@pytest.fixture
def second_server() -> Iterator[PostgresServer]:
    """A fresh PostgreSQL server, as on the machine a platform is rebuilt on."""
    server = PostgresServer.start()
    yield server
    server.stop()


def test_restore_drill_on_postgresql(
    postgres_server: PostgresServer,
    second_server: PostgresServer,
    clock: FixedClock,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = Database(postgres_server.new_database())
    platform = start_platform(source, clock, tmp_path)
    try:
        fill(platform)
    finally:
        platform.server.stop()
    dump = tmp_path / "central.dump"
    assert main(["--database", source.url, "--json", "backup", "--out", str(dump)]) == 0
    assert KEY_FILES_WARNING in capsys.readouterr().out
    assert dump.read_bytes().startswith(b"PGDMP")

    target = Database(second_server.new_database())
    assert main(["--database", target.url, "restore", str(dump)]) == 0
    assert KEY_FILES_WARNING in capsys.readouterr().out

    checksums = application_checksums(target)
    assert len(checksums) == 40
    assert checksums == application_checksums(source)
    assert table_counts(target) == table_counts(source)
    restored = Platform(target, clock, platform.key, ThreadedServer(target, clock))
    restored.server.start()
    try:
        ready = requests.get(f"{restored.url}/api/v1/ready", timeout=30)
        assert ready.status_code == 200
        resent = submit(restored, restored.credential("LQ05"), [record("LQ05")])
        assert resent.status_code == 200  # identity columns continue after the restored rows
    finally:
        restored.server.stop()


def test_sqlite_backup_and_restore_round_trip(
    clock: FixedClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Database(f"sqlite:///{tmp_path / 'central.db'}")
    platform = start_platform(source, clock, tmp_path)
    try:
        fill(platform)
        backup = tmp_path / "central.backup"
        # taken while the server is still running: the online backup API copies consistently
        assert main(["--database", source.url, "backup", "--out", str(backup)]) == 0
    finally:
        platform.server.stop()
    assert KEY_FILES_WARNING in capsys.readouterr().out
    assert backup.stat().st_mode & 0o077 == 0

    target = Database(f"sqlite:///{tmp_path / 'restored' / 'central.db'}")
    assert main(["--database", target.url, "restore", str(backup)]) == 0
    assert application_checksums(target) == application_checksums(source)
    assert len(application_checksums(target)) == 40
    assert table_counts(target) == table_counts(source)


def test_restore_refuses_a_database_that_is_not_empty(
    clock: FixedClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Database(f"sqlite:///{tmp_path / 'central.db'}")
    backup = tmp_path / "central.backup"
    assert main(["--database", source.url, "backup", "--out", str(backup)]) == 0
    assert main(["--database", source.url, "backup", "--out", str(backup)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["--database", source.url, "restore", str(backup)]) == 1
    assert "restore only into an empty" in capsys.readouterr().err
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert main(["--database", other, "restore", str(tmp_path / "central.db-missing")]) == 1
    assert main(["--database", other, "restore", str(__file__)]) == 1
    assert "not a SQLite backup" in capsys.readouterr().err
