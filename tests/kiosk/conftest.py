"""Shared fixtures for the kiosk core: a pinned clock and a real database file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from kiosk.applications import ApplicationStore
from kiosk.clock import FixedClock
from kiosk.store import open_database

START = datetime(2026, 11, 27, 3, 30, 12, tzinfo=UTC)
"""The time every test starts at, unless it moves its clock."""

KIOSK_CODE = "LQ03"


@pytest.fixture
def clock() -> FixedClock:
    """A clock pinned at START, owned by one test."""
    return FixedClock(START)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's database file lives (not created yet)."""
    return tmp_path / "kiosk.db"


@pytest.fixture
def db(db_path: Path, clock: FixedClock) -> Iterator[Database]:
    """A freshly opened and migrated database on disk."""
    opened = open_database(db_path, clock=clock)
    yield opened.db
    opened.db.close()


@pytest.fixture
def store(db: Database, clock: FixedClock) -> ApplicationStore:
    """An application store on the test database for kiosk LQ03."""
    return ApplicationStore(db, clock, KIOSK_CODE)
