"""The administrator's views over HTTP and at the terminal: kiosk health with
audit continuity, and statistics (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests

from central import admin_access
from cli.central_command import main as central_main
from tests.central.platform import Platform
from tests.central.test_api import _links, outcomes, record, submit


def admin_token(platform: Platform) -> str:
    with platform.database.transaction() as connection:
        return admin_access.create_admin_token(connection)


def get(platform: Platform, path: str, token: str | None) -> requests.Response:
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    return requests.get(f"{platform.url}/api/v1/admin/{path}", headers=headers, timeout=30)


def test_health_flags_a_kiosk_whose_audit_chain_was_rewritten(platform: Platform) -> None:
    token = admin_token(platform)
    honest = {"Authorization": f"Bearer {platform.credential('LQ03')}"}
    tampered = {"Authorization": f"Bearer {platform.credential('LQ04')}"}
    platform.enrolment_code("LQ05")  # registered, never synced
    url = f"{platform.url}/api/v1/audit-anchor"
    first = _links(3)
    for auth in (honest, tampered):
        assert requests.post(url, json={"links": first}, headers=auth, timeout=30).ok
    rewritten = _links(2, start=3, prev=first[1]["hash"])
    rewritten[0]["hash"] = "e" * 64
    assert (
        requests.post(url, json={"links": rewritten}, headers=tampered, timeout=30).status_code
        == 409
    )

    answer = get(platform, "health", token)

    assert answer.status_code == 200, answer.text
    by_code = {kiosk["code"]: kiosk for kiosk in answer.json()}
    assert by_code["LQ03"]["audit"] == "continuous"
    assert by_code["LQ03"]["audit_head_id"] == 3
    assert by_code["LQ04"]["audit"] == "broken"
    assert by_code["LQ04"]["audit_alerts"] == 1
    assert by_code["LQ05"]["audit"] == "never_anchored"
    assert by_code["LQ05"]["last_sync_at"] is None


def test_statistics_count_assisted_applications(platform: Platform) -> None:
    token = admin_token(platform)
    credential = platform.credential("LQ03")
    items = [
        record(assisted=False),
        record(assisted=True),
    ]
    assert outcomes(submit(platform, credential, items)) == ["stored", "stored"]

    figures = get(platform, "statistics", token).json()

    assert figures["applications"] == 2
    assert figures["assisted"] == 1
    assert figures["by_form"] == {"rural-pension-enrolment v1": 2}


@pytest.mark.parametrize("token", [None, "not-the-token"])
def test_admin_views_need_the_current_token(platform: Platform, token: str | None) -> None:
    admin_token(platform)
    for path in ("health", "statistics"):
        refused = get(platform, path, token)
        assert refused.status_code == 401
        assert refused.json()["code"] == "unauthenticated"


def test_a_new_token_replaces_the_old(platform: Platform) -> None:
    old = admin_token(platform)
    new = admin_token(platform)

    assert get(platform, "health", old).status_code == 401
    assert get(platform, "health", new).status_code == 200


def test_health_and_token_at_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    assert central_main(["--database", url, "--json", "kiosk-create", "LQ03"]) == 0
    assert central_main(["--database", url, "--json", "admin-token"]) == 0
    assert central_main(["--database", url, "--json", "health"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert len(json.loads(lines[1])["admin_token"]) >= 40
    health = json.loads(lines[2])
    assert [(kiosk["code"], kiosk["audit"]) for kiosk in health] == [("LQ03", "never_anchored")]
