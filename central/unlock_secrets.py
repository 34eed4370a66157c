"""Each kiosk's unlock secret: kept here, released only to that kiosk's valid credential.

A kiosk's private key is wrapped under this secret (see ``docs/security.md``),
so a kiosk that rebooted with nobody at hand can read its own data again as
soon as it reaches the centre. Revoking a stolen kiosk (``kiosk-central
revoke``) makes :func:`kiosk_registry.authenticate` refuse its credential, and
with it this secret. Every release is timestamped for the administrator.

The secrets are stored encrypted (AES-256-GCM, the kiosk code as associated
data) under a key kept outside the database: the file named by
``KIOSK_CENTRAL_UNLOCK_KEY_FILE``, else ``unlock-secrets.key`` beside a SQLite
database (or in :func:`central.database.data_dir` for PostgreSQL), created
0600 on first use. A copied database or backup alone opens no kiosk. A row
stored before encryption (plain base64) is still released, and encrypted
the next time the kiosk hands its secret over.
"""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from central.database import Connection, Database, Dialect, create_private_file, data_dir
from central.errors import not_found
from kiosk.clock import format_timestamp

KEY_FILE_VARIABLE = "KIOSK_CENTRAL_UNLOCK_KEY_FILE"
KEY_FILE_NAME = "unlock-secrets.key"
_SEALED_PREFIX = "aesgcm1:"
_NONCE_BYTES = 12


@dataclass(frozen=True)
class SecretsKey:
    """The key unlock secrets are encrypted under at rest."""

    key: bytes

    def seal(self, kiosk_code: str, secret: str) -> str:
        """The stored form of one kiosk's secret."""
        nonce = secrets.token_bytes(_NONCE_BYTES)
        sealed = AESGCM(self.key).encrypt(nonce, secret.encode("ascii"), kiosk_code.encode())
        return _SEALED_PREFIX + base64.b64encode(nonce + sealed).decode("ascii")

    def open(self, kiosk_code: str, stored: str) -> str:
        """The secret back; a row from before encryption is returned as it is."""
        if not stored.startswith(_SEALED_PREFIX):
            return stored
        raw = base64.b64decode(stored.removeprefix(_SEALED_PREFIX))
        nonce, sealed = raw[:_NONCE_BYTES], raw[_NONCE_BYTES:]
        return AESGCM(self.key).decrypt(nonce, sealed, kiosk_code.encode()).decode("ascii")


def key_path(database: Database) -> Path:
    """Where the key of ``database``'s unlock secrets lives (outside the database)."""
    chosen = os.environ.get(KEY_FILE_VARIABLE)
    if chosen:
        return Path(chosen)
    if database.dialect is Dialect.SQLITE:
        return database.sqlite_path.with_name(KEY_FILE_NAME)
    return data_dir() / KEY_FILE_NAME


def load_key(path: Path) -> SecretsKey:
    """The key in ``path``, created (0600, folders 0700) with a fresh key when missing.

    Several workers may start together: the key is written to a private
    temporary file and linked into place, so exactly one key ever exists.
    """
    if not path.exists():
        draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
        create_private_file(draft)
        draft.write_text(base64.b64encode(AESGCM.generate_key(bit_length=256)).decode() + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another worker made it first: use theirs
        finally:
            draft.unlink()
    return SecretsKey(base64.b64decode(path.read_text(encoding="ascii").strip()))


def store(
    connection: Connection, kiosk_code: str, secret: str, now: datetime, key: SecretsKey
) -> None:
    """Keep (or replace, after a key rotation) the secret of one kiosk, encrypted."""
    connection.execute(
        "INSERT INTO unlock_secrets (kiosk_code, secret, stored_at) VALUES (?, ?, ?)"
        " ON CONFLICT (kiosk_code) DO UPDATE SET secret = excluded.secret,"
        " stored_at = excluded.stored_at, released_at = NULL",
        [kiosk_code, key.seal(kiosk_code, secret), format_timestamp(now)],
    )


def release(connection: Connection, kiosk_code: str, now: datetime, key: SecretsKey) -> str:
    """The secret of an authenticated kiosk, noting when it was last released."""
    rows = connection.query("SELECT secret FROM unlock_secrets WHERE kiosk_code = ?", [kiosk_code])
    if not rows:
        raise not_found(f"an unlock secret for kiosk {kiosk_code}")
    connection.execute(
        "UPDATE unlock_secrets SET released_at = ? WHERE kiosk_code = ?",
        [format_timestamp(now), kiosk_code],
    )
    return key.open(kiosk_code, str(rows[0][0]))
