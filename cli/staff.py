"""`kiosk staff ...`: local staff accounts from the kiosk's terminal.

The first administrator of a new kiosk is made here (the clerk entry on the
screen says so until one exists). PINs are read twice from the terminal, or
once from standard input with ``--pin-stdin`` for scripts; they never appear
on the command line, where ``ps`` and the shell history would keep them.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import TypeVar

from sqlite_utils import Database

from kiosk.cli import data_dir_of, report
from kiosk.clock import SystemClock
from kiosk.config import DataPaths
from kiosk.staff import (
    Role,
    SignInOutcome,
    StaffError,
    add_staff,
    all_staff,
    set_active,
    sign_in,
    unlock,
)
from kiosk.store import open_database

T = TypeVar("T")

TERMINAL_ACTOR = "terminal"
"""Who the audit log names for account changes made at the kiosk's terminal."""


def add_staff_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `kiosk staff add|list|disable|enable|unlock`."""
    staff = commands.add_parser("staff", help="staff accounts on this kiosk")
    staff_commands = staff.add_subparsers(dest="staff_command", required=True)
    add = staff_commands.add_parser("add", help="add a local account (the first administrator)")
    add_account_arguments(add)
    add.set_defaults(handler=staff_add)
    listing = staff_commands.add_parser("list", help="every account, its role and state")
    listing.set_defaults(handler=staff_list)
    for name, active in (("disable", False), ("enable", True)):
        change = staff_commands.add_parser(name, help=f"{name} an account")
        change.add_argument("staff_id")
        change.set_defaults(handler=_set_active_handler(active))
    release = staff_commands.add_parser(
        "unlock", help="unlock a locked account (a supervisor's id and PIN are asked)"
    )
    release.add_argument("staff_id")
    release.add_argument("--by", required=True, help="the supervisor's or administrator's id")
    release.add_argument("--pin-stdin", action="store_true", help="read their PIN from stdin")
    release.set_defaults(handler=staff_unlock)


def add_account_arguments(add: argparse.ArgumentParser) -> None:
    """--id, --name, --role and --pin-stdin: one account, here and at the central platform."""
    add.add_argument("--id", required=True, dest="staff_id", help="digits, typed at sign-in")
    add.add_argument("--name", required=True, help="display name")
    add.add_argument("--role", choices=[role.value for role in Role], default=Role.CLERK.value)
    add.add_argument("--pin-stdin", action="store_true", help="read the PIN from standard input")


def staff_add(args: argparse.Namespace) -> int:
    """Create a local account with a PIN read from the terminal."""
    pin = _read_pin(args, "PIN of the new account: ", confirm=True)
    if pin is None:
        return 1
    return _with_database(
        args,
        lambda db: add_staff(
            db, args.staff_id, args.name, Role(args.role), pin, SystemClock(), TERMINAL_ACTOR
        ),
        lambda account: {"ok": True, "staff_id": account.staff_id, "role": account.role.value},
        lambda account: f"Added {account.role.value} {account.staff_id} ({account.display_name}).",
    )


def staff_list(args: argparse.Namespace) -> int:
    """Print every account (never a PIN or its hash)."""
    return _with_database(
        args,
        all_staff,
        lambda accounts: {
            "ok": True,
            "staff": [
                {
                    "staff_id": account.staff_id,
                    "name": account.display_name,
                    "role": account.role.value,
                    "source": account.source,
                    "active": account.active,
                    "locked": account.locked_until is not None,
                }
                for account in accounts
            ],
        },
        lambda accounts: (
            "\n".join(
                f"{account.staff_id}\t{account.role.value}\t{account.source}\t"
                f"{'active' if account.active else 'disabled'}\t{account.display_name}"
                for account in accounts
            )
            or "No staff accounts yet: add the first with kiosk staff add --role administrator"
        ),
    )


def _set_active_handler(active: bool) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        return _with_database(
            args,
            lambda db: set_active(db, args.staff_id, active, SystemClock(), TERMINAL_ACTOR),
            lambda _: {"ok": True, "staff_id": args.staff_id, "active": active},
            lambda _: f"Staff {args.staff_id} {'enabled' if active else 'disabled'}.",
        )

    return handler


def staff_unlock(args: argparse.Namespace) -> int:
    """Unlock an account once a supervisor or administrator has signed in."""
    pin = _read_pin(args, f"PIN of {args.by}: ", confirm=False)
    if pin is None:
        return 1

    def release(db: Database) -> None:
        clock = SystemClock()
        supervisor = sign_in(db, args.by, pin, clock)
        if supervisor.outcome is not SignInOutcome.ACCEPTED or supervisor.account is None:
            raise StaffError(f"{args.by} could not sign in ({supervisor.outcome.value})")
        unlock(db, args.staff_id, supervisor.account, clock)

    return _with_database(
        args,
        release,
        lambda _: {"ok": True, "staff_id": args.staff_id},
        lambda _: f"Staff {args.staff_id} unlocked.",
    )


def _read_pin(args: argparse.Namespace, prompt: str, confirm: bool) -> str | None:
    if args.pin_stdin:
        return sys.stdin.readline().strip()
    pin = getpass.getpass(prompt)
    if confirm and getpass.getpass("Once more: ") != pin:
        print("The two PINs differ; nothing was changed.", file=sys.stderr)
        return None
    return pin


def _with_database(
    args: argparse.Namespace,
    action: Callable[[Database], T],
    record: Callable[[T], dict[str, object]],
    text: Callable[[T], str],
) -> int:
    """Run `action` on the kiosk's database; a StaffError becomes a message and exit 1."""
    opened = open_database(DataPaths(data_dir_of(args)).database)
    try:
        result = action(opened.db)
    except StaffError as error:
        print(f"{error}; nothing was changed.", file=sys.stderr)
        return 1
    finally:
        opened.db.conn.close()
    report(args, record(result), text(result))
    return 0
