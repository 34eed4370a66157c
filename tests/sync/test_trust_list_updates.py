"""The issuer trust list travels signed from the centre, with key rotation and revocation."""

from __future__ import annotations

import io
import json
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from central import signing, trust_list_registry
from central.usb_import import export_form_bundles
from cli.central_command import main as central_main
from kiosk.identity import Outcome, VerificationContext, identify, trust_list_path
from kiosk.identity.trust_store import installed_serial, kiosk_trust_list
from sync.enrolment import enrol
from sync.protocol import TrustListBundle, trust_list_signed_bytes
from sync.trust_list_updates import install_trust_list
from sync.usb_transfer import import_form_bundles
from tests.central.platform import Platform
from tests.identity.claim169_factory import (
    NOW,
    SigningKey,
    ed25519_key,
    p256_key,
    signed_code,
    trust_list_json,
)
from tests.qr.test_scan_and_verify import cli_main
from tests.sync.conftest import KIOSK_CODE, Kiosk, make_kiosk

ROTATED_AT = NOW - timedelta(days=30)


def publish(
    platform: Platform, tmp_path: Path, entries: list[dict[str, object]], issued: str
) -> int:
    """Publish a trust list with the administrator's key through the real command."""
    path = tmp_path / f"trust-{issued[:10]}.json"
    path.write_text(trust_list_json(entries, issued=issued), encoding="utf-8")
    key_file = tmp_path / "signing.pem"  # written by the platform fixture
    argv = ["--database", platform.database.url, "--json", "trust-list", "publish", str(path)]
    assert central_main([*argv, "--key", str(key_file)], clock=platform.clock) == 0
    with platform.database.transaction() as connection:
        newest = trust_list_registry.newest(connection)
    assert newest is not None
    return newest.serial


def outcome(kiosk: Kiosk, code: str) -> Outcome:
    """What the kiosk's trust list in force now says about a code."""
    trust = kiosk_trust_list(kiosk.db, kiosk.path.parent / "no-data-dir")
    return identify(code, VerificationContext(now=NOW, trust_list=trust)).outcome


def signed_before_rotation(key: SigningKey) -> str:
    """A card issued while `key` was the issuer's current key."""
    return signed_code(key, iat=int((ROTATED_AT - timedelta(days=100)).timestamp()))


def test_rotation_and_revocation_reach_the_kiosk_on_sync(
    kiosk: Kiosk, platform: Platform, tmp_path: Path
) -> None:
    old, new, stranger = ed25519_key(b"ed-2025"), p256_key(b"p256-2026"), ed25519_key(b"x")
    assert outcome(kiosk, signed_code(old)) is Outcome.UNKNOWN_ISSUER  # nothing installed yet
    publish(platform, tmp_path, [old.trust_entry()], "2026-01-01T00:00:00Z")
    assert kiosk.worker.run_once().trust_list == 1
    assert outcome(kiosk, signed_code(old)) is Outcome.VERIFIED
    # Rotation: the new key signs from now on, the old one keeps its cards valid.
    rotated = [
        old.trust_entry(valid_until=ROTATED_AT.isoformat()),
        new.trust_entry(valid_from=ROTATED_AT.isoformat()),
    ]
    publish(platform, tmp_path, rotated, "2026-10-28T00:00:00Z")
    assert kiosk.worker.run_once().trust_list == 2
    assert outcome(kiosk, signed_code(new)) is Outcome.VERIFIED
    assert outcome(kiosk, signed_before_rotation(old)) is Outcome.VERIFIED
    assert outcome(kiosk, signed_code(old)) is Outcome.UNKNOWN_ISSUER  # signed after retirement
    assert outcome(kiosk, signed_code(stranger)) is Outcome.UNKNOWN_ISSUER
    # Revocation: the old key leaked; every card it signed is refused, whatever its date.
    revoked = [
        old.trust_entry(valid_until=ROTATED_AT.isoformat(), revoked=True),
        new.trust_entry(valid_from=ROTATED_AT.isoformat()),
    ]
    publish(platform, tmp_path, revoked, "2026-11-20T00:00:00Z")
    report = kiosk.worker.run_once()
    assert report.online and report.trust_list == 3
    assert outcome(kiosk, signed_before_rotation(old)) is Outcome.KEY_REVOKED
    assert outcome(kiosk, signed_code(new)) is Outcome.VERIFIED
    assert kiosk.worker.run_once().trust_list is None  # nothing newer: nothing fetched again
    actions = [
        str(row[0])
        for row in kiosk.db.execute("SELECT action FROM audit WHERE subject = 'trust_list'")
    ]
    assert actions == ["trust_list_installed"] * 3


def newest_bundle(platform: Platform) -> TrustListBundle:
    """The newest published list as the centre serves it."""
    with platform.database.transaction() as connection:
        bundle = trust_list_registry.newest(connection)
    assert bundle is not None
    return bundle


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"signature": ""}, "unsigned"),
        ({"document": "TAMPERED"}, "bad_signature"),
        ({"serial": 7}, "bad_signature"),  # the serial is signed too
    ],
)
def test_unsigned_and_tampered_lists_are_refused_and_the_old_one_stays(
    kiosk: Kiosk, platform: Platform, tmp_path: Path, change: dict[str, object], reason: str
) -> None:
    key = ed25519_key()
    publish(platform, tmp_path, [key.trust_entry()], "2026-01-01T00:00:00Z")
    kiosk.worker.run_once()
    publish(platform, tmp_path, [key.trust_entry(revoked=True)], "2026-02-01T00:00:00Z")
    good = newest_bundle(platform)
    document = good.document.replace('"revoked":true', '"revoked":false')
    values = {**good.model_dump(), **change}
    if values["document"] == "TAMPERED":
        values["document"] = document
    forged = TrustListBundle.model_validate(values)
    assert install_trust_list(kiosk.db, forged, kiosk.clock) == reason
    assert install_trust_list(kiosk.db, forged, kiosk.clock) == reason  # remembered
    assert installed_serial(kiosk.db) == 1
    assert outcome(kiosk, signed_code(key)) is Outcome.VERIFIED  # the installed list is kept
    refusals = kiosk.db.execute(
        "SELECT details FROM audit WHERE action = 'trust_list_refused'"
    ).fetchall()
    assert [json.loads(row[0])["reason_code"] for row in refusals] == [reason]  # audited once


