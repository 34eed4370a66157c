"""Whatever bytes or text arrive, the verifier answers with an outcome, never an exception."""

from __future__ import annotations

import zlib

import cbor2
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.identity import Outcome, VerificationContext, identify, parse_trust_list
from kiosk.identity.base45 import ALPHABET, b45decode, b45encode
from tests.identity.claim169_factory import NOW, ed25519_key, signed_code, trust_list_json

KEY = ed25519_key()
CONTEXT = VerificationContext(
    now=NOW, trust_list=parse_trust_list(trust_list_json([KEY.trust_entry()]))
)
CODE = signed_code(KEY)
FIXED = settings(derandomize=True, database=None, deadline=None)
"""The same examples every run (CI failures reproduce), no time limit, nothing on disk."""

cbor_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.binary(max_size=20) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.integers(-10, 200), inner, max_size=4)
    ),
    max_leaves=30,
)


@FIXED
@given(st.text(max_size=300))
def test_any_text(text: str) -> None:
    assert isinstance(identify(text, CONTEXT).outcome, Outcome)


@FIXED
@given(st.text(alphabet=ALPHABET, min_size=30, max_size=400))
def test_any_base45_text(text: str) -> None:
    assert identify(text, CONTEXT).outcome in {Outcome.DAMAGED, Outcome.NOT_AN_ID}


@FIXED
@given(st.binary(max_size=600))
def test_any_bytes_compressed_or_not(data: bytes) -> None:
    for packed in (data, zlib.compress(data)):
        assert identify(b45encode(packed), CONTEXT).outcome is not Outcome.VERIFIED


@FIXED
@given(cbor_values)
def test_any_cbor_structure(value: object) -> None:
    code = b45encode(zlib.compress(cbor2.dumps(value)))
    assert identify(code, CONTEXT).outcome is not Outcome.VERIFIED


@settings(FIXED, max_examples=200)
@given(st.integers(0, len(CODE) - 1), st.sampled_from(ALPHABET))
def test_one_changed_character_never_verifies(position: int, char: str) -> None:
    changed = CODE[:position] + char + CODE[position + 1 :]
    found = identify(changed, CONTEXT)
    assert found.outcome is Outcome.VERIFIED if changed == CODE else not found.verified


@FIXED
@given(st.integers(0, len(CODE) - 1))
def test_any_truncation(length: int) -> None:
    assert not identify(CODE[:length], CONTEXT).verified


@FIXED
@given(st.binary(max_size=100))
def test_base45_round_trip(data: bytes) -> None:
    assert b45decode(b45encode(data)) == data
