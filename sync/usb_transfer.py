"""Moving the outbox and form bundles by USB stick when there is no network at all.

Export: every unacknowledged application, sealed for the centre
(:func:`sync.protocol.seal`). Nothing is marked acknowledged by exporting: the
centre imports the file idempotently and writes a receipt signed with the
administrator's key; only importing that receipt acknowledges the entries.
If the receipt never comes back, the entries simply go over the network
later and the centre answers "already stored".

Form bundles from USB go through exactly the same verification as bundles
fetched over the network.
"""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import ValidationError
from sqlite_utils import Database

from kiosk import audit
from kiosk.clock import Clock, format_timestamp
from kiosk.config import DataPaths
from kiosk.media_files import write_on_media
from kiosk.security.key_material import KioskKeys
from kiosk.security.key_store import open_keys
from kiosk.store import transaction
from sync import sync_settings
from sync.client import CentralClient
from sync.fleet_settings_updates import install_fleet_settings
from sync.form_updates import BundleRefused, FormUpdater
from sync.outbox import PENDING_SELECT, pending_from_row
from sync.protocol import (
    TransferFileError,
    UsbFormBundles,
    UsbReceipt,
    read_transfer_file,
    records_plaintext,
    seal,
    usb_receipt_signed_bytes,
)
from sync.transport import HttpResponse
from sync.trust_list_updates import install_trust_list

log = logging.getLogger(__name__)


class UsbTransferError(Exception):
    """The file cannot be used; the message says why, for the clerk."""


@dataclass
class BundleImport:
    """Form versions installed from a USB file, and those refused with reason codes;
    what became of the issuer trust list and the fleet settings it carried, if any."""

    installed: list[tuple[str, int]] = field(default_factory=list)
    refused: list[tuple[str, int, str]] = field(default_factory=list)
    trust_list: str | None = None
    """``installed``, ``unchanged`` or the reason code it was refused for."""
    fleet_settings: str | None = None
    """The same for the fleet settings it carried, if any."""


def export_outbox(
    db: Database,
    directory: Path,
    clock: Clock,
    keys: KioskKeys | None = None,
    actor: str = "kiosk",
    *,
    create: bool = False,
) -> tuple[Path, int]:
    """Write every unacknowledged application, sealed, to a new file in ``directory``.

    The file is written through :func:`kiosk.media_files.write_on_media`
    (``directory`` is usually on a stick that came from outside: a planted link is
    refused, never followed); ``create`` makes the folder when missing.

    The answers are read from their at-rest seal, so the kiosk must be
    unlocked (:class:`~kiosk.errors.KioskLockedError` otherwise). ``actor`` is
    who asked (``clerk:1001`` from the clerk screen), for the audit log.
    """
    enrolment = sync_settings.enrolment(db)
    private = sync_settings.read(db, sync_settings.KIOSK_PRIVATE_KEY)
    transfer = sync_settings.read(db, sync_settings.TRANSFER_KEY)
    if enrolment is None or private is None or transfer is None:
        raise UsbTransferError("this kiosk is not enrolled with a platform that accepts USB")
    keys = keys or open_keys(db)
    rows = db.execute(f"{PENDING_SELECT} ORDER BY o.id").fetchall()
    entries = [pending_from_row(row, keys) for row in rows]
    records = [entry.record for entry in entries if entry.record is not None]
    plaintext = records_plaintext(records)
    now = clock.now()
    sealed = seal(
        plaintext,
        enrolment.kiosk_code,
        format_timestamp(now),
        transfer,
        Ed25519PrivateKey.from_private_bytes(base64.b64decode(private)),
    )
    name = f"{enrolment.kiosk_code}-{now.strftime('%Y%m%dT%H%M%SZ')}.kioskexport"
    path = write_on_media(directory, name, sealed.model_dump_json().encode(), create=create)
    with transaction(db):
        audit.append(
            db,
            action="outbox_exported",
            subject="outbox",
            actor=actor,
            details={"count": len(records), "file": path.name},
            clock=clock,
        )
    return path, len(records)


def import_receipt(db: Database, path: Path, clock: Clock) -> int:
    """Acknowledge the entries a receipt signed by the administrator's key names."""
    enrolment = sync_settings.enrolment(db)
    if enrolment is None:
        raise UsbTransferError("this kiosk is not enrolled")
    try:
        receipt = UsbReceipt.model_validate_json(read_transfer_file(path))
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(enrolment.signing_public_key))
        key.verify(base64.b64decode(receipt.signature), usb_receipt_signed_bytes(receipt))
    except (OSError, ValidationError, InvalidSignature, ValueError) as error:
        raise UsbTransferError(f"{path.name} is not a valid receipt: {error}") from error
    if receipt.kiosk_code != enrolment.kiosk_code:
        raise UsbTransferError(f"{path.name} is a receipt for kiosk {receipt.kiosk_code}")
    stamp = format_timestamp(clock.now())
    acknowledged = 0
    with transaction(db):
        for uuid in receipt.acknowledged:
            acknowledged += db.execute(
                "UPDATE outbox SET acknowledged_at = ?, last_error = NULL"
                " WHERE application_uuid = ? AND acknowledged_at IS NULL",
                [stamp, uuid],
            ).rowcount
        audit.append(
            db,
            action="usb_receipt_imported",
            subject="outbox",
            actor="kiosk",
            details={"count": acknowledged, "file": path.name},
            clock=clock,
        )
    return acknowledged


class _NoNetwork:
    """A transport for a form updater that must never go online."""

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str],
        body: bytes | None,
        timeout: tuple[float, float],
    ) -> HttpResponse:
        raise AssertionError("USB import does not use the network")


def import_form_bundles(
    db: Database, path: Path, clock: Clock, paths: DataPaths | None = None
) -> BundleImport:
    """Install the bundles of a USB file that pass the same checks as fetched ones
    (fleet settings only with the kiosk's ``paths``, where they are kept)."""
    enrolment = sync_settings.enrolment(db)
    if enrolment is None:
        raise UsbTransferError("this kiosk is not enrolled: it has no key to verify forms")
    try:
        carried = UsbFormBundles.model_validate_json(read_transfer_file(path))
    except (OSError, ValidationError, TransferFileError) as error:
        raise UsbTransferError(f"{path.name} is not a form bundle file: {error}") from error
    bundles = carried.bundles
    updater = FormUpdater(db, CentralClient("http://offline.invalid", _NoNetwork()), clock)
    report = BundleImport()
    installed = {
        (str(f), int(v))
        for f, v in db.execute("SELECT form_id, version FROM installed_forms").fetchall()
    }
    for bundle in sorted(bundles, key=lambda b: (b.form_id, b.version)):
        if (bundle.form_id, bundle.version) in installed:
            continue
        try:
            updater.install_bundle(bundle, enrolment.signing_public_key)
        except BundleRefused as refusal:
            log.warning(
                "refused USB form bundle %s v%d: %s", bundle.form_id, bundle.version, refusal
            )
            report.refused.append((bundle.form_id, bundle.version, refusal.reason_code))
            continue
        report.installed.append((bundle.form_id, bundle.version))
    if carried.trust_list is not None:
        report.trust_list = install_trust_list(db, carried.trust_list, clock)
    if carried.fleet_settings is not None and paths is not None:
        report.fleet_settings = install_fleet_settings(db, carried.fleet_settings, clock, paths)
    return report
