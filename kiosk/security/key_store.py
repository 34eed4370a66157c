"""Where the kiosk's keys live in its database: the public key plain, the rest wrapped.

Each row of ``key_wraps`` is the same key material encrypted (AES-256-GCM)
under a key-encryption key that is *not* on the kiosk:

- ``passphrase``: Argon2id of the recovery passphrase the administrator set
  with ``kiosk security init`` (memory-hard, so a stolen disk cannot be
  brute-forced cheaply);
- ``central``: HKDF of a random 32-byte secret held only by the central
  platform, released to this kiosk's credential (revoking the credential of
  a stolen kiosk withdraws it);
- ``unprotected``: the material itself, only between the schema step that
  introduced sealing (or a fresh install) and the first real protection;
  removed as soon as one exists.

The associated data of every wrap names the kiosk's public key and the
method, so a wrap cannot be moved to another kiosk's database or relabelled.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlite_utils import Database

from kiosk.clock import format_timestamp
from kiosk.errors import UnlockRefusedError
from kiosk.security.key_material import KeyMaterial, KioskKeys

PUBLIC_KEY_SETTING = "security_public_key"
MIN_PASSPHRASE_LENGTH = 12
CENTRAL_SECRET_BYTES = 32
_WRAP_AAD = b"township-kiosk/key-wrap/v1"


class WrapMethod(StrEnum):
    """How a copy of the key material is protected."""

    PASSPHRASE = "passphrase"
    CENTRAL = "central"
    UNPROTECTED = "unprotected"


@dataclass(frozen=True)
class PassphraseKdf:
    """Argon2id cost; the defaults take about a quarter of a second on a kiosk's CPU."""

    iterations: int = 3
    memory_kib: int = 64 * 1024
    lanes: int = 1

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        """The 32-byte key-encryption key for a passphrase."""
        kdf = Argon2id(
            salt=salt,
            length=32,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        )
        return kdf.derive(passphrase.encode("utf-8"))


def create_keys(db: Database, now: datetime) -> KeyMaterial:
    """Generate the kiosk's keys, kept unprotected until a protection is added.

    Run once, by the schema step that introduced sealing, inside its
    transaction; refuses to replace existing keys (that would orphan every
    sealed value).
    """
    if public_key(db) is not None:
        raise RuntimeError("this database already has its keys")
    material = KeyMaterial.generate()
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)",
        [PUBLIC_KEY_SETTING, material.public_key.hex()],
    )
    _store(db, WrapMethod.UNPROTECTED, material.to_bytes(), b"", b"", "{}", now)
    return material


def public_key(db: Database) -> bytes | None:
    """The kiosk's public key, or None for a database from before sealing."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [PUBLIC_KEY_SETTING]).fetchone()
    return None if row is None else bytes.fromhex(str(row[0]))


def open_keys(db: Database) -> KioskKeys:
    """The kiosk's keys as a process starts: unlocked only while still unprotected."""
    key = public_key(db)
    if key is None:
        raise RuntimeError("the database has no keys; open it with kiosk.store.open_database")
    row = _wrap_row(db, WrapMethod.UNPROTECTED)
    material = None if row is None else KeyMaterial.from_bytes(row[3])
    return KioskKeys(key, material)


def protections(db: Database) -> list[WrapMethod]:
    """Which wraps the database holds, e.g. ``[central, passphrase]``."""
    rows = db.execute("SELECT method FROM key_wraps ORDER BY method").fetchall()
    return [WrapMethod(str(row[0])) for row in rows]


def set_passphrase(
    db: Database,
    material: KeyMaterial,
    passphrase: str,
    now: datetime,
    kdf: PassphraseKdf | None = None,
) -> None:
    """Wrap the keys under a recovery passphrase (replacing an earlier one).

    The caller holds a transaction; the unprotected copy, if any, goes in it.
    """
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise ValueError(f"the passphrase must have at least {MIN_PASSPHRASE_LENGTH} characters")
    kdf = kdf or PassphraseKdf()
    salt = os.urandom(16)
    key = kdf.derive(passphrase, salt)
    params = json.dumps(asdict(kdf), sort_keys=True)
    _wrap(db, WrapMethod.PASSPHRASE, key, material, salt, params, now)


