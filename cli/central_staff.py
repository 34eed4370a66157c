"""``kiosk-central staff add|disable|enable|list``: staff accounts for kiosks.

Adding, disabling and enabling sign the record with the administrator's key
(``--key``, the same file that signs forms), so they run where that key is.
PINs are read from the terminal twice, or once from standard input with
``--pin-stdin``; they are hashed with argon2id before they are stored.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from central import signing, staff_registry
from central.database import Database
from central.errors import Refusal
from cli.common import SecretsDiffer, Subcommands, add_command, add_group, read_secret
from cli.staff import add_account_arguments
from kiosk.clock import Clock
from kiosk.staff import Role
from sync.protocol import ALL_KIOSKS


def add_commands(commands: Subcommands) -> None:
    """Register the `staff` command and its sub-commands."""
    staff_commands = add_group(
        commands, "staff", help="staff accounts provisioned to kiosks", dest="staff_command"
    )
    add = add_command(staff_commands, "add", _add, help="add (or replace) an account, PIN asked")
    add_account_arguments(add)
    add.add_argument(
        "--kiosk", required=True, help=f"the kiosk code, or {ALL_KIOSKS} for every kiosk"
    )
    add.add_argument("--key", type=Path, required=True, help="the administrator's signing key")
    for name, active in (("disable", False), ("enable", True)):
        change = add_command(
            staff_commands,
            name,
            _set_active_handler(active),
            help=f"{name} an account at the next sync",
        )
        change.add_argument("staff_id")
        change.add_argument("--kiosk", required=True, help=f"kiosk code or {ALL_KIOSKS}")
        change.add_argument("--key", type=Path, required=True)
    add_command(staff_commands, "list", _list, help="every account (never a PIN)")


def _add(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    try:
        pin = read_secret(args.pin_stdin, "PIN of the new account: ", confirm="PINs")
    except SecretsDiffer as differ:
        raise Refusal(422, "pins_differ", f"{differ}; nothing was changed") from differ
    key = signing.load_key(args.key)
    with database.transaction() as connection:
        record = staff_registry.add_staff(
            connection,
            args.staff_id,
            args.kiosk,
            args.name,
            Role(args.role),
            pin,
            key,
            clock.now(),
        )
    return {"staff_id": record.staff_id, "kiosk": record.kiosk_code, "role": record.role}


def _set_active_handler(active: bool) -> Callable[[argparse.Namespace, Database, Clock], Any]:
    def handler(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
        key = signing.load_key(args.key)
        with database.transaction() as connection:
            record = staff_registry.set_active(
                connection, args.staff_id, args.kiosk, active, key, clock.now()
            )
        return {"staff_id": record.staff_id, "kiosk": record.kiosk_code, "active": record.active}

    return handler


def _list(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    with database.transaction() as connection:
        return [
            {
                "staff_id": record.staff_id,
                "kiosk": record.kiosk_code,
                "name": record.display_name,
                "role": record.role,
                "active": record.active,
            }
            for record in staff_registry.list_staff(connection)
        ]
