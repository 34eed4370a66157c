"""`kiosk export --to DIR` and `kiosk import FILE`: a USB stick instead of a network.

The export seals every application the central platform has not yet
acknowledged into one file; the import reads back the platform's receipt
(which acknowledges them) or its signed form bundles.
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
    data_paths,
    keys_for_command,
    kiosk_database,
    report,
)
from kiosk.clock import SystemClock
from kiosk.errors import UnlockRefusedError


def add_commands(commands: Subcommands) -> None:
    """Register `kiosk export` and `kiosk import`."""
    export = add_command(
        commands,
        "export",
        export_outbox,
        help="write the applications waiting to be sent to a USB stick (no network)",
    )
    export.add_argument("--to", type=Path, required=True, help="a folder on the USB stick")
    load = add_command(
        commands,
        "import",
        import_file,
        help="read a receipt or signed form bundles from the central platform",
    )
    load.add_argument("file", type=Path)


def export_outbox(args: argparse.Namespace) -> int:
    """Seal every unacknowledged application into one file for the central platform."""
    from sync.usb_transfer import UsbTransferError
    from sync.usb_transfer import export_outbox as seal_outbox

    with kiosk_database(args) as db:
        try:
            keys = keys_for_command(db, args)
            path, count = seal_outbox(db, args.to, SystemClock(), keys)
        except (UsbTransferError, UnlockRefusedError, OSError) as error:
            print(f"Nothing exported: {error}", file=sys.stderr)
            return EXIT_FAILED
    report(
        args,
        {"ok": True, "file": str(path), "applications": count},
        f"{count} applications written to {path}. Take it to the central platform;"
        " they stay on this kiosk until its receipt is imported.",
    )
    return EXIT_OK


def import_file(args: argparse.Namespace) -> int:
    """Import a USB receipt (acknowledging applications) or signed form bundles."""
    from sync.protocol import TransferFileError, read_transfer_file, transfer_kind

    try:
        kind = transfer_kind(read_transfer_file(args.file))
    except TransferFileError as error:
        print(f"{args.file} cannot be read as a kiosk transfer file: {error}", file=sys.stderr)
        return EXIT_FAILED
    with kiosk_database(args) as db:
        return _import_kind(args, db, kind)


def _import_kind(args: argparse.Namespace, db: Database, kind: object) -> int:
    """Import the file as the receipt or the form bundles its ``format`` says it is."""
    from sync.protocol import UsbFormBundles, UsbReceipt
    from sync.usb_transfer import UsbTransferError, import_form_bundles, import_receipt

    clock = SystemClock()
    try:
        if kind == UsbReceipt.model_fields["format"].default:
            count = import_receipt(db, args.file, clock)
            report(
                args,
                {"ok": True, "acknowledged": count},
                f"{count} applications acknowledged by the central platform.",
            )
        elif kind == UsbFormBundles.model_fields["format"].default:
            result = import_form_bundles(db, args.file, clock, data_paths(args))
            signed_refused = any(
                outcome not in (None, "installed", "unchanged")
                for outcome in (result.trust_list, result.fleet_settings)
            )
            report(
                args,
                {
                    "ok": not result.refused and not signed_refused,
                    "installed": result.installed,
                    "refused": result.refused,
                    "trust_list": result.trust_list,
                    "fleet_settings": result.fleet_settings,
                },
                f"{len(result.installed)} form versions installed,"
                f" {len(result.refused)} refused (see the log);"
                f" issuer trust list: {result.trust_list or 'none in the file'};"
                f" fleet settings: {result.fleet_settings or 'none in the file'}"
                " (in force from the next start).",
            )
            return EXIT_FAILED if result.refused or signed_refused else EXIT_OK
        else:
            print(f"{args.file} is not a receipt or a form bundle file.", file=sys.stderr)
            return EXIT_FAILED
    except UsbTransferError as error:
        print(f"Nothing imported: {error}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
