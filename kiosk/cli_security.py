"""`kiosk security ...`: set up, unlock and inspect the protection of personal data.

The administrator runs ``kiosk security init`` once when installing a kiosk,
to set the recovery passphrase (the offline way to unlock it; the central
platform is the everyday one). The design is in ``docs/security.md``.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from sqlite_utils import Database

from kiosk.applications import fill_lookup_hashes
from kiosk.clock import SystemClock
from kiosk.config import DataPaths, default_data_dir, load_config
from kiosk.errors import UnlockRefusedError
from kiosk.retention import purge_acknowledged
from kiosk.security import key_store
from kiosk.security.key_material import KioskKeys
from kiosk.security.rotation import rotate_keys
from kiosk.security.unlocking import unlock_with_passphrase
from kiosk.store import compact, open_database, transaction

PASSPHRASE_HELP = "read the passphrase from the first line of standard input (for scripts)"


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``kiosk security`` and its sub-commands."""
    security = commands.add_parser("security", help="protection of personal data at rest")
    actions = security.add_subparsers(dest="security_command", required=True)
    init = actions.add_parser("init", help="set (or change) the recovery passphrase")
    init.add_argument("--passphrase-stdin", action="store_true", help=PASSPHRASE_HELP)
    init.set_defaults(handler=init_command)
    unlock = actions.add_parser(
        "unlock", help="check the recovery passphrase opens the keys; finish pending lookups"
    )
    unlock.add_argument("--passphrase-stdin", action="store_true", help=PASSPHRASE_HELP)
    unlock.set_defaults(handler=unlock_command)
    rotate = actions.add_parser(
        "rotate", help="new keys, every sealed value re-sealed (stop the kiosk first)"
    )
    rotate.add_argument("--passphrase-stdin", action="store_true", help=PASSPHRASE_HELP)
    rotate.set_defaults(handler=rotate_command)
    status = actions.add_parser("status", help="how the keys are protected")
    status.set_defaults(handler=status_command)
    purge = actions.add_parser(
        "purge", help="erase personal data acknowledged by the centre longer ago than allowed"
    )
    purge.add_argument("--days", type=int, help="retention in days (default: kiosk.toml)")
    purge.set_defaults(handler=purge_command)


def init_command(args: argparse.Namespace) -> int:
    """Wrap the keys under a new recovery passphrase; an existing one must be given first."""
    db = _open(args)
    try:
        keys = key_store.open_keys(db)
        if not keys.is_unlocked:
            unlock_with_passphrase(db, keys, _passphrase(args, "Current recovery passphrase: "))
        passphrase = _new_passphrase(args)
        with transaction(db):
            key_store.set_passphrase(db, keys.material(), passphrase, SystemClock().now())
        compact(db)
        central = _escrow(db, keys, args)
    except (UnlockRefusedError, ValueError) as error:
        print(f"{error}; nothing was changed.", file=sys.stderr)
        return 1
    finally:
        db.conn.close()
    _report(
        args,
        {"ok": True, "central": central},
        f"Recovery passphrase set. Keep it sealed away from the kiosk. Central: {central}.",
    )
    return 0


def _escrow(db: Database, keys: KioskKeys, args: argparse.Namespace) -> str:
    """Give the centre its unlock secret while the keys are open (network code loaded here)."""
    from sync.key_escrow import escrow_at_once

    paths = _paths(args)
    config = load_config(paths.config) if paths.config.exists() else None
    url = config.central_url if config else None
    bundle = config.central_ca_bundle if config else None
    return escrow_at_once(db, keys, url, Path(bundle) if bundle else None, SystemClock().now())


def unlock_command(args: argparse.Namespace) -> int:
    """Open the keys with the passphrase and hash ID numbers written while locked."""
    db = _open(args)
    try:
        keys = key_store.open_keys(db)
        filled = (
            fill_lookup_hashes(db, keys)
            if keys.is_unlocked
            else unlock_with_passphrase(db, keys, _passphrase(args, "Recovery passphrase: "))
        )
    except UnlockRefusedError as error:
        print(f"Not unlocked: {error}", file=sys.stderr)
        return 1
    finally:
        db.conn.close()
    _report(args, {"ok": True, "lookups_filled": filled}, "The passphrase opens this kiosk's keys.")
    return 0


def rotate_command(args: argparse.Namespace) -> int:
    """Replace the keys; asks for the current passphrase (if locked), then the new one."""
    db = _open(args)
    try:
        keys = key_store.open_keys(db)
        if not keys.is_unlocked:
            unlock_with_passphrase(db, keys, _passphrase(args, "Current recovery passphrase: "))
        new = rotate_keys(db, keys, _new_passphrase(args), SystemClock().now())
        central = _escrow(db, KioskKeys(new.public_key, new), args)
    except (UnlockRefusedError, ValueError) as error:
        print(f"{error}; nothing was changed.", file=sys.stderr)
        return 1
    finally:
        db.conn.close()
    _report(args, {"ok": True, "central": central}, f"New keys in use. Central: {central}.")
    return 0


def status_command(args: argparse.Namespace) -> int:
    """Print the public key's fingerprint and which protections exist."""
    db = _open(args)
    try:
        methods = key_store.protections(db)
        public = key_store.public_key(db) or b""
    finally:
        db.conn.close()
    protected = [m.value for m in methods if m is not key_store.WrapMethod.UNPROTECTED]
    record = {"public_key": public.hex(), "protections": protected, "protected": bool(protected)}
    text = (
        f"Protected by: {', '.join(protected)}"
        if protected
        else "NOT PROTECTED: run `kiosk security init` to set the recovery passphrase."
    )
    _report(args, record, text)
    return 0 if protected else 1


def purge_command(args: argparse.Namespace) -> int:
    """Apply the retention rule now (the sync worker also does after each sync)."""
    days = args.days if args.days is not None else load_config(_paths(args).config).retention_days
    db = _open(args)
    try:
        purged = purge_acknowledged(db, SystemClock(), days, _paths(args).receipts)
    except ValueError as error:
        print(f"Nothing purged: {error}", file=sys.stderr)
        return 1
    finally:
        db.conn.close()
    _report(args, {"ok": True, "purged": purged}, f"Personal data of {purged} applications erased.")
    return 0


def keys_for_command(db: Database, args: argparse.Namespace) -> KioskKeys:
    """The kiosk's keys for a terminal command that reads personal data (asks if locked)."""
    keys = key_store.open_keys(db)
    if not keys.is_unlocked:
        unlock_with_passphrase(
            db, keys, _passphrase(args, "The kiosk is locked. Recovery passphrase: ")
        )
    return keys


def _passphrase(args: argparse.Namespace, prompt: str) -> str:
    if getattr(args, "passphrase_stdin", False):
        return _read_line()
    return getpass.getpass(prompt)


def _new_passphrase(args: argparse.Namespace) -> str:
    if args.passphrase_stdin:
        return _read_line()
    passphrase = getpass.getpass("New recovery passphrase: ")
    if getpass.getpass("Once more: ") != passphrase:
        raise ValueError("the two passphrases differ")
    return passphrase


def _read_line() -> str:
    return sys.stdin.readline().rstrip("\n")


def _paths(args: argparse.Namespace) -> DataPaths:
    return DataPaths(args.data_dir if args.data_dir is not None else default_data_dir())


def _open(args: argparse.Namespace) -> Database:
    return open_database(_paths(args).database).db


def _report(args: argparse.Namespace, record: dict[str, object], text: str) -> None:
    print(json.dumps(record, ensure_ascii=False) if args.json else text)
