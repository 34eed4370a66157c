"""The kiosk's terminal commands that need no display (`kiosk <command>`).

They share the code of the screens they stand beside, print JSON with
`--json`, and exit non-zero on failure. The GUI commands are added by
`ui.main`, which is the `kiosk` entry point.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk import cli_security
from kiosk.clock import SystemClock
from kiosk.config import DataPaths, default_data_dir
from kiosk.errors import UnlockRefusedError
from kiosk.forms import FormDefinitionError, load_form
from kiosk.store import open_database


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the terminal commands on the `kiosk` parser."""
    forms = commands.add_parser("forms", help="work with form definitions")
    forms_commands = forms.add_subparsers(dest="forms_command", required=True)
    check = forms_commands.add_parser("check", help="validate form definition files")
    check.add_argument("files", nargs="+", type=Path)
    check.set_defaults(handler=forms_check)

    export = commands.add_parser(
        "export", help="write the applications waiting to be sent to a USB stick (no network)"
    )
    export.add_argument("--to", type=Path, required=True, help="a folder on the USB stick")
    export.set_defaults(handler=export_outbox)
    load = commands.add_parser(
        "import", help="read a receipt or signed form bundles from the central platform"
    )
    load.add_argument("file", type=Path)
    load.set_defaults(handler=import_file)

    cli_security.add_commands(commands)
    from kiosk.cli_staff import add_staff_commands

    add_staff_commands(commands)
    audit_command = commands.add_parser("audit", help="check the audit log")
    audit_commands = audit_command.add_subparsers(dest="audit_command", required=True)
    verify = audit_commands.add_parser(
        "verify", help="walk the hash chain and name the first broken entry"
    )
    verify.set_defaults(handler=audit_verify)


def data_dir_of(args: argparse.Namespace) -> Path:
    """The data directory named with --data-dir, or the platform's default."""
    given: Path | None = args.data_dir
    return given if given is not None else default_data_dir()


def forms_check(args: argparse.Namespace) -> int:
    """Validate each file as the kiosk would; one line (or JSON object) per file."""
    failed = False
    for path in args.files:
        try:
            form = load_form(path)
        except FormDefinitionError as error:
            failed = True
            problems = [str(problem) for problem in error.problems]
            report(
                args, {"file": str(path), "ok": False, "problems": problems}, "\n".join(problems)
            )
        else:
            fields = len(form.fields())
            report(
                args,
                {
                    "file": str(path),
                    "ok": True,
                    "id": form.id,
                    "version": form.version,
                    "fields": fields,
                },
                f"{path}: ok ({form.id} version {form.version}, {fields} fields)",
            )
    return 1 if failed else 0


def audit_verify(args: argparse.Namespace) -> int:
    """Walk the audit chain; exit 1 and name the first broken entry when it is broken."""
    from kiosk.audit import verify

    opened = open_database(DataPaths(data_dir_of(args)).database)
    try:
        result = verify(opened.db)
    finally:
        opened.db.conn.close()
    record: dict[str, object] = {
        "ok": result.ok,
        "entries_checked": result.entries_checked,
        "first_broken_id": result.first_broken_id,
        "reason": result.reason,
    }
    if result.ok:
        text = f"The audit log is intact ({result.entries_checked} entries)."
    else:
        text = (
            f"The audit log is BROKEN at entry {result.first_broken_id}: {result.reason}"
            f" ({result.entries_checked} entries before it are intact)."
        )
    report(args, record, text)
    return 0 if result.ok else 1


def export_outbox(args: argparse.Namespace) -> int:
    """Seal every unacknowledged application into one file for the central platform."""
    from sync.usb_transfer import UsbTransferError
    from sync.usb_transfer import export_outbox as seal_outbox

    paths = DataPaths(data_dir_of(args))
    opened = open_database(paths.database)
    try:
        keys = cli_security.keys_for_command(opened.db, args)
        path, count = seal_outbox(opened.db, args.to, SystemClock(), keys)
    except (UsbTransferError, UnlockRefusedError, OSError) as error:
        print(f"Nothing exported: {error}", file=sys.stderr)
        return 1
    finally:
        opened.db.conn.close()
    report(
        args,
        {"ok": True, "file": str(path), "applications": count},
        f"{count} applications written to {path}. Take it to the central platform;"
        " they stay on this kiosk until its receipt is imported.",
    )
    return 0


def import_file(args: argparse.Namespace) -> int:
    """Import a USB receipt (acknowledging applications) or signed form bundles."""
    from sync.protocol import UsbFormBundles, UsbReceipt
    from sync.usb_transfer import (
        UsbTransferError,
        import_form_bundles,
        import_receipt,
        read_transfer_file,
        transfer_kind,
    )

    try:
        kind = transfer_kind(read_transfer_file(args.file))
    except UsbTransferError as error:
        print(f"{args.file} cannot be read as a kiosk transfer file: {error}", file=sys.stderr)
        return 1
    paths = DataPaths(data_dir_of(args))
    opened = open_database(paths.database)
    clock = SystemClock()
    try:
        if kind == UsbReceipt.model_fields["format"].default:
            count = import_receipt(opened.db, args.file, clock)
            report(
                args,
                {"ok": True, "acknowledged": count},
                f"{count} applications acknowledged by the central platform.",
            )
        elif kind == UsbFormBundles.model_fields["format"].default:
            result = import_form_bundles(opened.db, args.file, clock)
            trust_refused = result.trust_list not in (None, "installed", "unchanged")
            report(
                args,
                {
                    "ok": not result.refused and not trust_refused,
                    "installed": result.installed,
                    "refused": result.refused,
                    "trust_list": result.trust_list,
                },
                f"{len(result.installed)} form versions installed,"
                f" {len(result.refused)} refused (see the log);"
                f" issuer trust list: {result.trust_list or 'none in the file'}.",
            )
            return 1 if result.refused or trust_refused else 0
        else:
            print(f"{args.file} is not a receipt or a form bundle file.", file=sys.stderr)
            return 1
    except UsbTransferError as error:
        print(f"Nothing imported: {error}", file=sys.stderr)
        return 1
    finally:
        opened.db.conn.close()
    return 0


def report(args: argparse.Namespace, record: dict[str, object], text: str) -> None:
    """Print ``record`` as one JSON line with --json, else ``text`` for a person."""
    if args.json:
        print(json.dumps(record, ensure_ascii=False))
    else:
        print(text)
