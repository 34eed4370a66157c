"""MOSIP Claim 169 identity codes: Base45 → zlib/Brotli → COSE_Sign1 in a CWT → claim 169.

Each stage that fails gives the applicant's outcome at once. The signature is
checked before any time claim is believed, because an unsigned ``exp`` is
whatever a forger wrote.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from types import MappingProxyType

from kiosk.identity.base45 import ALPHABET, b45decode
from kiosk.identity.cbor_limits import DECODE_ERRORS, load_cbor
from kiosk.identity.claim169_claims import PersonData, person_from_claim169
from kiosk.identity.compression import DecompressionError, decompress
from kiosk.identity.context import VerificationContext
from kiosk.identity.cose import EncryptedCode, Sign1, parse_sign1
from kiosk.identity.outcome import IdentityResult, Outcome, result
from kiosk.identity.trust import TrustedKey

FORMAT = "claim169"
CLAIM_ISS, CLAIM_EXP, CLAIM_NBF, CLAIM_IAT, CLAIM_IDENTITY = 1, 4, 5, 6, 169
BASE45_ALPHABET = frozenset(ALPHABET)
MIN_LENGTH = 30
"""Shorter alphanumeric texts (an ID number, a tracking number) are not taken for Claim 169."""
MAX_LENGTH = 8_000
"""A QR code holds at most 4,296 alphanumeric characters; more came from somewhere else."""

OTHER_PREFIXES = ("HC1:", "HTTP://", "HTTPS://")
"""Base45-alphabet texts of other kinds: EU health certificates and upper-case web addresses."""


@dataclass(frozen=True)
class _Token:
    """A structurally valid code whose signature has not been checked yet."""

    sign1: Sign1
    iss: str | None
    expires: datetime | None
    not_before: datetime | None
    issued_at: datetime | None
    person: PersonData


def recognises(text: str) -> bool:
    """Whether `text` has the shape of a Base45 Claim 169 code (worth trying to decode)."""
    return (
        len(text) >= MIN_LENGTH
        and BASE45_ALPHABET.issuperset(text)
        and not text.startswith(OTHER_PREFIXES)
    )


def parse_claim169(text: str, context: VerificationContext) -> IdentityResult | None:
    """The outcome for a Claim 169 code, or None if `text` is not shaped like one."""
    text = text.strip()
    if not recognises(text):
        return None
    if len(text) > MAX_LENGTH:
        return result(Outcome.DAMAGED, FORMAT, f"{len(text)} characters is too long")
    token = _read_token(text)
    if isinstance(token, IdentityResult):
        return token
    return _verify(token, context)


def _read_token(text: str) -> _Token | IdentityResult:
    try:
        compressed = b45decode(text)
    except ValueError as exc:
        return result(Outcome.DAMAGED, FORMAT, f"not Base45: {exc}")
    try:
        sign1 = parse_sign1(load_cbor(decompress(compressed)))
        claims = load_cbor(sign1.payload)
    except DecompressionError as exc:
        return result(Outcome.DAMAGED, FORMAT, str(exc))
    except EncryptedCode as exc:
        return result(Outcome.ENCRYPTED, FORMAT, f"{exc}: this kiosk holds no key")
    except DECODE_ERRORS as exc:
        return result(Outcome.DAMAGED, FORMAT, f"bad CBOR/COSE: {exc}")
    if not isinstance(claims, Mapping):
        return result(Outcome.DAMAGED, FORMAT, "the CWT claims are not a map")
    identity = claims.get(CLAIM_IDENTITY)
    if not isinstance(identity, Mapping):
        return result(Outcome.NOT_AN_ID, FORMAT, "a signed code without claim 169")
    try:
        return _Token(
            sign1=sign1,
            iss=_iss(claims.get(CLAIM_ISS)),
            expires=_time(claims.get(CLAIM_EXP)),
            not_before=_time(claims.get(CLAIM_NBF)),
            issued_at=_time(claims.get(CLAIM_IAT)),
            person=person_from_claim169(identity),
        )
    except ValueError as exc:
        return result(Outcome.DAMAGED, FORMAT, str(exc))


def _verify(token: _Token, context: VerificationContext) -> IdentityResult:
    trust = context.trust_list
    candidates = trust.keys_for(token.sign1.kid, token.iss)
    kid_text = token.sign1.kid.hex() if token.sign1.kid is not None else None
    if not candidates:
        return _with_person(token, Outcome.UNKNOWN_ISSUER, token.iss, kid_text, context)
    key = next((key for key in candidates if token.sign1.verify_with(key)), None)
    if key is None:
        return IdentityResult(
            Outcome.BAD_SIGNATURE, FORMAT, issuer=token.iss, key_id=kid_text, detail="signature"
        )
    kid_text = key.kid.hex() if key.kid is not None else kid_text
    if key.revoked:
        return IdentityResult(Outcome.KEY_REVOKED, FORMAT, issuer=key.issuer, key_id=kid_text)
    if token.iss is not None and token.iss != key.issuer:
        detail = f"signed with a key of {key.issuer}, claims {token.iss}"
        return _with_person(token, Outcome.UNKNOWN_ISSUER, token.iss, kid_text, context, detail)
    if not key.covers(token.issued_at):
        detail = "signed outside the key's signing period"
        return _with_person(token, Outcome.UNKNOWN_ISSUER, key.issuer, kid_text, context, detail)
    outcome = _time_outcome(token, context)
    return _with_person(token, outcome, key.issuer, kid_text, context, "", key)


def _time_outcome(token: _Token, context: VerificationContext) -> Outcome:
    if token.expires is not None and context.now > token.expires + context.clock_skew:
        return Outcome.EXPIRED
    if token.not_before is not None and context.now + context.clock_skew < token.not_before:
        return Outcome.NOT_YET_VALID
    return Outcome.VERIFIED


def _with_person(
    token: _Token,
    outcome: Outcome,
    issuer: str | None,
    kid: str | None,
    context: VerificationContext,
    detail: str = "",
    key: TrustedKey | None = None,
) -> IdentityResult:
    person = token.person
    names: Mapping[str, str] = MappingProxyType({})
    if key is not None and (trusted := context.trust_list.issuer(key.issuer)) is not None:
        names = trusted.names
    return IdentityResult(
        outcome=outcome,
        format=FORMAT,
        claims=MappingProxyType(dict(person.claims)),
        issuer=issuer,
        issuer_names=names,
        key_id=kid,
        secondary_name=person.secondary_name,
        secondary_language=person.secondary_language,
        address_text=person.address_text,
        photo=person.photo if outcome is Outcome.VERIFIED else None,
        expires=token.expires,
        trust_list_issued=context.trust_list.issued,
        detail=detail,
    )


def _iss(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("iss is not text")
    return value


def _time(value: object) -> datetime | None:
    """A CWT NumericDate (seconds since 1970, UTC)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"a time claim is not a number: {value!r}")
    try:
        return datetime.fromtimestamp(value, UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise ValueError(f"a time claim is out of range: {value!r}") from exc
