"""COSE_Sign1 (RFC 9052) as identity codes use it: parse, then check the signature.

The signature covers the ``Sig_structure`` built from the protected header
bytes exactly as received, never a re-encoding of them, so a code signed by
another library verifies byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives.hashes import SHA256

from kiosk.identity.cbor_limits import load_cbor
from kiosk.identity.trust import TrustedKey

TAG_CWT = 61
TAG_SIGN1 = 18
TAG_ENCRYPT0 = 16
HEADER_ALG = 1
HEADER_KID = 4
ALG_NAMES = {-8: "EdDSA", -7: "ES256"}


class CoseError(ValueError):
    """The bytes are not a usable COSE_Sign1 structure."""


class EncryptedCode(CoseError):
    """A COSE_Encrypt0 code: the kiosk holds no decryption key for it."""


@dataclass(frozen=True)
class Sign1:
    """A parsed COSE_Sign1 message, its signature not yet checked."""

    protected_bytes: bytes
    algorithm: str | None
    kid: bytes | None
    payload: bytes
    signature: bytes

    def signed_bytes(self) -> bytes:
        """The Sig_structure the signer signed."""
        return cbor2.dumps(["Signature1", self.protected_bytes, b"", self.payload])

    def verify_with(self, key: TrustedKey) -> bool:
        """Whether `key` made this signature (and is of the algorithm the header names)."""
        if self.algorithm is not None and self.algorithm != key.algorithm:
            return False
        data = self.signed_bytes()
        try:
            if isinstance(key.public_key, ed25519.Ed25519PublicKey):
                key.public_key.verify(self.signature, data)
            else:
                if len(self.signature) != 64:
                    return False
                der = encode_dss_signature(
                    int.from_bytes(self.signature[:32], "big"),
                    int.from_bytes(self.signature[32:], "big"),
                )
                key.public_key.verify(der, data, ec.ECDSA(SHA256()))
        except InvalidSignature:
            return False
        return True


def parse_sign1(item: object) -> Sign1:
    """Read a decoded CBOR item as COSE_Sign1, unwrapping the optional CWT tag."""
    if isinstance(item, cbor2.CBORTag) and item.tag == TAG_CWT:
        item = item.value
    if isinstance(item, cbor2.CBORTag):
        if item.tag == TAG_ENCRYPT0:
            raise EncryptedCode("COSE_Encrypt0: encrypted code")
        if item.tag != TAG_SIGN1:
            raise CoseError(f"CBOR tag {item.tag} is not COSE_Sign1")
        item = item.value
    if not isinstance(item, list | tuple) or len(item) != 4:
        raise CoseError("COSE_Sign1 must be an array of four items")
    protected_bytes, unprotected, payload, signature = item
    if not isinstance(protected_bytes, bytes) or not isinstance(unprotected, Mapping):
        raise CoseError("COSE headers have the wrong types")
    if not isinstance(payload, bytes) or not isinstance(signature, bytes):
        raise CoseError("COSE payload and signature must be byte strings")
    protected = load_cbor(protected_bytes) if protected_bytes else {}
    if not isinstance(protected, Mapping):
        raise CoseError("the protected header is not a map")
    return Sign1(
        protected_bytes=protected_bytes,
        algorithm=_algorithm(protected, unprotected),
        kid=_kid(protected, unprotected),
        payload=payload,
        signature=signature,
    )


def _algorithm(protected: Mapping[object, object], unprotected: Mapping[object, object]) -> str:
    """The signature algorithm; only the protected header may name it (RFC 9052 §3.1)."""
    value = protected.get(HEADER_ALG)
    if not isinstance(value, int) or value not in ALG_NAMES:
        raise CoseError(f"unsupported or missing signature algorithm {value!r}")
    return ALG_NAMES[value]


def _kid(protected: Mapping[object, object], unprotected: Mapping[object, object]) -> bytes | None:
    value = protected.get(HEADER_KID, unprotected.get(HEADER_KID))
    if value is None:
        return None
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    raise CoseError("the kid header is neither bytes nor text")
