"""Backing up the central store to one file, and restoring it into an empty database.

PostgreSQL is dumped with ``pg_dump`` in its custom format (compressed, read
back by ``pg_restore``); SQLite is copied with its online backup API, which
gives a consistent copy while workers keep writing. Either way the file holds
the database only: the key files kept beside it (the unlock secrets' key,
:func:`central.unlock_secrets.key_path`; the form signing and transfer keys
wherever the administrator keeps them) must be backed up separately, and
every backup says so.

A restore only goes into an empty database, so it can never mix two
platforms' rows or overwrite a live one.
"""

from __future__ import annotations

import glob
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from central.database import Database, Dialect, create_private_file
from central.errors import Refusal
from central.schema import table_names

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
KEY_FILES_WARNING = (
    "the backup holds the database only: back up the key files separately"
    " (the unlock secrets key in the data folder, the form signing and USB transfer keys)"
)


def postgres_tool(name: str) -> str:
    """The newest installed ``pg_dump``/``pg_restore`` (Debian keeps them off PATH)."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    on_path = shutil.which(name)
    if on_path is None:
        raise Refusal(500, "tool_missing", f"{name} is not installed (apt-get install postgresql)")
    return on_path


def backup(database: Database, out: Path) -> None:
    """Write a consistent copy of ``database`` to ``out`` (mode 0600; refused if it exists)."""
    if out.exists():
        raise Refusal(409, "backup_exists", f"{out} already exists; choose another file")
    create_private_file(out)
    try:
        if database.dialect is Dialect.POSTGRESQL:
            _run(
                [
                    postgres_tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--file",
                    str(out),
                    "--dbname",
                    database.url,
                ]
            )
        else:
            _sqlite_copy(database.sqlite_path, out)
    except BaseException:
        out.unlink(missing_ok=True)
        raise


def restore(backup_file: Path, database: Database) -> None:
    """Load ``backup_file`` into ``database``, which must hold none of the platform's tables."""
    header = backup_file.read_bytes()[:16]
    if database.dialect is Dialect.POSTGRESQL:
        if not header.startswith(PG_DUMP_MAGIC):
            raise Refusal(422, "wrong_backup", f"{backup_file} is not a PostgreSQL backup")
        _require_empty(database)
        _run(
            [
                postgres_tool("pg_restore"),
                "--no-owner",
                "--exit-on-error",
                "--single-transaction",
                "--dbname",
                database.url,
                str(backup_file),
            ]
        )
        return
    if header != SQLITE_MAGIC:
        raise Refusal(422, "wrong_backup", f"{backup_file} is not a SQLite backup")
    _require_empty(database)
    if not database.sqlite_path.exists():
        create_private_file(database.sqlite_path)
    _sqlite_copy(backup_file, database.sqlite_path)


def _sqlite_copy(source_path: Path, target_path: Path) -> None:
    """Copy a SQLite database page by page with the online backup API."""
    with (
        closing(sqlite3.connect(source_path)) as source,
        closing(sqlite3.connect(target_path)) as target,
    ):
        source.backup(target)


def _require_empty(database: Database) -> None:
    present = [table for table in table_names() if table in existing_tables(database)]
    if present:
        raise Refusal(
            409,
            "database_not_empty",
            f"the database already holds {', '.join(present)}: restore only into an empty one",
        )


def existing_tables(database: Database) -> set[str]:
    """Names of the tables the database holds now."""
    if database.dialect is Dialect.SQLITE and not database.sqlite_path.exists():
        return set()
    with database.transaction() as connection:
        if connection.dialect is Dialect.POSTGRESQL:
            rows = connection.query(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            )
        else:
            rows = connection.query("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {str(row[0]) for row in rows}


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tool = Path(command[0]).name
        raise Refusal(500, "backup_failed", f"{tool} failed: {done.stderr.strip()[-2000:]}")
