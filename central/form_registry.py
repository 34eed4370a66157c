"""Published form versions: validated, signed, listed to kiosks, retired.

A form is validated with the kiosk's own loader before it is signed, so the
centre can never publish something a kiosk would refuse as invalid. A
version, once published, never changes: publishing the same text again is a
no-op, different text under the same version is refused (kiosks would hold
two forms with one key).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from central import signing
from central.database import Connection, Database
from central.errors import conflict, not_found
from kiosk.clock import Clock, format_timestamp
from kiosk.forms import FormDefinition, load_form
from kiosk.forms.loader import decode_form_json
from kiosk.forms.model import MAX_FORM_VERSION
from sync.protocol import FormBundle, FormBundleSummary, bundle_signed_bytes

PUBLIC_KEY_SETTING = "signing_public_key"
TRANSFER_KEY_SETTING = "transfer_public_key"


@dataclass(frozen=True)
class PublishOutcome:
    """What publishing did: ``created`` is False when that exact text was already there."""

    form_id: str
    version: int
    created: bool


def canonical_definition(data: object) -> str:
    """The one JSON text of a definition that is signed and shipped."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def record_public_key(connection: Connection, key: Ed25519PrivateKey) -> None:
    """Make ``key`` the one kiosks are told to trust from their next enrolment on."""
    connection.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [PUBLIC_KEY_SETTING, signing.public_key_text(key)],
    )


def public_key(connection: Connection) -> str | None:
    """The trusted public key, base64, or None before one was generated."""
    return setting(connection, PUBLIC_KEY_SETTING)


def setting(connection: Connection, key: str) -> str | None:
    """One platform setting, or None when unset."""
    rows = connection.query("SELECT value FROM settings WHERE key = ?", [key])
    return str(rows[0][0]) if rows else None


def record_setting(connection: Connection, key: str, value: str) -> None:
    """Set one platform setting."""
    connection.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def publish(
    connection: Connection,
    form: FormDefinition,
    data: object,
    key: Ed25519PrivateKey,
    now: datetime,
) -> PublishOutcome:
    """Sign and store one validated form version (``data`` is its decoded JSON)."""
    definition = canonical_definition(data)
    digest = hashlib.sha256(definition.encode("utf-8")).hexdigest()
    existing = connection.query(
        "SELECT sha256 FROM forms WHERE form_id = ? AND version = ?", [form.id, form.version]
    )
    if existing:
        if existing[0][0] != digest:
            raise conflict(
                "version_exists",
                f"{form.id} version {form.version} is already published with other content;"
                " publish it as a new version",
            )
        return PublishOutcome(form.id, form.version, created=False)
    signature = signing.sign(key, bundle_signed_bytes(form.id, form.version, definition))
    connection.execute(
        "INSERT INTO forms (form_id, version, definition, signature, sha256, published_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [form.id, form.version, definition, signature, digest, format_timestamp(now)],
    )
    return PublishOutcome(form.id, form.version, created=True)


def retire(connection: Connection, form_id: str, version: int, now: datetime) -> None:
    """Stop offering a version to new applications; drafts on it still finish."""
    if not 1 <= version <= MAX_FORM_VERSION:  # beyond what a database column holds
        raise not_found(f"form {form_id} version {version}")
    changed = connection.execute(
        "UPDATE forms SET retired_at = ? WHERE form_id = ? AND version = ? AND retired_at IS NULL",
        [format_timestamp(now), form_id, version],
    )
    if changed == 0 and not connection.query(
        "SELECT 1 FROM forms WHERE form_id = ? AND version = ?", [form_id, version]
    ):
        raise not_found(f"form {form_id} version {version}")


def summaries(connection: Connection) -> list[FormBundleSummary]:
    """Every published version, oldest first.

    A version above the protocol's bound (stored by a platform from before the
    bound) is left out: no kiosk could fetch it, and listing it would break the
    answer for every kiosk.
    """
    rows = connection.query(
        "SELECT form_id, version, sha256, published_at, retired_at FROM forms"
        " WHERE version <= ? ORDER BY form_id, version",
        [MAX_FORM_VERSION],
    )
    return [
        FormBundleSummary(
            form_id=str(r[0]),
            version=int(r[1]),
            sha256=str(r[2]),
            published_at=str(r[3]),
            retired=r[4] is not None,
        )
        for r in rows
    ]


def bundle(connection: Connection, form_id: str, version: int) -> FormBundle:
    """One signed version, exactly as published."""
    rows = connection.query(
        "SELECT definition, signature, published_at FROM forms WHERE form_id = ? AND version = ?",
        [form_id, version],
    )
    if not rows:
        raise not_found(f"form {form_id} version {version}")
    definition, signature, published_at = rows[0]
    return FormBundle(
        form_id=form_id,
        version=version,
        definition=str(definition),
        signature=str(signature),
        published_at=str(published_at),
    )


def publish_file(
    database: Database, path: Path, key: Ed25519PrivateKey, clock: Clock
) -> PublishOutcome:
    """Validate a form file with the kiosk's own loader, then sign and publish it."""
    form = load_form(path)
    data = decode_form_json(path.read_text(encoding="utf-8-sig"), path.name)
    with database.transaction() as connection:
        return publish(connection, form, data, key, clock.now())
