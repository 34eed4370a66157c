"""Issue 13's findings on the central side, each through the real entry point."""

from __future__ import annotations

import base64
import json
import os
import secrets
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import argon2
import pytest
import requests
from pydantic import BaseModel

import sync.protocol
from central import statuses, unlock_secrets
from central.database import Database
from kiosk.forms.model import MAX_FORM_VERSION
from kiosk.staff import FLEET_PIN_LENGTH
from sync.protocol import ApplicationStatus
from tests.central.conftest import START
from tests.central.platform import PENSION_FORM, Platform, tracking_number
from tests.central.test_api import _links, outcomes, record, submit

INT64_MAX = 2**63 - 1


def _kiosk_central(
    *args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None
) -> Any:
    """The real ``kiosk-central`` command, as an administrator runs it."""
    script = Path(sys.executable).with_name("kiosk-central")
    return subprocess.run(
        [str(script), *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# Finding 4: a kiosk claiming another kiosk's tracking number.


def test_a_kiosk_cannot_claim_another_kiosks_tracking_number(platform: Platform) -> None:
    mine, intruder = platform.credential("LQ03"), platform.credential("LQ04")
    genuine = record()
    assert outcomes(submit(platform, mine, [genuine])) == ["stored"]
    stolen = record(kiosk="LQ04", tracking_number=genuine["tracking_number"])
    foreign = record(kiosk="LQ04", tracking_number=tracking_number("LQ03"))
    answer = submit(platform, intruder, [stolen, foreign])
    assert outcomes(answer) == ["refused", "refused"]
    reasons = [item["reason"] for item in answer.json()["results"]]
    assert all(reason.startswith("tracking_number_not_yours") for reason in reasons)
    with platform.database.transaction() as connection:
        statuses.set_status(
            connection, genuine["tracking_number"], ApplicationStatus.APPROVED, {}, START
        )
    assert platform.count("SELECT COUNT(*) FROM applications WHERE kiosk_code = 'LQ04'") == 0
    assert platform.count("SELECT COUNT(*) FROM status_updates WHERE kiosk_code = 'LQ03'") == 1


def test_a_wrong_check_character_and_a_reused_number_are_refused(platform: Platform) -> None:
    credential = platform.credential("LQ03")
    number = tracking_number("LQ03")
    wrong_check = number[:-1] + ("A" if number[-1] != "A" else "B")
    first, again = record(tracking_number=number), record(tracking_number=number)
    answer = submit(platform, credential, [record(tracking_number=wrong_check), first, again])
    assert outcomes(answer) == ["refused", "stored", "refused"]
    reasons = [item.get("reason") or "" for item in answer.json()["results"]]
    assert reasons[0].startswith("bad_tracking_number")
    assert reasons[2].startswith("tracking_number_conflict")
    assert platform.count("SELECT COUNT(*) FROM applications") == 1


def test_tracking_numbers_are_unique_in_the_database_itself(platform: Platform) -> None:
    credential = platform.credential("LQ03")
    item = record()
    assert outcomes(submit(platform, credential, [item])) == ["stored"]
    with pytest.raises(Exception, match=r"(?i)unique"), platform.database.transaction() as c:
        c.execute(
            "INSERT INTO applications (uuid, kiosk_code, form_id, form_version, language,"
            " tracking_number, submitted_at, assisted, answers, content_hash, received_at)"
            " SELECT 'other', kiosk_code, form_id, form_version, language, tracking_number,"
            " submitted_at, assisted, answers, content_hash, received_at FROM applications"
        )


# Finding 5: one form version bound, and publish refusing 10^30 cleanly.


def test_one_form_version_bound_everywhere(platform: Platform) -> None:
    schema = requests.get(f"{platform.url}/api/v1/openapi.json", timeout=30).json()
    path = schema["paths"]["/api/v1/forms/{form_id}/{version}"]["get"]
    version = next(p for p in path["parameters"] if p["name"] == "version")["schema"]
    record_schema = sync.protocol.ApplicationRecord.model_json_schema()
    assert version["maximum"] == MAX_FORM_VERSION
    assert record_schema["properties"]["form_version"]["maximum"] == MAX_FORM_VERSION
    auth = {"Authorization": f"Bearer {platform.credential('LQ03')}"}
    url = f"{platform.url}/api/v1/forms/rural-pension-enrolment/{MAX_FORM_VERSION + 1}"
    assert requests.get(url, headers=auth, timeout=30).status_code == 422


@pytest.mark.parametrize("version", [MAX_FORM_VERSION + 1, 10**30])
def test_publish_refuses_a_version_beyond_the_bound(
    database: Database, tmp_path: Path, version: int
) -> None:
    key = tmp_path / "signing.pem"
    assert _kiosk_central("generate-key", "--out", str(key), cwd=tmp_path).returncode == 0
    form = json.loads(PENSION_FORM.read_text(encoding="utf-8"))
    form["version"] = version
    path = tmp_path / "form.json"
    path.write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    done = _kiosk_central(
        "--database", database.url, "publish", str(path), "--key", str(key), cwd=tmp_path
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "OverflowError" not in done.stderr
    assert f"from 1 to {MAX_FORM_VERSION}" in done.stderr
    retired = _kiosk_central(
        "--database", database.url, "retire", "rural-pension-enrolment", str(version), cwd=tmp_path
    )
    assert retired.returncode == 1 and "Traceback" not in retired.stderr


# Finding 8: every integer of the protocol bounded.


def _integer_schemas(node: object) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        found = [node] if node.get("type") == "integer" else []
        return found + [s for value in node.values() for s in _integer_schemas(value)]
    if isinstance(node, list):
        return [s for value in node for s in _integer_schemas(value)]
    return []


def test_every_integer_of_the_protocol_has_bounds_a_database_can_store() -> None:
    models = [
        value
        for value in vars(sync.protocol).values()
        if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel
    ]
    integers = [s for model in models for s in _integer_schemas(model.model_json_schema())]
    assert len(integers) >= 12
    for schema in integers:
        if "const" in schema or "enum" in schema:
            continue  # one fixed value (a protocol version) is bounded by itself
        assert "maximum" in schema and schema["maximum"] <= INT64_MAX, schema
        assert "minimum" in schema and schema["minimum"] >= -INT64_MAX, schema


def test_an_integer_beyond_64_bits_is_a_422_never_a_500(platform: Platform) -> None:
    credential = platform.credential("LQ03")
    auth = {"Authorization": f"Bearer {credential}"}
    assert submit(platform, credential, [record()], backlog=2**63).status_code == 422
    anchor = f"{platform.url}/api/v1/audit-anchor"
    links = _links(1, 1)
    answer = requests.post(
        anchor, json={"links": links, "backlog": 2**63}, headers=auth, timeout=30
    )
    assert answer.status_code == 422
    huge_id = [{**links[0], "id": 2**63}]
    answer = requests.post(anchor, json={"links": huge_id}, headers=auth, timeout=30)
    assert answer.status_code == 422
    for path in ("status-updates", "trust-list"):
        answer = requests.get(
            f"{platform.url}/api/v1/{path}", params={"after": 2**63}, headers=auth, timeout=30
        )
        assert answer.status_code == 422


# Finding 12: no database text echoed; no ./central.db created by accident.


def test_a_database_error_is_answered_without_its_text(platform: Platform) -> None:
    credential = platform.credential("LQ03")
    with platform.database.transaction() as connection:
        connection.execute("DROP TABLE feedback")
    item = {"uuid": "00000000-0000-4000-8000-000000000001", "created_at": "2026-11-27T03:30:12Z"}
    answer = requests.post(
        f"{platform.url}/api/v1/feedback",
        json={"items": [{**item, "language": "zh_CN", "rating": 5}]},
        headers={"Authorization": f"Bearer {credential}"},
        timeout=30,
    )
    assert answer.status_code >= 500
    body = answer.json()
    assert body["code"] in {"database_error", "database_busy"}
    assert "feedback" not in body["message"] and "table" not in body["message"].lower()


def test_the_cli_without_database_never_creates_one_in_the_current_folder(
    tmp_path: Path,
) -> None:
    here, data = tmp_path / "here", tmp_path / "data"
    here.mkdir()
    done = _kiosk_central(
        "kiosk-create", "LQ03", cwd=here, env={"KIOSK_CENTRAL_DATA_DIR": str(data)}
    )
    assert done.returncode == 0, done.stderr
    assert list(here.iterdir()) == []
    assert (data / "central.db").exists()


# Finding 9: data files 0600 and folders 0700 under umask 022.


def test_central_db_and_its_folder_are_private_under_umask_022(tmp_path: Path) -> None:
    data = tmp_path / "new" / "data"
    script = Path(sys.executable).with_name("kiosk-central")
    done = subprocess.run(
        ["sh", "-c", f"umask 022 && exec {script} kiosk-create LQ03"],
        env={**os.environ, "KIOSK_CENTRAL_DATA_DIR": str(data)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE((data / "central.db").stat().st_mode) == 0o600
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for companion in data.glob("central.db-*"):
        assert stat.S_IMODE(companion.stat().st_mode) == 0o600, companion


def test_unlock_secrets_are_encrypted_at_rest_under_a_private_key_file(
    platform: Platform,
) -> None:
    credential = platform.credential("LQ03")
    auth = {"Authorization": f"Bearer {credential}"}
    url = f"{platform.url}/api/v1/unlock-secret"
    secret = base64.b64encode(secrets.token_bytes(32)).decode()
    assert requests.put(url, json={"secret": secret}, headers=auth, timeout=30).status_code == 200
    with platform.database.transaction() as connection:
        stored = str(connection.query("SELECT secret FROM unlock_secrets")[0][0])
    assert secret not in stored and base64.b64decode(secret).hex() not in stored
    key_file = unlock_secrets.key_path(platform.database)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert requests.get(url, headers=auth, timeout=30).json()["secret"] == secret
    with platform.database.transaction() as connection:  # a row from before encryption
        connection.execute("UPDATE unlock_secrets SET secret = ?", [secret])
    assert requests.get(url, headers=auth, timeout=30).json()["secret"] == secret


# Finding 3: fleet-wide PINs that a stolen kiosk cannot crack in less than years.


def _staff_add(
    database: Database, key: Path, kiosk_code: str, staff_id: str, pin: str, cwd: Path
) -> Any:
    command = ["--database", database.url, "staff", "add", "--id", staff_id, "--name", "X"]
    command += ["--role", "supervisor", "--kiosk", kiosk_code, "--key", str(key), "--pin-stdin"]
    return _kiosk_central(*command, cwd=cwd, stdin=f"{pin}\n")


def test_a_fleet_wide_account_needs_a_pin_that_takes_years_to_find_offline(
    platform: Platform, tmp_path: Path
) -> None:
    key = tmp_path / "signing.pem"  # start_platform keeps the platform's key here
    platform.enrolment_code("LQ03")  # registers the kiosk
    refused = _staff_add(platform.database, key, "*", "2001", "5678", tmp_path)
    assert refused.returncode == 1 and "fleet_pin_too_short" in refused.stderr
    assert "Traceback" not in refused.stderr
    local = _staff_add(platform.database, key, "LQ03", "2002", "5678", tmp_path)
    assert local.returncode == 0, local.stderr
    fleet = _staff_add(platform.database, key, "*", "2003", "8" * FLEET_PIN_LENGTH, tmp_path)
    assert fleet.returncode == 0, fleet.stderr

    auth = {"Authorization": f"Bearer {platform.credential('LQ04')}"}
    served = requests.get(f"{platform.url}/api/v1/staff", headers=auth, timeout=30).json()
    assert [record["staff_id"] for record in served["staff"]] == ["2003"]
    parameters = argon2.extract_parameters(served["staff"][0]["pin_hash"])
    assert parameters.type is argon2.Type.ID
    assert parameters.memory_cost >= 19 * 1024 and parameters.time_cost >= 2
    started = time.perf_counter()
    with pytest.raises(argon2.exceptions.VerificationError):
        argon2.PasswordHasher().verify(served["staff"][0]["pin_hash"], "0" * FLEET_PIN_LENGTH)
    one_guess = time.perf_counter() - started
    core_years = 10**FLEET_PIN_LENGTH / 2 * one_guess / (365 * 24 * 3600)
    print(f"one guess {one_guess * 1000:.1f} ms here: {core_years:,.0f} core-years on average")
    # docs/security.md: a fast attacker core at 10 ms a guess, a rig of 100 cores
    assert 10**FLEET_PIN_LENGTH / 2 * 0.010 / (365 * 24 * 3600) / 100 >= 1
