"""The issuer keys a kiosk trusts, with rotation and revocation.

Trust lists arrive signed from the central platform (see
:mod:`kiosk.identity.trust_store` for how they and the local
``trust-list.json`` in the data directory are chosen between; the format is
described in docs/identity.md). Several keys per issuer are normal: during a rollover the
old key still verifies the cards it signed while the new key signs new ones.
A revoked key verifies nothing, whatever the code says about when it was
signed, because a thief holding the key can write any date.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.serialization import load_der_public_key

TRUST_LIST_FILE = "trust-list.json"
"""The trust list's file name in the kiosk's data directory."""

TRUST_LIST_FORMAT = "township-kiosk-trust-list"
ALGORITHMS = ("EdDSA", "ES256")
_HEX = re.compile(r"(?:[0-9a-f]{2})+")
_MAX_FILE_BYTES = 1024 * 1024

PublicKey = ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey


class TrustListError(ValueError):
    """The trust list file cannot be used; the message names the entry and the problem."""


@dataclass(frozen=True)
class TrustedKey:
    """One issuer key: what it may verify, and until when it signed."""

    kid: bytes | None
    """The COSE key id; None for an issuer whose codes carry none (found by ``iss``)."""
    algorithm: str
    public_key: PublicKey = field(repr=False)
    issuer: str
    valid_from: datetime | None = None
    """Codes signed (``iat``) before this are not accepted with this key."""
    valid_until: datetime | None = None
    """Codes signed after this are not accepted: the key was retired by rotation."""
    revoked: bool = False

    def covers(self, signed_at: datetime | None) -> bool:
        """Whether a code signed at `signed_at` falls within the key's signing period.

        A code that does not say when it was signed (no ``iat``) is covered only
        by a key with no signing period at all: for a retired key, such a code
        could have been signed after the retirement.
        """
        if signed_at is None:
            return self.valid_from is None and self.valid_until is None
        if self.valid_from is not None and signed_at < self.valid_from:
            return False
        return self.valid_until is None or signed_at <= self.valid_until


@dataclass(frozen=True)
class Issuer:
    """An authority whose identity codes the kiosk accepts."""

    iss: str
    names: Mapping[str, str]
    keys: tuple[TrustedKey, ...]


@dataclass(frozen=True)
class TrustList:
    """Every trusted issuer, and when the list was issued (shown with 'unknown issuer')."""

    issuers: tuple[Issuer, ...] = ()
    issued: datetime | None = None

    def issuer(self, iss: str) -> Issuer | None:
        """The issuer with this `iss` URI, if trusted."""
        return next((item for item in self.issuers if item.iss == iss), None)

    def keys_for(self, kid: bytes | None, iss: str | None) -> tuple[TrustedKey, ...]:
        """Candidate keys for a code: by `kid` when it names one; else (or when no key has
        that `kid`) the keys of `iss` listed without a `kid`, every key of `iss` for a
        code without one."""
        if kid is not None:
            named = tuple(key for item in self.issuers for key in item.keys if key.kid == kid)
            if named:
                return named
        if iss is not None and (found := self.issuer(iss)) is not None:
            return tuple(key for key in found.keys if kid is None or key.kid is None)
        return ()

    def restricted_by(self, local: TrustList) -> TrustList:
        """This list with the keys ``local`` marks revoked revoked too (matched by public
        key); nothing else of ``local`` counts, so it can only take trust away."""
        withdrawn = {
            public_key_der(key.public_key)
            for item in local.issuers
            for key in item.keys
            if key.revoked
        }
        if not withdrawn:
            return self
        issuers = tuple(
            replace(
                item,
                keys=tuple(
                    replace(key, revoked=True)
                    if public_key_der(key.public_key) in withdrawn
                    else key
                    for key in item.keys
                ),
            )
            for item in self.issuers
        )
        return replace(self, issuers=issuers)


def trust_list_path(data_dir: Path) -> Path:
    """Where the kiosk looks for its trust list."""
    return data_dir / TRUST_LIST_FILE


def load_trust_list(path: Path) -> TrustList:
    """Read the trust list; a missing file is an empty list (every issuer unknown)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(_MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return TrustList()
    except OSError as exc:
        raise TrustListError(f"cannot read {path}: {exc}") from exc
    if len(data) > _MAX_FILE_BYTES:
        raise TrustListError(f"{path} is larger than {_MAX_FILE_BYTES} bytes")
    try:
        return parse_trust_list(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise TrustListError(f"{path} is not UTF-8") from exc


def parse_trust_list(text: str) -> TrustList:
    """Check and build a trust list from its JSON text (format in docs/identity.md)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TrustListError(f"not valid JSON: {exc}") from exc
    document = _object(data, "trust list")
    if document.get("format") != TRUST_LIST_FORMAT or document.get("version") != 1:
        raise TrustListError(f"format must be {TRUST_LIST_FORMAT!r} with version 1")
    issued = _time(document.get("issued"), "issued")
    issuers = tuple(
        _issuer(item, f"issuers[{index}]")
        for index, item in enumerate(_list(document.get("issuers"), "issuers"))
    )
    kids = [key.kid for item in issuers for key in item.keys if key.kid is not None]
    if len(kids) != len(set(kids)):
        raise TrustListError("a kid is used by two keys: a kid must name one key")
    return TrustList(issuers=issuers, issued=issued)


def public_key_der(key: PublicKey) -> bytes:
    """The SubjectPublicKeyInfo DER of a key, as written (base64) in the trust list."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)


def _issuer(data: object, where: str) -> Issuer:
    entry = _object(data, where)
    iss = entry.get("iss")
    if not isinstance(iss, str) or not iss:
        raise TrustListError(f"{where}.iss must be the issuer's URI")
    names = _object(entry.get("name", {}), f"{where}.name")
    if not all(isinstance(value, str) for value in names.values()):
        raise TrustListError(f"{where}.name must map language codes to names")
    keys = tuple(
        _key(item, iss, f"{where}.keys[{index}]")
        for index, item in enumerate(_list(entry.get("keys"), f"{where}.keys"))
    )
    return Issuer(iss=iss, names=MappingProxyType(dict(names)), keys=keys)


def _key(data: object, iss: str, where: str) -> TrustedKey:
    entry = _object(data, where)
    kid = entry.get("kid")
    if kid is not None and (not isinstance(kid, str) or not _HEX.fullmatch(kid)):
        raise TrustListError(f"{where}.kid must be lower-case hexadecimal bytes (or left out)")
    algorithm = entry.get("alg")
    if algorithm not in ALGORITHMS:
        raise TrustListError(f"{where}.alg must be one of {', '.join(ALGORITHMS)}")
    public_key = _public_key(entry.get("public_key"), algorithm, where)
    revoked = entry.get("revoked", False)
    if not isinstance(revoked, bool):
        raise TrustListError(f"{where}.revoked must be true or false")
    return TrustedKey(
        kid=None if kid is None else bytes.fromhex(kid),
        algorithm=algorithm,
        public_key=public_key,
        issuer=iss,
        valid_from=_optional_time(entry.get("valid_from"), f"{where}.valid_from"),
        valid_until=_optional_time(entry.get("valid_until"), f"{where}.valid_until"),
        revoked=revoked,
    )


def _public_key(value: object, algorithm: str, where: str) -> PublicKey:
    if not isinstance(value, str):
        raise TrustListError(f"{where}.public_key must be base64 SubjectPublicKeyInfo DER")
    try:
        key = load_der_public_key(base64.b64decode(value, validate=True))
    except ValueError as exc:
        raise TrustListError(f"{where}.public_key is not a public key: {exc}") from exc
    if algorithm == "EdDSA" and isinstance(key, ed25519.Ed25519PublicKey):
        return key
    if (
        algorithm == "ES256"
        and isinstance(key, ec.EllipticCurvePublicKey)
        and isinstance(key.curve, ec.SECP256R1)
    ):
        return key
    raise TrustListError(f"{where}.public_key is not a key for {algorithm}")


def _object(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TrustListError(f"{where} must be a JSON object")
    return value


def _list(value: object, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise TrustListError(f"{where} must be a JSON list")
    return value


def _optional_time(value: object, where: str) -> datetime | None:
    return None if value is None else _time(value, where)


def _time(value: object, where: str) -> datetime:
    if not isinstance(value, str):
        raise TrustListError(f"{where} must be a time like 2026-11-01T00:00:00Z")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise TrustListError(f"{where}: {exc}") from exc
    if parsed.tzinfo is None:
        raise TrustListError(f"{where} must give its time zone (Z for UTC)")
    return parsed.astimezone(UTC)
