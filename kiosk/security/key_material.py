"""The kiosk's secret keys, and the in-memory holder that the stores share.

Two secrets make up the key material: the X25519 private key that opens
sealed personal data, and the HMAC key of the ID-number lookup hash. They
are generated together, wrapped together (see :mod:`kiosk.security.key_store`)
and unlocked together. The public key is not secret and is always loaded,
which is all a locked kiosk needs to keep accepting applications.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kiosk.errors import KioskLockedError, UnlockRefusedError
from kiosk.security import sealing

MATERIAL_BYTES = 64


@dataclass(frozen=True)
class KeyMaterial:
    """The private key and the lookup-hash key, as unwrapped into memory."""

    private_key: X25519PrivateKey
    lookup_key: bytes

    @classmethod
    def generate(cls) -> KeyMaterial:
        """Fresh random keys for a kiosk."""
        return cls(X25519PrivateKey.generate(), os.urandom(32))

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeyMaterial:
        """The inverse of :meth:`to_bytes`."""
        if len(raw) != MATERIAL_BYTES:
            raise ValueError(f"key material is {MATERIAL_BYTES} bytes, not {len(raw)}")
        return cls(X25519PrivateKey.from_private_bytes(raw[:32]), raw[32:])

    def to_bytes(self) -> bytes:
        """Private key then lookup key, 64 bytes: only ever written wrapped."""
        private = self.private_key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        return private + self.lookup_key

    @property
    def public_key(self) -> bytes:
        """The raw public key everything is sealed to."""
        return sealing.public_bytes(self.private_key)


class KioskKeys:
    """What one kiosk process knows of its keys: always the public key, sometimes the rest.

    One instance is shared by the storage, printing and sync threads, so an
    unlock by any of them (the sync worker fetching the central secret, the
    clerk typing the passphrase) serves all. Methods are thread-safe.
    """

    def __init__(self, public_key: bytes, material: KeyMaterial | None = None) -> None:
        self._lock = threading.Lock()
        self._public_key = public_key
        self._material: KeyMaterial | None = None
        if material is not None:
            self.unlock(material)

    @property
    def public_key(self) -> bytes:
        """The kiosk's public key (raw 32 bytes)."""
        return self._public_key

    @property
    def is_unlocked(self) -> bool:
        """Whether personal data can be read now."""
        with self._lock:
            return self._material is not None

    def unlock(self, material: KeyMaterial) -> None:
        """Hold the private keys in memory; refuse keys that belong to another kiosk."""
        if material.public_key != self._public_key:
            raise UnlockRefusedError("these keys belong to another kiosk's database")
        with self._lock:
            self._material = material

    def lock(self) -> None:
        """Forget the private keys (the public key stays, so sealing still works)."""
        with self._lock:
            self._material = None

    def material(self) -> KeyMaterial:
        """The unlocked key material; :class:`KioskLockedError` when locked."""
        with self._lock:
            if self._material is None:
                raise KioskLockedError("the kiosk is locked")
            return self._material

    def seal(self, plaintext: bytes, context: str) -> bytes:
        """Seal to this kiosk's public key; works locked or unlocked."""
        return sealing.seal(self._public_key, plaintext, context)

    def unseal(self, sealed: bytes, context: str) -> bytes:
        """Open a sealed value; :class:`KioskLockedError` when locked."""
        return sealing.unseal(self.material().private_key, sealed, context)

    def lookup_hash(self, text: str) -> str | None:
        """The keyed lookup hash of an identifier, or None while locked (filled in later)."""
        with self._lock:
            material = self._material
        return None if material is None else sealing.lookup_hash(material.lookup_key, text)

    def require_lookup_hash(self, text: str) -> str:
        """The keyed lookup hash to search for; :class:`KioskLockedError` when locked."""
        return sealing.lookup_hash(self.material().lookup_key, text)
