"""`kiosk staff ...`: local staff accounts from the kiosk's terminal.

The first administrator of a new kiosk is made here (the clerk entry on the
screen says so until one exists). PINs are read twice from the terminal, or
once from standard input with ``--pin-stdin`` for scripts; they never appear
on the command line, where ``ps`` and the shell history would keep them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TypeVar

from sqlite_utils import Database

from cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    SecretsDiffer,
    Subcommands,
    add_command,
    add_group,
    kiosk_database,
    read_secret,
    report,
)
from kiosk.clock import SystemClock
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

T = TypeVar("T")

TERMINAL_ACTOR = "terminal"
"""Who the audit log names for account changes made at the kiosk's terminal."""


def add_commands(commands: Subcommands) -> None:
    """Register `kiosk staff add|list|disable|enable|unlock`."""
    staff = add_group(commands, "staff", help="staff accounts on this kiosk")
    add = add_command(staff, "add", staff_add, help="add a local account (the first administrator)")
    add_account_arguments(add)
    add_command(staff, "list", staff_list, help="every account, its role and state")
    for name, active in (("disable", False), ("enable", True)):
        change = add_command(staff, name, _set_active_handler(active), help=f"{name} an account")
        change.add_argument("staff_id")
    release = add_command(
        staff,
        "unlock",
        staff_unlock,
        help="unlock a locked account (a supervisor's id and PIN are asked)",
    )
    release.add_argument("staff_id")
    release.add_argument("--by", required=True, help="the supervisor's or administrator's id")
    release.add_argument("--pin-stdin", action="store_true", help="read their PIN from stdin")


def add_account_arguments(add: argparse.ArgumentParser) -> None:
    """--id, --name, --role and --pin-stdin: one account, here and at the central platform."""
    add.add_argument("--id", required=True, dest="staff_id", help="digits, typed at sign-in")
    add.add_argument("--name", required=True, help="display name")
    add.add_argument("--role", choices=[role.value for role in Role], default=Role.CLERK.value)
    add.add_argument("--pin-stdin", action="store_true", help="read the PIN from standard input")


def staff_add(args: argparse.Namespace) -> int:
    """Create a local account with a PIN read from the terminal."""
    try:
        pin = read_secret(args.pin_stdin, "PIN of the new account: ", confirm="PINs")
    except SecretsDiffer:
        print("The two PINs differ; nothing was changed.", file=sys.stderr)
        return EXIT_FAILED
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
    pin = read_secret(args.pin_stdin, f"PIN of {args.by}: ")

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


def _with_database(
    args: argparse.Namespace,
    action: Callable[[Database], T],
    record: Callable[[T], dict[str, object]],
    text: Callable[[T], str],
) -> int:
    """Run `action` on the kiosk's database; a StaffError becomes a message and exit 1."""
    with kiosk_database(args) as db:
        try:
            result = action(db)
        except StaffError as error:
            print(f"{error}; nothing was changed.", file=sys.stderr)
            return EXIT_FAILED
    report(args, record(result), text(result))
    return EXIT_OK
