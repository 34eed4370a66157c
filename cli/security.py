"""`kiosk security ...`: set up, unlock and inspect the protection of personal data.

The administrator runs ``kiosk security init`` once when installing a kiosk,
to set the recovery passphrase (the offline way to unlock it; the central
platform is the everyday one). The design is in ``docs/security.md``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlite_utils import Database

from cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    Subcommands,
    add_command,
    add_group,
    data_paths,
    keys_for_command,
    kiosk_database,
    passphrase_of,
    read_secret,
    report,
)
from kiosk.applications import fill_lookup_hashes
from kiosk.clock import SystemClock
from kiosk.config import load_config
from kiosk.errors import UnlockRefusedError
from kiosk.fleet_settings import kiosk_config
from kiosk.retention import purge_acknowledged
from kiosk.security import key_store
from kiosk.security.key_material import KioskKeys
from kiosk.security.rotation import rotate_keys
from kiosk.security.unlocking import unlock_with_passphrase
from kiosk.store import compact, transaction

PASSPHRASE_HELP = "read the passphrase from the first line of standard input (for scripts)"


def add_commands(commands: Subcommands) -> None:
    """Register ``kiosk security`` and its sub-commands."""
    actions = add_group(commands, "security", help="protection of personal data at rest")
    for name, handler, text in (
        ("init", init_command, "set (or change) the recovery passphrase"),
        (
            "unlock",
            unlock_command,
            "check the recovery passphrase opens the keys; finish pending lookups",
        ),
        ("rotate", rotate_command, "new keys, every sealed value re-sealed (stop the kiosk first)"),
    ):
        action = add_command(actions, name, handler, help=text)
        action.add_argument("--passphrase-stdin", action="store_true", help=PASSPHRASE_HELP)
    add_command(actions, "status", status_command, help="how the keys are protected")
    purge = add_command(
        actions,
        "purge",
        purge_command,
        help="erase personal data acknowledged by the centre longer ago than allowed",
    )
    purge.add_argument("--days", type=int, help="retention in days (default: kiosk.toml)")


def init_command(args: argparse.Namespace) -> int:
    """Wrap the keys under a new recovery passphrase; an existing one must be given first."""
    with kiosk_database(args) as db:
        try:
            keys = keys_for_command(db, args, "Current recovery passphrase: ")
            passphrase = _new_passphrase(args)
            with transaction(db):
                key_store.set_passphrase(db, keys.material(), passphrase, SystemClock().now())
            compact(db)
            central = _escrow(db, keys, args)
        except (UnlockRefusedError, ValueError) as error:
            print(f"{error}; nothing was changed.", file=sys.stderr)
            return EXIT_FAILED
    report(
        args,
        {"ok": True, "central": central},
        f"Recovery passphrase set. Keep it sealed away from the kiosk. Central: {central}.",
    )
    return EXIT_OK


def _escrow(db: Database, keys: KioskKeys, args: argparse.Namespace) -> str:
    """Give the centre its unlock secret while the keys are open (network code loaded here)."""
    from sync.key_escrow import escrow_at_once

    paths = data_paths(args)
    config = load_config(paths.config) if paths.config.exists() else None
    url = config.central_url if config else None
    bundle = config.central_ca_bundle if config else None
    return escrow_at_once(db, keys, url, Path(bundle) if bundle else None, SystemClock().now())


def unlock_command(args: argparse.Namespace) -> int:
    """Open the keys with the passphrase and hash ID numbers written while locked."""
    with kiosk_database(args) as db:
        try:
            keys = key_store.open_keys(db)
            filled = (
                fill_lookup_hashes(db, keys)
                if keys.is_unlocked
                else unlock_with_passphrase(db, keys, passphrase_of(args, "Recovery passphrase: "))
            )
        except UnlockRefusedError as error:
            print(f"Not unlocked: {error}", file=sys.stderr)
            return EXIT_FAILED
    report(args, {"ok": True, "lookups_filled": filled}, "The passphrase opens this kiosk's keys.")
    return EXIT_OK


def rotate_command(args: argparse.Namespace) -> int:
    """Replace the keys; asks for the current passphrase (if locked), then the new one."""
    with kiosk_database(args) as db:
        try:
            keys = keys_for_command(db, args, "Current recovery passphrase: ")
            new = rotate_keys(db, keys, _new_passphrase(args), SystemClock().now())
            central = _escrow(db, KioskKeys(new.public_key, new), args)
        except (UnlockRefusedError, ValueError) as error:
            print(f"{error}; nothing was changed.", file=sys.stderr)
            return EXIT_FAILED
    report(args, {"ok": True, "central": central}, f"New keys in use. Central: {central}.")
    return EXIT_OK


def status_command(args: argparse.Namespace) -> int:
    """Print the public key's fingerprint and which protections exist."""
    with kiosk_database(args) as db:
        methods = key_store.protections(db)
        public = key_store.public_key(db) or b""
    protected = [m.value for m in methods if m is not key_store.WrapMethod.UNPROTECTED]
    record = {"public_key": public.hex(), "protections": protected, "protected": bool(protected)}
    text = (
        f"Protected by: {', '.join(protected)}"
        if protected
        else "NOT PROTECTED: run `kiosk security init` to set the recovery passphrase."
    )
    report(args, record, text)
    return EXIT_OK if protected else EXIT_FAILED


def purge_command(args: argparse.Namespace) -> int:
    """Apply the retention rule now (the sync worker also does after each sync)."""
    days = args.days if args.days is not None else kiosk_config(data_paths(args)).retention_days
    with kiosk_database(args) as db:
        try:
            purged = purge_acknowledged(db, SystemClock(), days, data_paths(args).receipts)
        except ValueError as error:
            print(f"Nothing purged: {error}", file=sys.stderr)
            return EXIT_FAILED
    report(args, {"ok": True, "purged": purged}, f"Personal data of {purged} applications erased.")
    return EXIT_OK


def _new_passphrase(args: argparse.Namespace) -> str:
    return read_secret(
        args.passphrase_stdin, "New recovery passphrase: ", confirm="passphrases", keep_spaces=True
    )
