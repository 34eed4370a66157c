"""What every terminal command shares: registration, the data directory, output, secrets.

Each module of ``cli/`` registers its commands with :func:`add_command` and
:func:`add_group` on the parser of ``kiosk`` or ``kiosk-central``, so every
command carries help text and a handler the same way. Kiosk commands find
their data with :func:`data_dir_of` or :func:`kiosk_database`, answer with
:func:`report` (one JSON line with ``--json``), read PINs and passphrases with
:func:`read_secret` (never from the command line, where ``ps`` and the shell
history would keep them) and exit with the codes below.

Storage and key code is imported inside the functions that need it: the
``kiosk`` command imports this module before the first screen, which must
not wait for them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from kiosk.config import DataPaths, default_data_dir

if TYPE_CHECKING:
    from sqlite_utils import Database

    from kiosk.security.key_material import KioskKeys

Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
"""Where commands are registered: the sub-parsers of a command or group."""

EXIT_OK = 0
EXIT_FAILED = 1
"""Refused, not found, not verified or broken: the command ran and said why."""
EXIT_UNUSABLE = 2
"""The command could not run at all (no display, an unreadable input)."""


def add_command(
    commands: Subcommands, name: str, handler: Callable[..., Any], help: str
) -> argparse.ArgumentParser:
    """Register command ``name`` with its one-line help; its arguments are added to the result."""
    parser = commands.add_parser(name, help=help)
    parser.set_defaults(handler=handler)
    return parser


def add_group(commands: Subcommands, name: str, help: str, dest: str | None = None) -> Subcommands:
    """Register ``name`` as a group whose sub-command must be given (``kiosk audit verify``)."""
    group = commands.add_parser(name, help=help)
    return group.add_subparsers(dest=dest or f"{name}_command", required=True)


def data_dir_of(args: argparse.Namespace) -> Path:
    """The data directory named with --data-dir, or the platform's default."""
    given: Path | None = args.data_dir
    return given if given is not None else default_data_dir()


def data_paths(args: argparse.Namespace) -> DataPaths:
    """The files of the kiosk whose data directory the command names."""
    return DataPaths(data_dir_of(args))


@contextmanager
def kiosk_database(args: argparse.Namespace) -> Iterator[Database]:
    """The kiosk's database (migrated when needed), closed when the command is done."""
    from kiosk.store import open_database

    db = open_database(data_paths(args).database).db
    try:
        yield db
    finally:
        db.conn.close()


def report(args: argparse.Namespace, record: dict[str, object], text: str) -> None:
    """Print ``record`` as one JSON line with --json, else ``text`` for a person."""
    print(json.dumps(record, ensure_ascii=False) if args.json else text)


class SecretsDiffer(ValueError):
    """The secret typed twice was not the same both times."""


def read_secret(
    from_stdin: bool, prompt: str, *, confirm: str | None = None, keep_spaces: bool = False
) -> str:
    """A PIN or passphrase: the first line of stdin for scripts, else typed unseen.

    With ``confirm`` (what the secret is called, plural: "PINs") it is typed
    twice and :class:`SecretsDiffer` says so when the two differ.
    ``keep_spaces`` keeps a passphrase's spaces at either end of the line.
    """
    if from_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\n") if keep_spaces else line.strip()
    import getpass  # only for the commands that ask; not on the kiosk's start

    secret = getpass.getpass(prompt)
    if confirm is not None and getpass.getpass("Once more: ") != secret:
        raise SecretsDiffer(f"the two {confirm} differ")
    return secret


def passphrase_of(args: argparse.Namespace, prompt: str) -> str:
    """The recovery passphrase (``--passphrase-stdin`` where the command has it)."""
    from_stdin = bool(getattr(args, "passphrase_stdin", False))
    return read_secret(from_stdin, prompt, keep_spaces=True)


def keys_for_command(
    db: Database,
    args: argparse.Namespace,
    prompt: str = "The kiosk is locked. Recovery passphrase: ",
) -> KioskKeys:
    """The kiosk's keys, opened: the recovery passphrase is asked with ``prompt`` if locked."""
    from kiosk.security import key_store
    from kiosk.security.unlocking import unlock_with_passphrase

    keys = key_store.open_keys(db)
    if not keys.is_unlocked:
        unlock_with_passphrase(db, keys, passphrase_of(args, prompt))
    return keys
