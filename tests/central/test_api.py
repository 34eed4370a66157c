"""The central API over HTTP, on SQLite and on PostgreSQL: happy paths and clear 4xx."""

from __future__ import annotations

import base64
import gzip
import json
import uuid
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from central import form_registry, kiosk_registry, signing, statuses
from sync.protocol import ApplicationStatus, bundle_signed_bytes
from tests.central.platform import Platform, tracking_number

FORM = "rural-pension-enrolment"


def record(kiosk: str = "LQ03", **changes: Any) -> dict[str, Any]:
    """One application as ``kiosk`` sends it, under a tracking number of its own."""
    item: dict[str, Any] = {
        "uuid": str(uuid.uuid4()),
        "form_id": FORM,
        "form_version": 1,
        "language": "zh_CN",
        "tracking_number": tracking_number(kiosk),
        "submitted_at": "2026-11-27T03:30:12.000000Z",
        "assisted": False,
        "answers": {"name": "张三"},
    }
    item.update(changes)
    return item


def submit(
    platform: Platform, credential: str | None, items: list[dict[str, Any]], **extra: Any
) -> requests.Response:
    """POST a gzip batch."""
    body = gzip.compress(json.dumps({"items": items, **extra}).encode())
    headers = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
    if credential is not None:
        headers["Authorization"] = f"Bearer {credential}"
    return requests.post(
        f"{platform.url}/api/v1/applications/batch", data=body, headers=headers, timeout=30
    )


def outcomes(response: requests.Response) -> list[str]:
    """The outcome of each item, in order."""
    assert response.status_code == 200, response.text
    return [item["outcome"] for item in response.json()["results"]]


def test_enrolment_code_works_once_and_hands_out_the_signing_key(platform: Platform) -> None:
    code = platform.enrolment_code("LQ03")
    url = f"{platform.url}/api/v1/enrolment"
    first = requests.post(url, json={"enrolment_code": code}, timeout=30)
    assert first.status_code == 200
    assert first.json()["kiosk_code"] == "LQ03"
    assert first.json()["signing_public_key"] == signing.public_key_text(platform.key)
    again = requests.post(url, json={"enrolment_code": code}, timeout=30)
    assert again.status_code == 403
    assert again.json()["code"] == "enrolment_code_invalid"


def test_a_batch_is_stored_once_however_often_it_is_sent(platform: Platform) -> None:
    credential = platform.credential("LQ03")
    items = [record(), record()]
    assert outcomes(submit(platform, credential, items)) == ["stored", "stored"]
    assert outcomes(submit(platform, credential, items)) == ["already_stored"] * 2
    assert outcomes(submit(platform, credential, list(reversed(items)))) == ["already_stored"] * 2
    assert platform.count("SELECT COUNT(*) FROM applications") == 2


def test_refusals_are_per_item_with_a_reason(platform: Platform) -> None:
    credential = platform.credential("LQ03")
    stored = record()
    assert outcomes(submit(platform, credential, [stored])) == ["stored"]
    changed = {**stored, "answers": {"name": "李四"}}
    unknown = record(form_id="no-such-form")
    twice = record()
    answer = submit(platform, credential, [changed, unknown, twice, twice])
    assert outcomes(answer) == ["refused", "refused", "stored", "already_stored"]
    reasons = [item["reason"] for item in answer.json()["results"][:2]]
    assert reasons[0].startswith("uuid_conflict")
    assert reasons[1].startswith("unknown_form")


def test_another_kiosk_cannot_claim_a_stored_uuid(platform: Platform) -> None:
    item = record()
    assert outcomes(submit(platform, platform.credential("LQ03"), [item])) == ["stored"]
    claimed = {**item, "tracking_number": tracking_number("LQ04")}
    answer = submit(platform, platform.credential("LQ04"), [claimed])
    assert outcomes(answer) == ["refused"]
    assert answer.json()["results"][0]["reason"].startswith("uuid_conflict")


