"""Importing a kiosk's USB export, and writing what goes back on the stick.

The export is checked against the key the kiosk registered at enrolment,
decrypted with the platform's transfer key and stored through the same
idempotent intake as the network path, so a file imported twice, or
applications that also arrived over the network, leave one copy each. The
receipt lists every UUID the platform now holds and is signed with the
administrator's key, which the kiosk already trusts.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from pydantic import ValidationError

from central import (
    fleet_settings_registry,
    form_registry,
    intake,
    kiosk_registry,
    personal_data,
    signing,
    trust_list_registry,
)
from central.database import Database
from central.errors import Refusal
from kiosk.decompression import DecompressionError
from sync.protocol import (
    ItemOutcome,
    ItemResult,
    TransferFileError,
    UsbExport,
    UsbFormBundles,
    UsbReceipt,
    open_sealed,
    raw_public,
    read_transfer_file,
    records_from_plaintext,
    usb_receipt_signed_bytes,
)


@dataclass(frozen=True)
class UsbImportOutcome:
    """Per-item results and the receipt to carry back to the kiosk."""

    results: list[ItemResult]
    receipt: UsbReceipt


def generate_transfer_key(path: Path, database: Database) -> str:
    """Write a new X25519 transfer key (refusing to overwrite) and record its public half."""
    key = X25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    with path.open("xb") as file:
        file.write(pem)
    path.chmod(0o600)
    public = raw_public(key)
    with database.transaction() as connection:
        form_registry.record_setting(connection, form_registry.TRANSFER_KEY_SETTING, public)
    return public


def load_transfer_key(path: Path) -> X25519PrivateKey:
    """Read a key written by :func:`generate_transfer_key`."""
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, X25519PrivateKey):
        raise ValueError(f"{path} does not hold an X25519 private key")
    return key


def import_export(
    database: Database,
    path: Path,
    transfer_key: X25519PrivateKey,
    signing_key: Ed25519PrivateKey,
    now: datetime,
) -> UsbImportOutcome:
    """Verify, decrypt and store one export; return results and the signed receipt."""
    try:
        export = UsbExport.model_validate_json(read_transfer_file(path))
    except TransferFileError as error:
        raise Refusal(422, "not_an_export", str(error)) from error
    except ValidationError as error:
        raise Refusal(422, "not_an_export", f"{path.name} is not a kiosk export") from error
    with database.transaction() as connection:
        kiosk_public = kiosk_registry.public_key(connection, export.kiosk_code)
    if kiosk_public is None:
        raise Refusal(403, "no_kiosk_key", f"kiosk {export.kiosk_code} registered no key")
    try:
        plaintext = open_sealed(export, kiosk_public, transfer_key)
    except (InvalidSignature, InvalidTag, ValueError, binascii.Error) as error:
        raise Refusal(
            422, "export_rejected", f"{path.name} fails verification or decryption"
        ) from error
    try:
        records = records_from_plaintext(plaintext)
    except DecompressionError as error:
        raise Refusal(422, "export_rejected", f"{path.name}: the sealed data {error}") from error
    except ValidationError as error:
        raise Refusal(
            422, "export_rejected", f"{path.name} holds no valid list of applications"
        ) from error
    with database.transaction() as connection:
        state = connection.query(
            "SELECT revoked_at FROM kiosks WHERE code = ?", [export.kiosk_code]
        )
        if state and state[0][0] is not None:
            raise Refusal(403, "kiosk_revoked", f"kiosk {export.kiosk_code} has been revoked")
        results = intake.store_batch(
            connection, export.kiosk_code, records, now, personal_data.load(database)
        )
    held = [r.uuid for r in results if r.outcome is not ItemOutcome.REFUSED]
    unsigned = UsbReceipt(kiosk_code=export.kiosk_code, acknowledged=held)
    signature = base64.b64decode(signing.sign(signing_key, usb_receipt_signed_bytes(unsigned)))
    receipt = unsigned.model_copy(update={"signature": base64.b64encode(signature).decode()})
    return UsbImportOutcome(results=results, receipt=receipt)


def export_form_bundles(database: Database) -> UsbFormBundles:
    """Every published, unretired form version as signed bundles, for a USB stick,
    with the newest signed issuer trust list and fleet settings when published."""
    with database.transaction() as connection:
        return UsbFormBundles(
            bundles=[
                form_registry.bundle(connection, s.form_id, s.version)
                for s in form_registry.summaries(connection, everyone_only=True)
                if not s.retired
            ],
            trust_list=trust_list_registry.newest(connection),
            fleet_settings=fleet_settings_registry.newest(connection),
        )
