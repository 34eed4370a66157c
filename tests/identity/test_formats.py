"""The unsigned formats, the registry's order, and the trust list file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.forms.model import Claim
from kiosk.identity import (
    Outcome,
    TrustListError,
    VerificationContext,
    identify,
    load_trust_list,
    parse_trust_list,
    trust_list_path,
)
from tests.identity.claim169_factory import NOW, ed25519_key, p256_key, trust_list_json

CONTEXT = VerificationContext(now=NOW)


def test_an_id_number_alone_is_unsigned_with_its_claims() -> None:
    found = identify(" 11010519491231002x ", CONTEXT)
    assert found.outcome is Outcome.UNSIGNED
    assert found.format == "prc_id_number"
    assert found.claims[Claim.ID_NUMBER] == "11010519491231002X"
    assert found.claims[Claim.BIRTH_DATE] == "1949-12-31"
    assert found.claims[Claim.GENDER] == "female"


def test_an_id_number_with_a_wrong_check_character_is_damaged() -> None:
    assert identify("110105194912310021", CONTEXT).outcome is Outcome.DAMAGED


def test_a_json_record_is_unsigned() -> None:
    text = json.dumps({"name": "Zoë Łukasz", "phone": "13800138000", "extra": 1})
    found = identify(text, CONTEXT)
    assert found.outcome is Outcome.UNSIGNED
    assert dict(found.claims) == {Claim.NAME: "Zoë Łukasz", Claim.PHONE: "13800138000"}


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("", Outcome.UNREADABLE),
        ("   ", Outcome.UNREADABLE),
        ("x" * 20_000, Outcome.UNREADABLE),
        ("https://example.org/page", Outcome.NOT_AN_ID),
        ("HTTP://EXAMPLE.ORG", Outcome.NOT_AN_ID),
        ("DEMO01-20261127-0042", Outcome.NOT_AN_ID),
        ('{"name": "a", "name": "b"}', Outcome.NOT_AN_ID),
        ('{"colour": "blue"}', Outcome.NOT_AN_ID),
        ("[1, 2]", Outcome.NOT_AN_ID),
        ("HC1:6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDEPWK G2EP4J0B", Outcome.NOT_AN_ID),
    ],
)
def test_texts_that_are_not_identity_codes(text: str, outcome: Outcome) -> None:
    assert identify(text, CONTEXT).outcome is outcome


def test_the_trust_list_file(tmp_path: Path) -> None:
    assert load_trust_list(trust_list_path(tmp_path)).issuers == ()
    key, other = ed25519_key(), p256_key()
    trust_list_path(tmp_path).write_text(
        trust_list_json([key.trust_entry(), other.trust_entry(revoked=True)]), encoding="utf-8"
    )
    trust = load_trust_list(trust_list_path(tmp_path))
    assert [k.algorithm for k in trust.issuers[0].keys] == ["EdDSA", "ES256"]
    assert trust.issuers[0].keys[1].revoked


@pytest.mark.parametrize(
    "change",
    [
        {"alg": "RS256"},
        {"kid": "not hex"},
        {"public_key": "AAAA"},
        {"revoked": "yes"},
        {"valid_from": "2026-01-01"},
    ],
)
def test_bad_trust_list_entries_are_refused(change: dict[str, object]) -> None:
    entry = {**ed25519_key().trust_entry(), **change}
    with pytest.raises(TrustListError):
        parse_trust_list(trust_list_json([entry]))


def test_a_key_of_the_wrong_algorithm_and_a_duplicate_kid_are_refused() -> None:
    with pytest.raises(TrustListError):
        parse_trust_list(trust_list_json([{**p256_key().trust_entry(), "alg": "EdDSA"}]))
    key = ed25519_key()
    with pytest.raises(TrustListError):
        parse_trust_list(trust_list_json([key.trust_entry(), key.trust_entry()]))
    with pytest.raises(TrustListError):
        parse_trust_list("[]")


def test_the_back_office_record_holds_no_personal_data() -> None:
    found = identify("11010519491231002X", CONTEXT)
    record = found.record(NOW)
    assert record["outcome"] == "unsigned"
    assert "11010519491231002X" not in json.dumps(record)
