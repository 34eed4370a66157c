"""Claim 169 codes signed with test keys: each kind of code gives its own outcome."""

from __future__ import annotations

import zlib
from datetime import timedelta

import cbor2
import pytest

from kiosk.forms.model import Claim
from kiosk.identity import Outcome, VerificationContext, identify, parse_trust_list
from kiosk.identity.base45 import b45encode
from kiosk.identity.compression import MAX_DECOMPRESSED
from tests.identity.claim169_factory import (
    NOW,
    PERSON,
    SigningKey,
    cose_sign1,
    cwt_claims,
    ed25519_key,
    encode_code,
    p256_key,
    signed_code,
    trust_list_json,
)


def context_for(*keys: SigningKey, **extra: object) -> VerificationContext:
    entries = [key.trust_entry(**extra) for key in keys]
    return VerificationContext(now=NOW, trust_list=parse_trust_list(trust_list_json(entries)))


@pytest.fixture(params=["ed25519", "p256"])
def key(request: pytest.FixtureRequest) -> SigningKey:
    return ed25519_key() if request.param == "ed25519" else p256_key()


@pytest.mark.parametrize("compression", ["zlib", "brotli"])
def test_a_signed_code_is_verified_with_its_claims(key: SigningKey, compression: str) -> None:
    found = identify(signed_code(key, compression), context_for(key))
    assert found.outcome is Outcome.VERIFIED
    assert found.issuer == "https://id.example.gov.cn/issuer"
    assert found.issuer_names["zh_CN"] == "测试局"
    assert found.key_id == key.kid.hex()
    assert dict(found.claims) == {
        Claim.ID_NUMBER: "520102198001011234",
        Claim.NAME: "张三",
        Claim.BIRTH_DATE: "1980-01-01",
        Claim.GENDER: "male",
        Claim.PHONE: "13800138000",
        Claim.ADDRESS: ("520000", "522634", "522634100", "522634100201"),
    }
    assert found.secondary_name == "Zhang San"
    assert found.address_text == "贵州省\n贵阳市"


def test_kid_in_unprotected_header_or_absent_and_cwt_tag(key: SigningKey) -> None:
    for kid_in in ("unprotected", "none"):
        code = encode_code(cose_sign1(key, cwt_claims(), kid_in=kid_in, tag_cwt=True))
        assert identify(code, context_for(key)).outcome is Outcome.VERIFIED


def test_both_date_forms_and_a_split_name() -> None:
    key = ed25519_key()
    person = {5: "San", 7: "Zhang", 8: "1980-01-31", 9: 2}
    found = identify(signed_code(key, person=person), context_for(key))
    assert found.claims[Claim.BIRTH_DATE] == "1980-01-31"
    assert found.claims[Claim.NAME] == "San Zhang"
    assert found.claims[Claim.GENDER] == "female"


def test_a_face_photo_is_kept_only_in_memory_and_only_when_verified() -> None:
    key = ed25519_key()
    person = {**PERSON, 62: {0: b"\xff\xd8jpeg-bytes", 1: 0, 2: 1}}
    found = identify(signed_code(key, person=person), context_for(key))
    assert found.photo is not None and found.photo.image_format == "jpeg"
    assert "jpeg-bytes" not in repr(found)
    unknown = identify(signed_code(key, person=person), VerificationContext(now=NOW))
    assert unknown.photo is None


def test_tampered_payload_is_a_bad_signature(key: SigningKey) -> None:
    message = cbor2.loads(cose_sign1(key, cwt_claims()))
    protected, unprotected, payload, signature = message.value
    claims = cbor2.loads(payload)
    claims[169][4] = "李四"
    forged = cbor2.CBORTag(18, [protected, unprotected, cbor2.dumps(claims), signature])
    found = identify(encode_code(cbor2.dumps(forged)), context_for(key))
    assert found.outcome is Outcome.BAD_SIGNATURE
    assert not found.claims and not found.prefill_claims


def test_signed_with_another_key_under_a_trusted_kid() -> None:
    trusted, impostor = ed25519_key(b"k1"), ed25519_key(b"k1")
    assert identify(signed_code(impostor), context_for(trusted)).outcome is Outcome.BAD_SIGNATURE


def test_unknown_kid_is_an_unknown_issuer_whose_claims_may_still_prefill() -> None:
    found = identify(signed_code(ed25519_key(b"other")), context_for(ed25519_key(b"mine")))
    assert found.outcome is Outcome.UNKNOWN_ISSUER
    assert found.prefill_claims[Claim.NAME] == "张三"
    assert found.trust_list_issued is not None


def test_expired_and_not_yet_valid_beyond_the_clock_skew(key: SigningKey) -> None:
    now = int(NOW.timestamp())
    ctx = context_for(key)
    assert identify(signed_code(key, exp=now - 3600), ctx).outcome is Outcome.EXPIRED
    assert identify(signed_code(key, exp=now - 60), ctx).outcome is Outcome.VERIFIED
    assert identify(signed_code(key, nbf=now + 3600), ctx).outcome is Outcome.NOT_YET_VALID
    assert identify(signed_code(key, nbf=now + 60), ctx).outcome is Outcome.VERIFIED