@pytest.mark.parametrize(
    ("credential", "status"),
    [(None, 401), ("LQ03.not-the-right-secret-at-all", 401), ("garbage", 401)],
)
def test_unauthenticated_requests_get_401(
    platform: Platform, credential: str | None, status: int
) -> None:
    platform.credential("LQ03")
    assert submit(platform, credential, [record()]).status_code == status
    headers = {} if credential is None else {"Authorization": f"Bearer {credential}"}
    assert (
        requests.get(f"{platform.url}/api/v1/forms", headers=headers, timeout=30).status_code == 401
    )


def test_a_revoked_kiosk_gets_403(platform: Platform) -> None:
    credential = platform.credential("LQ03")
    with platform.database.transaction() as connection:
        kiosk_registry.revoke(connection, "LQ03", platform.clock.now())
    answer = submit(platform, credential, [record()])
    assert answer.status_code == 403
    assert answer.json()["code"] == "kiosk_revoked"


def _post(platform: Platform, body: bytes, headers: dict[str, str]) -> requests.Response:
    return requests.post(
        f"{platform.url}/api/v1/applications/batch", data=body, headers=headers, timeout=30
    )


def test_bad_bodies_get_a_clear_4xx_never_a_500(platform: Platform) -> None:
    auth = {"Authorization": f"Bearer {platform.credential('LQ03')}"}
    gz = {**auth, "Content-Encoding": "gzip"}
    cases: list[tuple[bytes, dict[str, str], int]] = [
        (b"not gzip at all", gz, 400),
        (gzip.compress(b"{ not json"), gz, 422),
        (gzip.compress(b'{"items": []}'), gz, 422),
        (gzip.compress(b'{"items": [{"uuid": 1}]}'), gz, 422),
        (gzip.compress(json.dumps({"items": [record(uuid="NOT-A-UUID")]}).encode()), gz, 422),
        (gzip.compress(b"[]"), gz, 422),
        (b"{}", {**auth, "Content-Encoding": "br"}, 415),
        (gzip.compress(b" " * (5 * 1024 * 1024)), gz, 413),
        (b" " * (5 * 1024 * 1024), auth, 413),
        (gzip.compress(b"{}")[:10], gz, 400),
    ]
    for body, headers, status in cases:
        answer = _post(platform, body, headers)
        assert answer.status_code == status, (body[:40], answer.text)
        assert "code" in answer.json()


def test_malformed_paths_and_queries_get_4xx(platform: Platform) -> None:
    auth = {"Authorization": f"Bearer {platform.credential('LQ03')}"}
    for path in (
        "/forms/BAD%20ID/1",
        "/forms/x/0",
        "/forms/x/notanumber",
        "/forms/x/1",
        "/status-updates?after=-1",
        "/status-updates?limit=100000",
        "/nothing-here",
    ):
        answer = requests.get(f"{platform.url}/api/v1{path}", headers=auth, timeout=30)
        assert 400 <= answer.status_code < 500, path
    enrol = requests.post(f"{platform.url}/api/v1/enrolment", data=b"\xff\xfe", timeout=30)
    assert enrol.status_code == 422


def test_form_bundles_are_listed_and_signed(platform: Platform) -> None:
    auth = {"Authorization": f"Bearer {platform.credential('LQ03')}"}
    listed = requests.get(f"{platform.url}/api/v1/forms", headers=auth, timeout=30).json()
    ids = {(b["form_id"], b["version"]) for b in listed["bundles"]}
    assert (FORM, 1) in ids
    bundle = requests.get(f"{platform.url}/api/v1/forms/{FORM}/1", headers=auth, timeout=30).json()
    key = Ed25519PublicKey.from_public_bytes(
        base64.b64decode(signing.public_key_text(platform.key))
    )
    key.verify(
        base64.b64decode(bundle["signature"]),
        bundle_signed_bytes(FORM, 1, bundle["definition"]),
    )
    with platform.database.transaction() as connection:
        form_registry.retire(connection, FORM, 1, platform.clock.now())
    listed = requests.get(f"{platform.url}/api/v1/forms", headers=auth, timeout=30).json()
    assert [b["retired"] for b in listed["bundles"] if b["form_id"] == FORM] == [True]


