"""``kiosk-central``: serve the platform and administer it from a terminal.

Every command works on the database named by ``--database`` (or
``KIOSK_CENTRAL_DATABASE_URL``, or ``central.db`` in the data folder of
:func:`central.database.data_dir`, never the current folder), prints JSON
with ``--json``, and exits non-zero with a message when refused.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from central import (
    admin_access,
    application_listing,
    fleet_settings_registry,
    form_registry,
    kiosk_health,
    kiosk_registry,
    signing,
    statistics,
    statuses,
    trust_list_registry,
    usb_import,
)
from central.api.app import DATABASE_URL_VARIABLE
from central.database import Connection, Database, default_url
from central.errors import Refusal
from central.schema import create_schema
from cli.central_backup import NO_SCHEMA_HANDLERS
from cli.central_backup import add_commands as add_backup_commands
from cli.central_console import add_commands as add_console_commands
from cli.central_staff import add_commands as add_staff_commands
from cli.central_updates import add_commands as add_update_commands
from cli.common import EXIT_FAILED, EXIT_OK, add_command, add_group
from kiosk.clock import Clock, SystemClock
from kiosk.forms import FormDefinitionError
from kiosk.media_files import write_on_media
from sync.protocol import ApplicationStatus

Handler = Callable[[argparse.Namespace, Database, Clock], Any]
T = TypeVar("T")


def build_parser() -> argparse.ArgumentParser:
    """The full command line of ``kiosk-central``."""
    parser = argparse.ArgumentParser(prog="kiosk-central", description="Central platform")
    parser.add_argument(
        "--database",
        help="sqlite:///PATH or postgresql://... (default: $KIOSK_CENTRAL_DATABASE_URL,"
        " else central.db in $KIOSK_CENTRAL_DATA_DIR or ~/.local/share/township-kiosk-central)",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = add_command(commands, "serve", _serve, help="serve the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8700)
    serve.add_argument("--workers", type=int, default=1)

    kiosk = add_command(commands, "kiosk-create", _kiosk_create, help="register a kiosk code")
    kiosk.add_argument("code")
    kiosk.add_argument("--name", default="")
    code = add_command(
        commands, "enrolment-code", _enrolment_code, help="a one-time enrolment code for a kiosk"
    )
    code.add_argument("code")
    revoke = add_command(
        commands, "kiosk-revoke", _kiosk_revoke, help="revoke a kiosk's credential"
    )
    revoke.add_argument("code")
    add_command(commands, "kiosks", _kiosks, help="kiosks with last sync and backlog")

    key = add_command(commands, "generate-key", _generate_key, help="generate the form signing key")
    key.add_argument("--out", type=Path, required=True)
    publish = add_command(
        commands, "publish", _publish, help="validate, sign and publish a form file"
    )
    publish.add_argument("file", type=Path)
    publish.add_argument("--key", type=Path, required=True)
    retire = add_command(commands, "retire", _retire, help="retire a form version")
    retire.add_argument("form_id")
    retire.add_argument("version", type=int)

    status = add_command(commands, "set-status", _set_status, help="set an application's status")
    status.add_argument("application", help="tracking number or UUID")
    status.add_argument("status", choices=[s.value for s in ApplicationStatus])
    status.add_argument("--note", default="", help="note or reason, shown in every language")
    status.add_argument("--note-in", nargs=2, action="append", default=[], metavar=("LANG", "TEXT"))

    transfer = add_command(
        commands,
        "generate-transfer-key",
        _generate_transfer_key,
        help="key USB exports are sealed to",
    )
    transfer.add_argument("--out", type=Path, required=True)
    usb = add_command(
        commands, "import-usb", _import_usb, help="import a kiosk's USB export, write a receipt"
    )
    usb.add_argument("file", type=Path)
    usb.add_argument("--transfer-key", type=Path, required=True)
    usb.add_argument("--key", type=Path, required=True, help="signing key, signs the receipt")
    usb.add_argument("--receipt", type=Path, required=True, help="receipt file to write")
    bundles = add_command(
        commands, "export-forms", _export_forms, help="signed form bundles for a USB stick"
    )
    bundles.add_argument("--out", type=Path, required=True)

    trust_commands = add_group(
        commands, "trust-list", help="the issuer trust list for ID codes", dest="trust_command"
    )
    trust_publish = add_command(
        trust_commands,
        "publish",
        _trust_list_publish,
        help="validate, sign and publish a trust list file (docs/identity.md)",
    )
    trust_publish.add_argument("file", type=Path)
    trust_publish.add_argument("--key", type=Path, required=True)
    add_command(trust_commands, "show", _trust_list_show, help="the newest published trust list")

    settings_commands = add_group(
        commands,
        "fleet-settings",
        help="settings kiosks take from the centre (docs/fleet-settings.md)",
        dest="settings_command",
    )
    settings_publish = add_command(
        settings_commands,
        "publish",
        _fleet_settings_publish,
        help="check, sign and publish a fleet settings file; kiosks apply it at their next start",
    )
    settings_publish.add_argument("file", type=Path)
    settings_publish.add_argument("--key", type=Path, required=True)
    add_command(
        settings_commands, "show", _fleet_settings_show, help="the newest published fleet settings"
    )

    applications = add_command(
        commands,
        "applications",
        _applications,
        help="received applications and how each applicant was identified",
    )
    applications.add_argument("--kiosk", help="only this kiosk's applications")
    applications.add_argument("--limit", type=int, default=50)

    add_command(commands, "stats", _stats, help="basic statistics")
    add_command(
        commands, "health", _health, help="each kiosk's last sync, backlog and audit continuity"
    )
    add_command(
        commands,
        "admin-token",
        _admin_token,
        help="a new token for the JSON views under /admin (replaces the old)",
    )
    add_staff_commands(commands)
    add_console_commands(commands)
    add_backup_commands(commands)
    add_update_commands(commands)
    return parser


def main(argv: list[str] | None = None, clock: Clock | None = None) -> int:
    """Entry point of ``kiosk-central``."""
    args = build_parser().parse_args(argv)
    url = args.database or os.environ.get(DATABASE_URL_VARIABLE) or default_url()
    database = Database(url)
    handler: Handler = args.handler
    try:
        if handler is not _serve and handler not in NO_SCHEMA_HANDLERS:
            create_schema(database)
        result = handler(args, database, clock or SystemClock())
    except Refusal as refusal:
        print(f"refused ({refusal.code}): {refusal.message}", file=sys.stderr)
        return EXIT_FAILED
    except (FormDefinitionError, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    if result is not None:
        _print(result, args.json)
    return EXIT_OK


def _print(result: Any, as_json: bool) -> None:
    if as_json or not isinstance(result, str):
        print(json.dumps(result, ensure_ascii=False, indent=None if as_json else 2))
    else:
        print(result)


def _serve(args: argparse.Namespace, database: Database, clock: Clock) -> None:
    from central.server import serve

    serve(database, args.host, args.port, args.workers)


def _kiosk_create(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    with database.transaction() as connection:
        created = kiosk_registry.create_kiosk(
            connection, args.code, args.name or args.code, clock.now()
        )
    return {"kiosk": args.code, "created": created}


def _enrolment_code(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    with database.transaction() as connection:
        code = kiosk_registry.create_enrolment_code(connection, args.code, clock.now())
    return {"kiosk": args.code, "enrolment_code": code}


def _kiosk_revoke(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    with database.transaction() as connection:
        kiosk_registry.revoke(connection, args.code, clock.now())
    return {"kiosk": args.code, "revoked": True}


def _kiosks(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    with database.transaction() as connection:
        return [asdict(kiosk) for kiosk in kiosk_registry.list_kiosks(connection)]


def _generate_key(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    key = signing.generate_key(args.out)
    with database.transaction() as connection:
        form_registry.record_public_key(connection, key)
    return {"key_file": str(args.out), "public_key": signing.public_key_text(key)}


def _publish(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    outcome = form_registry.publish_file(database, args.file, signing.load_key(args.key), clock)
    return asdict(outcome)


def _retire(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    with database.transaction() as connection:
        form_registry.retire(connection, args.form_id, args.version, clock.now())
    return {"form_id": args.form_id, "version": args.version, "retired": True}


def _set_status(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    note: dict[str, str] = {"*": args.note} if args.note else {}
    note.update({language: text for language, text in args.note_in})
    with database.transaction() as connection:
        update = statuses.set_status(
            connection, args.application, ApplicationStatus(args.status), note, clock.now()
        )
    return update.model_dump(mode="json")


def _generate_transfer_key(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    public = usb_import.generate_transfer_key(args.out, database)
    return {"key_file": str(args.out), "transfer_public_key": public}


def _import_usb(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    outcome = usb_import.import_export(
        database,
        args.file,
        usb_import.load_transfer_key(args.transfer_key),
        signing.load_key(args.key),
        clock.now(),
    )
    receipt = outcome.receipt.model_dump_json().encode("utf-8")
    write_on_media(args.receipt.parent, args.receipt.name, receipt)  # a stick: links refused
    counts: dict[str, int] = {}
    for result in outcome.results:
        counts[result.outcome.value] = counts.get(result.outcome.value, 0) + 1
    return {"receipt": str(args.receipt), **counts}


def _export_forms(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    bundles = usb_import.export_form_bundles(database)
    # Without a trust list the file stays readable by kiosks older than trust lists.
    carried = bundles.model_dump_json(exclude_none=True).encode("utf-8")
    write_on_media(args.out.parent, args.out.name, carried)  # a stick: links refused
    serial = bundles.trust_list.serial if bundles.trust_list else None
    return {"file": str(args.out), "bundles": len(bundles.bundles), "trust_list": serial}


def _trust_list_publish(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    return _publish_file(args, database, clock, trust_list_registry.publish)


def _trust_list_show(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    published = _newest(database, trust_list_registry.newest, "no trust list has")
    return trust_list_registry.describe(published)


def _fleet_settings_publish(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    return _publish_file(args, database, clock, fleet_settings_registry.publish)


def _fleet_settings_show(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    published = _newest(database, fleet_settings_registry.newest, "no fleet settings have")
    return fleet_settings_registry.describe(published)


def _publish_file(
    args: argparse.Namespace,
    database: Database,
    clock: Clock,
    publish: Callable[[Connection, str, Ed25519PrivateKey, datetime], Any],
) -> Any:
    """Sign and publish the document in ``args.file`` with the key in ``args.key``."""
    text = args.file.read_text(encoding="utf-8-sig")
    key = signing.load_key(args.key)
    with database.transaction() as connection:
        return asdict(publish(connection, text, key, clock.now()))


def _newest(database: Database, newest: Callable[[Connection], T | None], nothing: str) -> T:
    with database.transaction() as connection:
        published = newest(connection)
    if published is None:
        raise ValueError(f"{nothing} been published yet")
    return published


def _applications(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    with database.transaction() as connection:
        listed = application_listing.list_applications(connection, args.kiosk, args.limit)
    return [asdict(summary) for summary in listed]


def _stats(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    with database.transaction() as connection:
        return asdict(statistics.statistics(connection))


def _health(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    with database.transaction() as connection:
        return [
            {**asdict(kiosk), "audit": kiosk.audit.value}
            for kiosk in kiosk_health.kiosk_health(connection)
        ]


def _admin_token(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    with database.transaction() as connection:
        return {"admin_token": admin_access.create_admin_token(connection)}


if __name__ == "__main__":
    sys.exit(main())
