"""Build signed Claim 169 codes and trust lists with test keys, as an issuer would."""

from __future__ import annotations

import base64
import io
import json
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

import brotli  # type: ignore[import-untyped]
import cbor2
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.hashes import SHA256
from PIL import Image, ImageDraw

from kiosk.identity.base45 import b45encode
from kiosk.identity.trust import TRUST_LIST_FORMAT, public_key_der

ISSUER = "https://id.example.gov.cn/issuer"
NOW = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)
PERSON: dict[int, object] = {
    1: "520102198001011234",
    4: "张三",
    8: "19800101",
    9: 1,
    10: "贵州省\n贵阳市",
    12: "+86 138-0013-8000",
    19: "Zhang San",
    20: "en",
    21: "522634100201",
    99: "an unknown key the kiosk must ignore",
}

FACE_KEY = 62
PNG_SUB_FORMAT = 0


def face_png() -> bytes:
    """A tiny greyscale portrait, as small as the photos ID codes carry (a few hundred bytes)."""
    image = Image.new("L", (36, 44), 235)
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 6, 28, 30), fill=190, outline=60)  # face
    draw.ellipse((13, 14, 16, 17), fill=30)  # eyes
    draw.ellipse((20, 14, 23, 17), fill=30)
    draw.arc((13, 18, 23, 26), 20, 160, fill=40)  # smile
    draw.rectangle((6, 32, 30, 44), fill=90)  # shoulders
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def person_with_photo(photo: bytes, person: Mapping[int, object] = PERSON) -> dict[int, object]:
    """`person` with a face photo (Claim 169 biometric map: data, image format, PNG)."""
    return {**person, FACE_KEY: [{0: photo, 1: 0, 2: PNG_SUB_FORMAT}]}


PrivateKey = ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey


@dataclass(frozen=True)
class SigningKey:
    """A signing key with its kid and algorithm."""

    kid: bytes
    private: PrivateKey = field(repr=False)

    @property
    def algorithm(self) -> str:
        return "EdDSA" if isinstance(self.private, ed25519.Ed25519PrivateKey) else "ES256"

    def sign(self, data: bytes) -> bytes:
        if isinstance(self.private, ed25519.Ed25519PrivateKey):
            return self.private.sign(data)
        r, s = decode_dss_signature(self.private.sign(data, ec.ECDSA(SHA256())))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")

    def trust_entry(self, **extra: object) -> dict[str, object]:
        return {
            "kid": self.kid.hex(),
            "alg": self.algorithm,
            "public_key": base64.b64encode(public_key_der(self.private.public_key())).decode(),
            **extra,
        }


def ed25519_key(kid: bytes = b"ed-2026") -> SigningKey:
    return SigningKey(kid, ed25519.Ed25519PrivateKey.generate())


def p256_key(kid: bytes = b"p256-2026") -> SigningKey:
    return SigningKey(kid, ec.generate_private_key(ec.SECP256R1()))


def trust_list_json(
    entries: list[dict[str, object]], iss: str = ISSUER, issued: str = "2026-11-01T00:00:00Z"
) -> str:
    return json.dumps(
        {
            "format": TRUST_LIST_FORMAT,
            "version": 1,
            "issued": issued,
            "issuers": [
                {"iss": iss, "name": {"en": "Test Bureau", "zh_CN": "测试局"}, "keys": entries}
            ],
        }
    )


def cose_sign1(
    key: SigningKey,
    claims: Mapping[int, object],
    kid_in: str = "protected",
    tag_cwt: bool = False,
) -> bytes:
    """A COSE_Sign1 message over a CWT claims map, as CBOR bytes."""
    alg = -8 if key.algorithm == "EdDSA" else -7
    protected_map: dict[int, object] = {1: alg}
    unprotected: dict[int, object] = {}
    if kid_in == "protected":
        protected_map[4] = key.kid
    elif kid_in == "unprotected":
        unprotected[4] = key.kid
    protected = cbor2.dumps(protected_map)
    payload = cbor2.dumps(dict(claims))
    signature = key.sign(cbor2.dumps(["Signature1", protected, b"", payload]))
    message = cbor2.CBORTag(18, [protected, unprotected, payload, signature])
    return cbor2.dumps(cbor2.CBORTag(61, message) if tag_cwt else message)


def cwt_claims(
    person: Mapping[int, object] | None = None,
    iss: str | None = ISSUER,
    exp: int | None = int(NOW.timestamp()) + 365 * 86400,
    nbf: int | None = int(NOW.timestamp()) - 86400,
    iat: int | None = int(NOW.timestamp()) - 86400,
) -> dict[int, object]:
    claims: dict[int, object] = {169: dict(PERSON if person is None else person)}
    for number, value in ((1, iss), (4, exp), (5, nbf), (6, iat)):
        if value is not None:
            claims[number] = value
    return claims


def encode_code(message: bytes, compression: str = "zlib") -> str:
    """Compress and Base45-encode, as printed in the QR code."""
    packed = zlib.compress(message, 9) if compression == "zlib" else brotli.compress(message)
    return b45encode(packed)


def signed_code(key: SigningKey, compression: str = "zlib", **claims: object) -> str:
    """A complete code text signed by `key`."""
    return encode_code(cose_sign1(key, cwt_claims(**claims)), compression)  # type: ignore[arg-type]