def test_status_feed_pages_by_cursor_and_only_shows_own_applications(platform: Platform) -> None:
    mine, theirs = platform.credential("LQ03"), platform.credential("LQ04")
    items = [record() for _ in range(3)]
    assert outcomes(submit(platform, mine, items)) == ["stored"] * 3
    assert outcomes(submit(platform, theirs, [record(kiosk="LQ04")])) == ["stored"]
    with platform.database.transaction() as connection:
        for item in items:
            statuses.set_status(
                connection,
                item["tracking_number"],
                ApplicationStatus.IN_REVIEW,
                {},
                platform.clock.now(),
            )
        statuses.set_status(
            connection,
            items[0]["uuid"],
            ApplicationStatus.REJECTED,
            {"en": "Income too high", "zh_CN": "收入超过标准"},
            platform.clock.now(),
        )
    auth = {"Authorization": f"Bearer {mine}"}
    url = f"{platform.url}/api/v1/status-updates"
    page = requests.get(url, params={"limit": 3}, headers=auth, timeout=30).json()
    assert len(page["updates"]) == 3 and page["more"] is True
    rest = requests.get(url, params={"after": page["next_cursor"]}, headers=auth, timeout=30).json()
    assert [u["status"] for u in rest["updates"]] == ["rejected"]
    assert rest["updates"][0]["note"]["zh_CN"] == "收入超过标准"
    assert rest["more"] is False
    other = requests.get(url, headers={"Authorization": f"Bearer {theirs}"}, timeout=30).json()
    assert other["updates"] == []


def _links(count: int, start: int = 1, prev: str = "0" * 64) -> list[dict[str, Any]]:
    links = []
    for number in range(start, start + count):
        digest = f"{number:064x}"
        links.append({"id": number, "prev_hash": prev, "hash": digest})
        prev = digest
    return links


def test_audit_anchor_accepts_continuations_and_refuses_a_rewritten_chain(
    platform: Platform,
) -> None:
    auth = {"Authorization": f"Bearer {platform.credential('LQ03')}"}
    url = f"{platform.url}/api/v1/audit-anchor"
    first = _links(3)
    answer = requests.post(url, json={"links": first}, headers=auth, timeout=30)
    assert answer.json()["head_id"] == 3
    again = requests.post(url, json={"links": first}, headers=auth, timeout=30)
    assert again.status_code == 200
    more = _links(2, start=4, prev=first[-1]["hash"])
    assert requests.post(url, json={"links": more}, headers=auth, timeout=30).json()["head_id"] == 5
    forged = _links(2, start=6, prev="f" * 64)
    refused = requests.post(url, json={"links": forged}, headers=auth, timeout=30)
    assert refused.status_code == 409
    assert refused.json()["code"] == "audit_chain_broken"


def test_openapi_schema_is_served_with_the_protocol_models(platform: Platform) -> None:
    schema = requests.get(f"{platform.url}/api/v1/openapi.json", timeout=30).json()
    assert "/api/v1/applications/batch" in schema["paths"]
    assert "SubmitResult" in schema["components"]["schemas"]
    assert requests.get(f"{platform.url}/api/v1/health", timeout=30).json()["status"] == "ok"


def test_text_the_database_cannot_hold_is_refused_not_crashed(platform: Platform) -> None:
    code = platform.enrolment_code("LQ03")
    url = f"{platform.url}/api/v1/enrolment"
    bad_key = {"enrolment_code": code, "kiosk_public_key": "\u0000" * 44}
    assert requests.post(url, json=bad_key, timeout=30).status_code == 422
    credential = platform.credential("LQ04")
    nul = record(kiosk="LQ04", answers={"name\u0000": "\u0000"})
    assert outcomes(submit(platform, credential, [nul])) == ["stored"]
