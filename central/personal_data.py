"""Applicants' answers encrypted at rest at the centre (envelope encryption), and the
keyed hash that finds an application by ID number without storing the number in clear.

Each application's answers are encrypted with a key of their own (a data key,
AES-256-GCM, the application's UUID as associated data, so a row's ciphertext
cannot be moved onto another row); that data key is itself encrypted under the
platform's master key, which lives in a file outside the database
(:mod:`central.key_files`: ``KIOSK_CENTRAL_DATA_KEY_FILE``, else
``personal-data.key`` beside a SQLite database). A copy of the database holds
only ciphertext. Rotating the master key re-wraps the small data keys and
leaves the answers as they are.

Lookup by ID number uses an HMAC-SHA256 of the normalised number under a key
derived from the master key: equal numbers give equal hashes, and the hash
tells nothing without the key. Answers stored before encryption (plain JSON)
are still read.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from central import key_files
from central.database import Database
from kiosk.forms import normalise_id_number

KEY_FILE_VARIABLE = "KIOSK_CENTRAL_DATA_KEY_FILE"
KEY_FILE_NAME = "personal-data.key"
_PREFIX = "env1:"
_NONCE = 12
_WRAPPED = _NONCE + 32 + 16  # nonce, data key, tag


@dataclass(frozen=True)
class DataProtection:
    """The platform's master key and what it does."""

    master: bytes

    def seal(self, uuid: str, plaintext: str) -> str:
        """The stored form of one application's answers."""
        data_key = AESGCM.generate_key(bit_length=256)
        key_nonce, nonce = secrets.token_bytes(_NONCE), secrets.token_bytes(_NONCE)
        wrapped = AESGCM(self.master).encrypt(key_nonce, data_key, f"dek:{uuid}".encode())
        sealed = AESGCM(data_key).encrypt(nonce, plaintext.encode("utf-8"), uuid.encode())
        return _PREFIX + base64.b64encode(key_nonce + wrapped + nonce + sealed).decode("ascii")

    def seal_bytes(self, context: str, plaintext: bytes) -> bytes:
        """Bytes (a document photo) encrypted like answers: a data key of their own,
        wrapped under the master key, ``context`` as associated data."""
        data_key = AESGCM.generate_key(bit_length=256)
        key_nonce, nonce = secrets.token_bytes(_NONCE), secrets.token_bytes(_NONCE)
        wrapped = AESGCM(self.master).encrypt(key_nonce, data_key, f"dek:{context}".encode())
        return (
            key_nonce
            + wrapped
            + nonce
            + AESGCM(data_key).encrypt(nonce, plaintext, context.encode())
        )

    def open_bytes(self, context: str, stored: bytes) -> bytes:
        """Bytes sealed with :meth:`seal_bytes` under the same ``context``."""
        key_nonce, wrapped = stored[:_NONCE], stored[_NONCE:_WRAPPED]
        nonce, sealed = stored[_WRAPPED : _WRAPPED + _NONCE], stored[_WRAPPED + _NONCE :]
        data_key = AESGCM(self.master).decrypt(key_nonce, wrapped, f"dek:{context}".encode())
        return AESGCM(data_key).decrypt(nonce, sealed, context.encode())

    def open(self, uuid: str, stored: str) -> str:
        """The answers' JSON text back (plain rows from before encryption as they are)."""
        if not stored.startswith(_PREFIX):
            return stored
        raw = base64.b64decode(stored.removeprefix(_PREFIX))
        key_nonce, wrapped = raw[:_NONCE], raw[_NONCE:_WRAPPED]
        nonce, sealed = raw[_WRAPPED : _WRAPPED + _NONCE], raw[_WRAPPED + _NONCE :]
        data_key = AESGCM(self.master).decrypt(key_nonce, wrapped, f"dek:{uuid}".encode())
        return AESGCM(data_key).decrypt(nonce, sealed, uuid.encode()).decode("utf-8")

    def lookup_hash(self, id_number: str) -> str:
        """The keyed hash an ID number is found by (the number itself is never stored)."""
        lookup_key = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"id-number-lookup/v1"
        ).derive(self.master)
        normalised = normalise_id_number(id_number)
        return hmac.new(lookup_key, normalised.encode("utf-8"), hashlib.sha256).hexdigest()


def load(database: Database) -> DataProtection:
    """The protection of ``database``'s personal data (its key made on first use)."""
    path = key_files.key_path(database, KEY_FILE_NAME, KEY_FILE_VARIABLE)
    return DataProtection(key_files.load_or_create(path))