def test_key_rotation_and_revocation() -> None:
    old, new = ed25519_key(b"2025"), ed25519_key(b"2026")
    trust = parse_trust_list(
        trust_list_json(
            [
                old.trust_entry(valid_until="2026-06-30T00:00:00Z"),
                new.trust_entry(valid_from="2026-06-30T00:00:00Z"),
            ]
        )
    )
    ctx = VerificationContext(now=NOW, trust_list=trust)
    signed_in_2025 = int((NOW - timedelta(days=400)).timestamp())
    assert identify(signed_code(old, iat=signed_in_2025), ctx).outcome is Outcome.VERIFIED
    assert identify(signed_code(new), ctx).outcome is Outcome.VERIFIED
    late = identify(signed_code(old), ctx)  # the retired key signed after its period
    assert late.outcome is Outcome.UNKNOWN_ISSUER
    revoked = context_for(old, revoked=True)
    found = identify(signed_code(old), revoked)
    assert found.outcome is Outcome.KEY_REVOKED and not found.prefill_claims


def test_a_retired_key_verifies_no_code_without_iat() -> None:
    old = ed25519_key(b"2025")
    retired = context_for(old, valid_until="2026-06-30T00:00:00Z")
    assert identify(signed_code(old, iat=None), retired).outcome is Outcome.UNKNOWN_ISSUER
    not_yet = context_for(old, valid_from="2026-06-30T00:00:00Z")
    assert identify(signed_code(old, iat=None), not_yet).outcome is Outcome.UNKNOWN_ISSUER
    assert identify(signed_code(old, iat=None), context_for(old)).outcome is Outcome.VERIFIED


def test_a_trust_list_key_needs_no_kid_when_the_issuer_codes_carry_none() -> None:
    key = ed25519_key()
    entry = {name: value for name, value in key.trust_entry().items() if name != "kid"}
    ctx = VerificationContext(now=NOW, trust_list=parse_trust_list(trust_list_json([entry])))
    no_kid = encode_code(cose_sign1(key, cwt_claims(), kid_in="nowhere"))
    found = identify(no_kid, ctx)
    assert found.outcome is Outcome.VERIFIED and found.key_id is None
    # A code that names a kid the list does not hold is still matched by its issuer's
    # kid-less keys, and refused when the signature is not theirs.
    assert identify(signed_code(key), ctx).outcome is Outcome.VERIFIED
    stranger = ed25519_key(b"other")
    assert identify(signed_code(stranger), ctx).outcome is Outcome.BAD_SIGNATURE


def test_a_key_cannot_speak_for_another_issuer() -> None:
    key = ed25519_key()
    found = identify(signed_code(key, iss="https://elsewhere.example"), context_for(key))
    assert found.outcome is Outcome.UNKNOWN_ISSUER


def test_truncated_base45_bad_zlib_and_oversized_decompression() -> None:
    key = ed25519_key()
    ctx = context_for(key)
    code = signed_code(key)
    assert identify(code[:-1], ctx).outcome is Outcome.DAMAGED  # 3n+1 characters
    assert identify(code[: len(code) // 3 * 3 - 30], ctx).outcome is Outcome.DAMAGED
    bad_zlib = b45encode(b"\x78\x9c" + b"\x00\xff" * 40)
    assert identify(bad_zlib, ctx).outcome is Outcome.DAMAGED
    bomb = b45encode(zlib.compress(b"\x00" * (MAX_DECOMPRESSED + 1), 9))
    found = identify(bomb, ctx)
    assert found.outcome is Outcome.DAMAGED and "beyond" in found.detail


def test_deep_and_huge_cbor_are_damaged() -> None:
    ctx = context_for(ed25519_key())
    deep: object = 0
    for level in range(200):
        deep = [deep, level.to_bytes(2, "big") * 8]
    assert identify(encode_code(cbor2.dumps(deep)), ctx).outcome is Outcome.DAMAGED
    deep_claim = cose_sign1(ed25519_key(), cwt_claims(person={4: deep}))
    assert identify(encode_code(deep_claim), ctx).outcome is Outcome.DAMAGED
    huge_claim = b"\x9b\x00\x00\x00\x01\x00\x00\x00\x00" + bytes(range(40))  # 2**32 items
    assert identify(encode_code(huge_claim), ctx).outcome is Outcome.DAMAGED
    many = cbor2.dumps([[0] * 30] * 1000)
    assert identify(encode_code(many), ctx).outcome is Outcome.DAMAGED
    cycle = b"\xd8\x1c\x82\xd8\x1d\x00\x58\x20" + bytes(range(32))  # a list containing itself
    assert identify(encode_code(cycle), ctx).outcome is Outcome.DAMAGED


def test_encrypted_and_unclaimed_codes() -> None:
    key = ed25519_key()
    ctx = context_for(key)
    encrypted = cbor2.dumps(cbor2.CBORTag(16, [b"", {}, b"ciphertext"]))
    found = identify(encode_code(encrypted), ctx)
    assert found.outcome is Outcome.ENCRYPTED and "holds no key" in found.detail
    assert not found.outcome.may_prefill
    no_identity = encode_code(cose_sign1(key, {1: "https://id.example.gov.cn/issuer"}))
    assert identify(no_identity, ctx).outcome is Outcome.NOT_AN_ID