def test_an_older_list_cannot_bring_back_a_revoked_key(
    kiosk: Kiosk, platform: Platform, tmp_path: Path
) -> None:
    key = ed25519_key()
    publish(platform, tmp_path, [key.trust_entry()], "2026-01-01T00:00:00Z")
    before_revocation = newest_bundle(platform)
    publish(platform, tmp_path, [key.trust_entry(revoked=True)], "2026-02-01T00:00:00Z")
    kiosk.worker.run_once()
    assert installed_serial(kiosk.db) == 2
    assert install_trust_list(kiosk.db, before_revocation, kiosk.clock) == "rollback"
    assert outcome(kiosk, signed_code(key)) is Outcome.KEY_REVOKED


def test_a_signed_but_invalid_list_is_refused(kiosk: Kiosk, platform: Platform) -> None:
    document = json.dumps({"format": "township-kiosk-trust-list", "version": 9})
    bundle = TrustListBundle(
        serial=1,
        document=document,
        signature=signing.sign(platform.key, trust_list_signed_bytes(1, document)),
        published_at="2026-11-27T00:00:00.000000Z",
    )
    assert install_trust_list(kiosk.db, bundle, kiosk.clock) == "invalid"
    assert installed_serial(kiosk.db) == 0


def test_the_list_arrives_with_the_form_bundles_on_a_usb_stick(
    platform: Platform, tmp_path: Path
) -> None:
    offline = make_kiosk(tmp_path / "offline.db", platform.url)  # enrols, then no network
    enrol(offline.db, offline.client, platform.enrolment_code(KIOSK_CODE), offline.clock)
    stick = tmp_path / "forms.json"
    stick.write_text(export_form_bundles(platform.database).model_dump_json(exclude_none=True))
    assert "trust_list" not in json.loads(stick.read_text())  # old kiosks still read it
    key = ed25519_key()
    publish(platform, tmp_path, [key.trust_entry(revoked=True)], "2026-03-01T00:00:00Z")
    argv = ["--database", platform.database.url, "export-forms", "--out", str(stick)]
    assert central_main(argv, clock=platform.clock) == 0
    report = import_form_bundles(offline.db, stick, offline.clock)
    assert report.trust_list == "installed"
    assert outcome(offline, signed_code(key)) is Outcome.KEY_REVOKED
    assert import_form_bundles(offline.db, stick, offline.clock).trust_list == "unchanged"


def test_the_local_file_is_a_fallback_and_can_only_take_trust_away(
    kiosk: Kiosk, platform: Platform, tmp_path: Path
) -> None:
    key, other = ed25519_key(), ed25519_key(b"ed-2027")
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    local = trust_list_path(data_dir)
    local.write_text(trust_list_json([key.trust_entry()], issued="2026-05-01T00:00:00Z"))

    def status(signing: SigningKey) -> Outcome:
        trust = kiosk_trust_list(kiosk.db, data_dir)
        return identify(signed_code(signing), VerificationContext(NOW, trust)).outcome

    assert status(key) is Outcome.VERIFIED  # fallback: no signed list yet
    entries = [key.trust_entry(revoked=True), other.trust_entry()]
    publish(platform, tmp_path, entries, "2026-06-01T00:00:00Z")
    kiosk.worker.run_once()
    assert status(key) is Outcome.KEY_REVOKED
    # A file claiming to be issued in 2099 cannot bring back the revoked key.
    local.write_text(trust_list_json([key.trust_entry()], issued="2099-01-01T00:00:00Z"))
    assert status(key) is Outcome.KEY_REVOKED
    assert status(other) is Outcome.VERIFIED
    # Nor add a key of its own.
    stranger = ed25519_key(b"stranger")
    local.write_text(trust_list_json([stranger.trust_entry()], issued="2099-01-01T00:00:00Z"))
    assert status(stranger) is Outcome.UNKNOWN_ISSUER
    # It can revoke, whatever its date: support's way on a kiosk with no link.
    local.write_text(
        trust_list_json([other.trust_entry(revoked=True)], issued="2020-01-01T00:00:00Z")
    )
    assert status(other) is Outcome.KEY_REVOKED
    local.write_text("{not json")
    assert status(other) is Outcome.VERIFIED  # a broken file is ignored (and logged)


def test_verify_id_at_a_terminal_uses_the_kiosks_signed_list(
    kiosk: Kiosk,
    platform: Platform,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key = ed25519_key()
    publish(platform, tmp_path, [key.trust_entry(revoked=True)], "2026-04-01T00:00:00Z")
    kiosk.worker.run_once()
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdin", io.StringIO(signed_code(key)))
    data_dir = kiosk.path.parent  # the kiosk's database is kiosk.db in it
    argv = ["--data-dir", str(data_dir), "verify-id", "--at", NOW.isoformat()]
    assert cli_main(argv) == 1
    assert json.loads(capsys.readouterr().out)["outcome"] == "key_revoked"
