"""``kiosk-central`` administers the same store the API serves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from central.database import Database
from cli.central_command import main
from kiosk.clock import FixedClock
from tests.central.platform import PENSION_FORM


def run(database: Database, clock: FixedClock, *args: str) -> int:
    """Run one command on the test database."""
    return main(["--database", database.url, "--json", *args], clock=clock)


def output(capsys: pytest.CaptureFixture[str]) -> object:
    """The JSON the last command printed."""
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_admin_round_trip(
    database: Database, clock: FixedClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = tmp_path / "signing.pem"
    assert run(database, clock, "generate-key", "--out", str(key)) == 0
    assert run(database, clock, "publish", str(PENSION_FORM), "--key", str(key)) == 0
    assert output(capsys) == {"form_id": "rural-pension-enrolment", "version": 1, "created": True}
    assert run(database, clock, "publish", str(PENSION_FORM), "--key", str(key)) == 0
    assert output(capsys) == {"form_id": "rural-pension-enrolment", "version": 1, "created": False}
    assert run(database, clock, "kiosk-create", "LQ03", "--name", "Longquan") == 0
    assert run(database, clock, "enrolment-code", "LQ03") == 0
    code = output(capsys)
    assert isinstance(code, dict) and len(code["enrolment_code"]) == 16
    assert run(database, clock, "kiosks") == 0
    kiosks = output(capsys)
    assert isinstance(kiosks, list) and kiosks[0]["code"] == "LQ03"
    assert run(database, clock, "retire", "rural-pension-enrolment", "1") == 0
    assert run(database, clock, "kiosk-revoke", "LQ03") == 0
    assert run(database, clock, "kiosk-revoke", "LQ03") == 1
    assert run(database, clock, "stats") == 0
    stats = output(capsys)
    assert isinstance(stats, dict) and stats["kiosks_revoked"] == 1


def test_invalid_forms_and_unknown_things_are_refused(
    database: Database, clock: FixedClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = tmp_path / "signing.pem"
    assert run(database, clock, "generate-key", "--out", str(key)) == 0
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "x", "version": 0}', encoding="utf-8")
    assert run(database, clock, "publish", str(broken), "--key", str(key)) == 1
    changed = tmp_path / "changed.json"
    data = json.loads(PENSION_FORM.read_text(encoding="utf-8"))
    assert run(database, clock, "publish", str(PENSION_FORM), "--key", str(key)) == 0
    data["title"]["en"] = "Changed without a new version"
    changed.write_text(json.dumps(data), encoding="utf-8")
    assert run(database, clock, "publish", str(changed), "--key", str(key)) == 1
    assert run(database, clock, "enrolment-code", "NOPE") == 1
    assert run(database, clock, "set-status", "LQ03-261127-0001-K", "approved") == 1
    assert run(database, clock, "retire", "rural-pension-enrolment", "9") == 1
    assert "refused" in capsys.readouterr().err


def test_trust_list_publish_and_show(
    database: Database, clock: FixedClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.identity.claim169_factory import ed25519_key, trust_list_json

    key_file = tmp_path / "signing.pem"
    assert run(database, clock, "generate-key", "--out", str(key_file)) == 0
    assert run(database, clock, "trust-list", "show") == 1  # nothing published yet
    issuer_key = ed25519_key(b"ed-2026")
    trust_file = tmp_path / "trust-list.json"
    trust_file.write_text(trust_list_json([issuer_key.trust_entry(revoked=True)]))
    publish = ("trust-list", "publish", str(trust_file), "--key", str(key_file))
    published = {"serial": 1, "created": True, "issuers": 1, "keys": 1, "revoked_keys": 1}
    assert run(database, clock, *publish) == 0
    assert output(capsys) == published
    assert run(database, clock, *publish) == 0  # the same text again: nothing new
    assert output(capsys) == {**published, "created": False}
    assert run(database, clock, "trust-list", "show") == 0
    shown = output(capsys)
    assert isinstance(shown, dict) and shown["serial"] == 1
    assert shown["issuers"][0]["keys"][0] == {
        "kid": b"ed-2026".hex(),
        "alg": "EdDSA",
        "revoked": True,
        "valid_from": None,
        "valid_until": None,
    }
    trust_file.write_text('{"format": "township-kiosk-trust-list", "version": 1, "issuers": 3}')
    assert run(database, clock, *publish) == 1
    assert "issued" in capsys.readouterr().err
