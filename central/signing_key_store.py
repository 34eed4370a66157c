"""The form signing key, kept for the web console encrypted under the administrator's passphrase.

The console must sign what it publishes, but a signing key lying unencrypted
on the server would let anyone who copies the disk publish forms to every
kiosk. So the key is stored only as an encrypted PKCS#8 PEM (the
``cryptography`` library's best available encryption, scrypt-derived) and
unlocked in memory with the passphrase the administrator types into the
publish form, for that one request. The terminal way (``kiosk-central publish
--key signing.pem``) keeps working with the key file on the administrator's
own machine.
"""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from central.database import Connection
from central.errors import Refusal, invalid
from central.form_registry import public_key, record_setting, setting
from central.signing import public_key_text

ENCRYPTED_KEY_SETTING = "signing_key_encrypted_pem"
MIN_PASSPHRASE = 12
MAX_PASSPHRASE = 1024


def store_signing_key(connection: Connection, key: Ed25519PrivateKey, passphrase: str) -> None:
    """Keep ``key`` encrypted under ``passphrase``; it must be the key kiosks trust."""
    if not MIN_PASSPHRASE <= len(passphrase) <= MAX_PASSPHRASE:
        raise invalid("weak_passphrase", f"a passphrase has at least {MIN_PASSPHRASE} characters")
    trusted = public_key(connection)
    if trusted is not None and trusted != public_key_text(key):
        raise invalid("wrong_key", "this is not the signing key the kiosks trust")
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    record_setting(connection, ENCRYPTED_KEY_SETTING, pem.decode("ascii"))


def has_signing_key(connection: Connection) -> bool:
    """Whether the console can publish (a key was stored for it)."""
    return setting(connection, ENCRYPTED_KEY_SETTING) is not None


def unlock_signing_key(connection: Connection, passphrase: str) -> Ed25519PrivateKey:
    """The signing key, decrypted in memory; refused (403) for a wrong passphrase."""
    pem = setting(connection, ENCRYPTED_KEY_SETTING)
    if pem is None:
        raise invalid("no_signing_key", "no signing key is stored for the console")
    try:
        key = serialization.load_pem_private_key(
            pem.encode("ascii"), password=passphrase.encode("utf-8")[: MAX_PASSPHRASE * 4]
        )
    except (ValueError, TypeError) as error:
        raise Refusal(403, "wrong_passphrase", "the passphrase does not unlock the key") from error
    if not isinstance(key, Ed25519PrivateKey):
        raise invalid("no_signing_key", "the stored key is not an Ed25519 key")
    return key
