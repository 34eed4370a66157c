"""The administrator's Ed25519 key: generating it and signing form bundles.

The private key stays in a file on the administrator's machine (PEM, mode
0600); only its public half is stored in the central database, from where
enrolling kiosks receive it. A kiosk trusts a form only if this key signed it.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def generate_key(path: Path) -> Ed25519PrivateKey:
    """Write a new private key to ``path`` (refusing to overwrite one) and return it."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
    return key


def load_key(path: Path) -> Ed25519PrivateKey:
    """Read a private key written by :func:`generate_key`."""
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 private key")
    return key


def public_key_text(key: Ed25519PrivateKey) -> str:
    """The raw public key, base64: what kiosks receive at enrolment."""
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def sign(key: Ed25519PrivateKey, message: bytes) -> str:
    """An Ed25519 signature over ``message``, base64."""
    return base64.b64encode(key.sign(message)).decode("ascii")
