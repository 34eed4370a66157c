"""``kiosk-central console-admin add`` and ``kiosk-central signing-key store``: the
web console's first administrator, and the signing key it publishes with.

The first administrator cannot be made in the console (nobody can sign in
yet), so it is made here, on the platform's machine. The password is typed
twice unseen (or read once from standard input with ``--password-stdin``);
the second factor is set up at the first sign-in. ``signing-key store`` keeps
the form signing key for the console encrypted under a passphrase (see
``central/signing_key_store.py``): the key file itself stays with the administrator.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from central import signing
from central.console import accounts
from central.console.accounts import Role
from central.database import Database
from central.errors import Refusal
from central.signing_key_store import store_signing_key
from cli.common import SecretsDiffer, Subcommands, add_command, add_group, read_secret
from kiosk.clock import Clock


def add_commands(commands: Subcommands) -> None:
    """Register ``console-admin`` and ``signing-key``."""
    admins = add_group(
        commands, "console-admin", help="web console accounts", dest="console_command"
    )
    add = add_command(
        admins, "add", _add_administrator, help="add an administrator (password asked twice)"
    )
    add.add_argument("username")
    add.add_argument("--name", default="", help="the name shown in the console")
    add.add_argument("--language", default="zh_CN", choices=list(accounts.CONSOLE_LANGUAGES))
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")

    keys = add_group(
        commands, "signing-key", help="the form signing key for the console", dest="key_command"
    )
    store = add_command(
        keys,
        "store",
        _store_signing_key,
        help="keep the signing key for the console, encrypted under a passphrase",
    )
    store.add_argument("--key", type=Path, required=True, help="the signing key file (PEM)")
    store.add_argument(
        "--passphrase-stdin", action="store_true", help="read the passphrase from stdin"
    )


def _secret(from_stdin: bool, prompt: str, what: str) -> str:
    try:
        return read_secret(from_stdin, prompt, confirm=what, keep_spaces=True)
    except SecretsDiffer as differ:
        raise Refusal(422, "secrets_differ", f"{differ}; nothing was changed") from differ


def _add_administrator(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    password = _secret(args.password_stdin, "Password (at least 12 characters): ", "passwords")
    with database.transaction() as connection:
        created = accounts.add_account(
            connection,
            args.username,
            args.name,
            Role.ADMINISTRATOR,
            password,
            clock.now(),
            language=args.language,
        )
    return {"username": created.username, "role": created.role.value}


def _store_signing_key(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    key = signing.load_key(args.key)
    passphrase = _secret(
        args.passphrase_stdin, "Passphrase for publishing from the console: ", "passphrases"
    )
    with database.transaction() as connection:
        store_signing_key(connection, key, passphrase)
    return {"stored": True, "public_key": signing.public_key_text(key)}
