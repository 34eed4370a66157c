"""Sealed boxes for data at rest: anyone with the public key seals, only the private key opens.

The construction is libsodium's sealed box idea built from ``cryptography``'s
primitives (no hand-made cipher): a fresh X25519 key pair per value, the
shared secret with the kiosk's public key through HKDF-SHA256 into an
AES-256-GCM key. A stored value is ``version | ephemeral public key | nonce |
ciphertext+tag``. The ``context`` (which table, which row) is authenticated
as associated data, so a sealed value copied into another row, or another
kiosk's database, fails to open instead of being shown under the wrong name.

Sealing needs only the public key, which is why a locked kiosk can still
take new applications.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kiosk.errors import SealedDataDamagedError
from kiosk.security.contexts import APPLICANT_ID_FIELD

FORMAT_VERSION = 1
_INFO = b"township-kiosk/at-rest/v1"
_KEY_BYTES = 32
_NONCE_BYTES = 12
_HEADER_BYTES = 1 + _KEY_BYTES + _NONCE_BYTES


def public_bytes(key: X25519PrivateKey | X25519PublicKey) -> bytes:
    """The raw 32-byte public key of a key pair (or of a public key)."""
    public = key.public_key() if isinstance(key, X25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def seal(recipient: bytes, plaintext: bytes, context: str) -> bytes:
    """Encrypt ``plaintext`` for the holder of the private half of ``recipient``."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = public_bytes(ephemeral)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    nonce = os.urandom(_NONCE_BYTES)
    key = _derive(shared, ephemeral_public, recipient)
    ciphertext = AESGCM(key).encrypt(nonce, plaintext, context.encode("utf-8"))
    return bytes([FORMAT_VERSION]) + ephemeral_public + nonce + ciphertext


def unseal(private_key: X25519PrivateKey, sealed: bytes, context: str) -> bytes:
    """Open a value sealed for this key in this context; raise if it was altered or moved."""
    if len(sealed) < _HEADER_BYTES + 16 or sealed[0] != FORMAT_VERSION:
        raise SealedDataDamagedError(f"not a sealed value of format {FORMAT_VERSION} ({context})")
    ephemeral_public = sealed[1 : 1 + _KEY_BYTES]
    nonce = sealed[1 + _KEY_BYTES : _HEADER_BYTES]
    shared = private_key.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    key = _derive(shared, ephemeral_public, public_bytes(private_key))
    try:
        return AESGCM(key).decrypt(nonce, sealed[_HEADER_BYTES:], context.encode("utf-8"))
    except InvalidTag as error:
        raise SealedDataDamagedError(f"a sealed value failed to open ({context})") from error


def lookup_hash(key: bytes, text: str) -> str:
    """A keyed hash (HMAC-SHA256, hex) of an identifier, for finding it without storing it.

    Keyed because an ID number has so little entropy that a plain hash is
    reversed by trying every birth date and sequence number.
    """
    return hmac.new(key, text.strip().upper().encode("utf-8"), hashlib.sha256).hexdigest()


def applicant_lookup_hash(key: bytes, answers: Mapping[str, Any]) -> str | None:
    """The lookup hash of the applicant's ID number in a set of answers, if it has one."""
    id_number = answers.get(APPLICANT_ID_FIELD)
    return lookup_hash(key, id_number) if isinstance(id_number, str) else None


def _derive(shared: bytes, ephemeral_public: bytes, recipient: bytes) -> bytes:
    salt = ephemeral_public + recipient
    return HKDF(algorithm=hashes.SHA256(), length=_KEY_BYTES, salt=salt, info=_INFO).derive(shared)