def unlock_with_passphrase(db: Database, passphrase: str) -> KeyMaterial:
    """The key material, if the passphrase is right; :class:`UnlockRefusedError` if not."""
    row = _wrap_row(db, WrapMethod.PASSPHRASE)
    if row is None:
        raise UnlockRefusedError("no recovery passphrase was set on this kiosk")
    salt, params, nonce, wrapped = row
    kdf = PassphraseKdf(**json.loads(params))
    return _unwrap(db, WrapMethod.PASSPHRASE, kdf.derive(passphrase, salt), nonce, wrapped)


def new_central_secret() -> bytes:
    """A fresh random secret for the central platform to hold."""
    return os.urandom(CENTRAL_SECRET_BYTES)


def set_central_secret(db: Database, material: KeyMaterial, secret: bytes, now: datetime) -> None:
    """Wrap the keys under a secret the central platform now holds (caller's transaction)."""
    key = _central_key(secret, material.public_key)
    _wrap(db, WrapMethod.CENTRAL, key, material, b"", "{}", now)


def unlock_with_central_secret(db: Database, secret: bytes) -> KeyMaterial:
    """The key material from the secret the central platform released."""
    row = _wrap_row(db, WrapMethod.CENTRAL)
    key = public_key(db)
    if row is None or key is None:
        raise UnlockRefusedError("this kiosk has no key wrapped for the central platform")
    return _unwrap(db, WrapMethod.CENTRAL, _central_key(secret, key), row[2], row[3])


def _central_key(secret: bytes, public: bytes) -> bytes:
    kdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=public, info=b"central-unlock/v1")
    return kdf.derive(secret)


def _wrap(
    db: Database,
    method: WrapMethod,
    key: bytes,
    material: KeyMaterial,
    salt: bytes,
    params: str,
    now: datetime,
) -> None:
    """Store one wrap and drop the unprotected copy now that a protection exists."""
    if not db.conn.in_transaction:
        raise RuntimeError("wrapping keys must share the caller's transaction")
    nonce = os.urandom(12)
    wrapped = AESGCM(key).encrypt(nonce, material.to_bytes(), _aad(method, material.public_key))
    _store(db, method, wrapped, salt, nonce, params, now)
    db.execute("DELETE FROM key_wraps WHERE method = ?", [WrapMethod.UNPROTECTED.value])


def _unwrap(
    db: Database, method: WrapMethod, key: bytes, nonce: bytes, wrapped: bytes
) -> KeyMaterial:
    public = public_key(db) or b""
    try:
        raw = AESGCM(key).decrypt(nonce, wrapped, _aad(method, public))
    except InvalidTag as error:
        raise UnlockRefusedError(f"the {method} does not open this kiosk's keys") from error
    return KeyMaterial.from_bytes(raw)


def _aad(method: WrapMethod, public: bytes) -> bytes:
    return _WRAP_AAD + b"|" + method.value.encode() + b"|" + public


def _store(
    db: Database,
    method: WrapMethod,
    wrapped: bytes,
    salt: bytes,
    nonce: bytes,
    params: str,
    now: datetime,
) -> None:
    db.execute(
        "INSERT INTO key_wraps (method, salt, params, nonce, wrapped, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (method) DO UPDATE SET salt = excluded.salt,"
        " params = excluded.params, nonce = excluded.nonce, wrapped = excluded.wrapped,"
        " created_at = excluded.created_at",
        [method.value, salt, params, nonce, wrapped, format_timestamp(now)],
    )


def _wrap_row(db: Database, method: WrapMethod) -> tuple[bytes, str, bytes, bytes] | None:
    """Salt, KDF parameters, nonce and wrapped material of one wrap, if present."""
    row = db.execute(
        "SELECT salt, params, nonce, wrapped FROM key_wraps WHERE method = ?", [method.value]
    ).fetchone()
    if row is None:
        return None
    return bytes(row[0]), str(row[1]), bytes(row[2]), bytes(row[3])


def protect_if_unprotected(db: Database, passphrase: str, now: datetime) -> bool:
    """Set a recovery passphrase on keys still unprotected (the demo's set-up); True if set.

    The caller holds a transaction.
    """
    row = _wrap_row(db, WrapMethod.UNPROTECTED)
    if row is None:
        return False
    set_passphrase(db, KeyMaterial.from_bytes(row[3]), passphrase, now)
    return True
