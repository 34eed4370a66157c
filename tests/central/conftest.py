"""Central platform fixtures: every test runs on SQLite and on a real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from central.database import DATA_DIR_VARIABLE, Database
from kiosk.clock import FixedClock
from tests.central.platform import Platform, start_platform
from tests.central.postgres_server import PostgresServer

START = datetime(2026, 11, 27, 3, 30, 12, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    postgres_server: PostgresServer,
    monkeypatch: pytest.MonkeyPatch,
) -> Database:
    """An empty central database of each kind (PostgreSQL's files go in the test's folder)."""
    if request.param == "sqlite":
        return Database(f"sqlite:///{tmp_path / 'central.db'}")
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path / "central-data"))
    return Database(postgres_server.new_database())


@pytest.fixture
def clock() -> FixedClock:
    """The platform's clock, pinned."""
    return FixedClock(START)


@pytest.fixture
def platform(database: Database, clock: FixedClock, tmp_path: Path) -> Iterator[Platform]:
    """A served platform with the sample forms published."""
    started = start_platform(database, clock, tmp_path)
    yield started
    started.server.stop()
