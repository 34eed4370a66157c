"""Moving the outbox and form bundles by USB stick when there is no network at all.

Export: every unacknowledged application, sealed for the centre
(:func:`sync.protocol.seal`), and beside it, sealed the same way, every
document photo the centre does not hold yet (``STEM.N.kioskphotos``, at most
:data:`~sync.protocol.USB_PHOTOS_PER_FILE` photos each). Nothing is marked
acknowledged by exporting: the centre imports the file idempotently and
writes a receipt signed with the administrator's key; only importing that
receipt acknowledges the entries. If the receipt never comes back, the
entries simply go over the network later and the centre answers "already
stored"; a photo that went by stick is then found complete at the centre and
not sent again.

Form bundles from USB go through exactly the same verification as bundles
fetched over the network.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import ValidationError
from sqlite_utils import Database

from kiosk import audit
from kiosk.attachments import attachments_of, mark_upload_started, open_attachment
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
    USB_PHOTOS_PER_FILE,
    USB_PHOTOS_SUFFIX,
    TransferFileError,
    UsbExport,
    UsbFormBundles,
    UsbPhoto,
    UsbReceipt,
    photos_plaintext,
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
    kiosk_key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private))

    def sealing(content: bytes) -> UsbExport:
        return seal(content, enrolment.kiosk_code, format_timestamp(now), transfer, kiosk_key)

    sealed = sealing(plaintext)
    stem = f"{enrolment.kiosk_code}-{now.strftime('%Y%m%dT%H%M%SZ')}"
    path = write_on_media(
        directory, f"{stem}.kioskexport", sealed.model_dump_json().encode(), create=create
    )
    _export_photos(db, keys, directory, stem, sealing, clock)
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


def _export_photos(
    db: Database,
    keys: KioskKeys,
    directory: Path,
    stem: str,
    sealing: Callable[[bytes], UsbExport],
    clock: Clock,
) -> None:
    """Write the photos the centre does not hold yet, sealed like the export, in files of
    at most :data:`USB_PHOTOS_PER_FILE` beside it."""
    rows = db.execute(
        "SELECT DISTINCT t.application_uuid FROM attachments t"
        " JOIN applications a ON a.uuid = t.application_uuid"
        " WHERE t.uploaded_at IS NULL AND a.state = 'submitted' AND t.sealed_data IS NOT NULL"
        " ORDER BY t.application_uuid"
    ).fetchall()
    waiting = [
        attachment
        for (uuid,) in rows
        for attachment in attachments_of(db, str(uuid))
        if not attachment.uploaded
    ]
    photos = [
        UsbPhoto(
            uuid=attachment.application_uuid,
            digest=attachment.digest,
            data=base64.b64encode(open_attachment(db, keys, attachment)).decode("ascii"),
        )
        for attachment in waiting
    ]
    for number, start in enumerate(range(0, len(photos), USB_PHOTOS_PER_FILE), start=1):
        sealed = sealing(photos_plaintext(photos[start : start + USB_PHOTOS_PER_FILE]))
        name = f"{stem}.{number}{USB_PHOTOS_SUFFIX}"
        write_on_media(directory, name, sealed.model_dump_json().encode())
    for attachment in waiting:  # the centre may hold them now: ask before sending any
        mark_upload_started(db, clock, attachment)


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
