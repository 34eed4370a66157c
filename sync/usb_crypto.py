"""Sealing a USB export for the centre: X25519 + HKDF-SHA256 + AES-256-GCM, Ed25519-signed.

The kiosk encrypts to the centre's transfer key with a fresh ephemeral key
per file, so a lost USB stick reveals nothing, and signs the envelope with
its own key registered at enrolment, so the centre knows which kiosk wrote
it and that nobody altered it. Both sides use these two functions.
"""

from __future__ import annotations

import base64
import os

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sync.protocol import UsbExport, usb_export_signed_bytes

_INFO = b"township-kiosk/usb-export/v1"


def b64(data: bytes) -> str:
    """Standard base64 text."""
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    """Strict base64 decoding (ValueError on anything else)."""
    return base64.b64decode(text, validate=True)


def raw_public(key: Ed25519PrivateKey | X25519PrivateKey) -> str:
    """A private key's raw public half, base64."""
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return b64(raw)


def raw_private(key: Ed25519PrivateKey | X25519PrivateKey) -> str:
    """A private key's raw bytes, base64 (for the kiosk's settings table)."""
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return b64(raw)


def _key(shared: bytes, ephemeral: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral, info=_INFO).derive(shared)


def seal(
    plaintext: bytes,
    kiosk_code: str,
    created_at: str,
    transfer_public_key: str,
    kiosk_key: Ed25519PrivateKey,
) -> UsbExport:
    """Encrypt for the centre and sign as the kiosk."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = unb64(raw_public(ephemeral))
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(unb64(transfer_public_key)))
    nonce = os.urandom(12)
    ciphertext = AESGCM(_key(shared, ephemeral_public)).encrypt(
        nonce, plaintext, kiosk_code.encode()
    )
    unsigned = UsbExport(
        kiosk_code=kiosk_code,
        created_at=created_at,
        ephemeral_public_key=b64(ephemeral_public),
        nonce=b64(nonce),
        ciphertext=b64(ciphertext),
        signature="",
    )
    signature = kiosk_key.sign(usb_export_signed_bytes(unsigned))
    return unsigned.model_copy(update={"signature": b64(signature)})


def open_sealed(export: UsbExport, kiosk_public_key: str, transfer_key: X25519PrivateKey) -> bytes:
    """Verify the kiosk's signature, then decrypt; raises ValueError (or InvalidSignature/Tag)."""
    Ed25519PublicKey.from_public_bytes(unb64(kiosk_public_key)).verify(
        unb64(export.signature), usb_export_signed_bytes(export)
    )
    ephemeral = unb64(export.ephemeral_public_key)
    shared = transfer_key.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    return AESGCM(_key(shared, ephemeral)).decrypt(
        unb64(export.nonce), unb64(export.ciphertext), export.kiosk_code.encode()
    )
