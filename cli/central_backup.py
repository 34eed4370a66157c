"""``kiosk-central backup --out FILE`` and ``kiosk-central restore FILE``.

A restore goes into an empty database only, so ``main`` must not create the
schema before it: :data:`NO_SCHEMA_HANDLERS` names the handler.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from central import backups, unlock_secrets
from central.database import Database, Dialect
from cli.common import Subcommands, add_command
from kiosk.clock import Clock


def add_commands(commands: Subcommands) -> None:
    """Register ``backup`` and ``restore``."""
    backup = add_command(
        commands, "backup", _backup, help="copy the database to one file (key files not included)"
    )
    backup.add_argument("--out", type=Path, required=True, help="backup file to create")
    restore = add_command(
        commands, "restore", restore_command, help="load a backup file into an empty database"
    )
    restore.add_argument("file", type=Path)


def _backup(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    backups.backup(database, args.out)
    return {
        "backup": str(args.out),
        "bytes": args.out.stat().st_size,
        "format": "pg_dump custom" if database.dialect is Dialect.POSTGRESQL else "sqlite",
        "warning": backups.KEY_FILES_WARNING,
        "unlock_secrets_key": str(unlock_secrets.key_path(database)),
    }


def restore_command(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    """Restore into ``database``, which must not hold the platform's tables yet."""
    backups.restore(args.file, database)
    return {
        "restored": str(args.file),
        "warning": backups.KEY_FILES_WARNING,
        "unlock_secrets_key": str(unlock_secrets.key_path(database)),
    }


NO_SCHEMA_HANDLERS = frozenset({restore_command})
