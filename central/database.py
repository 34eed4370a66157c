"""One small interface over the central store's two databases: SQLite and PostgreSQL.

SQLite is the default so that one command starts a working platform; a
PostgreSQL URL lets several uvicorn workers (or machines) share one database.
Nothing lives in the process between requests: each unit of work opens a
connection, runs one transaction and closes it, so any worker can answer any
request.

SQL is written once, with ``?`` placeholders and the subset both databases
speak (``ON CONFLICT DO NOTHING``, ``RETURNING``); the PostgreSQL connection
rewrites the placeholders. Only the schema differs, in :mod:`central.schema`.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

import psycopg

Row = tuple[Any, ...]
Params = Sequence[Any]

SQLITE_BUSY_TIMEOUT_S = 30.0
DATA_DIR_VARIABLE = "KIOSK_CENTRAL_DATA_DIR"


def data_dir() -> Path:
    """Where the platform keeps its files unless told otherwise.

    ``$KIOSK_CENTRAL_DATA_DIR``, else ``$XDG_DATA_HOME/township-kiosk-central``
    (``~/.local/share/township-kiosk-central``): never the current folder, so
    running a command from another folder cannot start an empty platform.
    """
    chosen = os.environ.get(DATA_DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "township-kiosk-central"


def default_url() -> str:
    """The SQLite database in :func:`data_dir`."""
    return f"sqlite:///{data_dir() / 'central.db'}"


def create_private_file(path: Path) -> None:
    """Create ``path`` (mode 0600) and missing folders (0700) whatever the umask."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        return
    os.chmod(path, 0o600)


class Dialect(StrEnum):
    """Which database a URL names."""

    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"


class DatabaseUrlError(ValueError):
    """The database URL is neither ``sqlite:///path`` nor ``postgresql://…``."""


class Connection(Protocol):
    """A connection inside one transaction."""

    @property
    def dialect(self) -> Dialect:
        """Which database this connection talks to."""
        ...

    def query(self, sql: str, params: Params = ()) -> list[Row]:
        """Run a statement and return every row it produced."""
        ...

    def execute(self, sql: str, params: Params = ()) -> int:
        """Run a statement and return how many rows it changed."""
        ...


@dataclass(frozen=True)
class _SqliteConnection:
    raw: sqlite3.Connection
    dialect: Dialect = Dialect.SQLITE

    def query(self, sql: str, params: Params = ()) -> list[Row]:
        return [tuple(row) for row in self.raw.execute(sql, tuple(params)).fetchall()]

    def execute(self, sql: str, params: Params = ()) -> int:
        return self.raw.execute(sql, tuple(params)).rowcount


@dataclass(frozen=True)
class _PostgresConnection:
    raw: psycopg.Connection[Row]
    dialect: Dialect = Dialect.POSTGRESQL

    def query(self, sql: str, params: Params = ()) -> list[Row]:
        cursor = self.raw.execute(_pg_sql(sql), tuple(params))
        return [tuple(row) for row in cursor.fetchall()] if cursor.description else []

    def execute(self, sql: str, params: Params = ()) -> int:
        return self.raw.execute(_pg_sql(sql), tuple(params)).rowcount


def _pg_sql(sql: str) -> Any:
    """``?`` placeholders as psycopg's ``%s`` (no statement here contains a ``%``)."""
    return sql.replace("?", "%s")


@dataclass(frozen=True)
class Database:
    """Where the central store lives; opens a connection per unit of work."""

    url: str

    @property
    def dialect(self) -> Dialect:
        """The database kind the URL names."""
        if self.url.startswith("sqlite:///"):
            return Dialect.SQLITE
        if self.url.startswith(("postgresql://", "postgres://")):
            return Dialect.POSTGRESQL
        raise DatabaseUrlError(
            f"database URL {self.url!r} is neither sqlite:///PATH nor postgresql://..."
        )

    @property
    def sqlite_path(self) -> Path:
        """The file of a ``sqlite:///`` URL."""
        return Path(self.url.removeprefix("sqlite:///"))

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back on any exception.

        SQLite takes the write lock up front (``BEGIN IMMEDIATE``) so two
        workers wait for each other instead of failing half-way.
        """
        if self.dialect is Dialect.SQLITE:
            with self._sqlite() as connection:
                yield connection
        else:
            with self._postgres() as connection:
                yield connection

    @contextmanager
    def _sqlite(self) -> Iterator[Connection]:
        if not self.sqlite_path.exists():  # SQLite would create it readable by everyone
            create_private_file(self.sqlite_path)
        raw = sqlite3.connect(self.sqlite_path, timeout=SQLITE_BUSY_TIMEOUT_S, isolation_level=None)
        try:
            raw.execute(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
            raw.execute("PRAGMA journal_mode = WAL")
            raw.execute("PRAGMA synchronous = FULL")
            raw.execute("BEGIN IMMEDIATE")
            try:
                yield _SqliteConnection(raw)
            except BaseException:
                raw.execute("ROLLBACK")
                raise
            raw.execute("COMMIT")
        finally:
            raw.close()

    @contextmanager
    def _postgres(self) -> Iterator[Connection]:
        with (
            psycopg.connect(self.url, autocommit=False) as raw,
            raw.transaction(),
        ):
            yield _PostgresConnection(raw)
