"""The attachment upload API over HTTP (SQLite and PostgreSQL), and the console's photo view.

Chunks are sent with plain HTTP requests, as any client would: the offset
rule, the bounds, the digest check, whose photo is whose; then an officer
sees the photo (audited) and one without the service does not.
"""

from __future__ import annotations

import uuid as uuid_module

import pytest
import requests

from central.console.accounts import Role
from kiosk.photos import photo_digest
from sync.protocol import ATTACHMENT_CHUNK_BYTES
from tests.central.platform import Platform
from tests.central.test_api import record, submit
from tests.central.test_console import KIOSK, add, console, sign_in, tracking_number
from tests.sync.test_attachment_upload import photo_bytes

FORM = "minimum-living-allowance"


def application_with_photo(platform: Platform, credential: str, data: bytes) -> str:
    """Send an application whose photo field names ``data``; its UUID."""
    item = record(
        uuid=str(uuid_module.uuid4()),
        form_id=FORM,
        tracking_number=tracking_number(KIOSK, 1),
        answers={"full_name": "张三", "hukou_page": photo_digest(data)},
    )
    assert submit(platform, credential, [item]).status_code == 200
    return str(item["uuid"])


def put(
    platform: Platform, credential: str, uuid: str, data: bytes, offset: int, chunk: bytes
) -> requests.Response:
    url = f"{platform.url}/api/v1/applications/{uuid}/attachments/{photo_digest(data)}"
    return requests.put(
        url,
        params={"offset": offset, "size": len(data)},
        data=chunk,
        headers={"Authorization": f"Bearer {credential}"},
        timeout=30,
    )


def upload(platform: Platform, credential: str, uuid: str, data: bytes) -> dict[str, object]:
    status: dict[str, object] = {"received": 0, "complete": False}
    while not status["complete"]:
        offset = int(str(status["received"]))
        chunk = data[offset : offset + ATTACHMENT_CHUNK_BYTES]
        answer = put(platform, credential, uuid, data, offset, chunk)
        assert answer.status_code == 200, answer.text
        status = answer.json()
    return status


def test_a_chunk_not_at_the_received_offset_changes_nothing(platform: Platform) -> None:
    credential = platform.credential(KIOSK)
    data = photo_bytes()
    uuid = application_with_photo(platform, credential, data)
    first = data[:ATTACHMENT_CHUNK_BYTES]

    assert put(platform, credential, uuid, data, 0, first).json()["received"] == len(first)
    again = put(platform, credential, uuid, data, 0, first).json()
    ahead = put(platform, credential, uuid, data, len(first) + 1, first[:100]).json()

    assert again["received"] == ahead["received"] == len(first)
    assert platform.count("SELECT COUNT(*) FROM attachment_chunks") == 1


def test_a_photo_that_does_not_match_its_digest_is_thrown_away(platform: Platform) -> None:
    credential = platform.credential(KIOSK)
    data = photo_bytes()
    uuid = application_with_photo(platform, credential, data)
    forged = bytearray(data)
    forged[-1] ^= 0xFF
    last = (len(data) // ATTACHMENT_CHUNK_BYTES) * ATTACHMENT_CHUNK_BYTES
    for offset in range(0, last, ATTACHMENT_CHUNK_BYTES):
        put(
            platform, credential, uuid, data, offset, data[offset : offset + ATTACHMENT_CHUNK_BYTES]
        )

    refused = put(platform, credential, uuid, data, last, bytes(forged[last:]))

    assert refused.status_code == 422 and refused.json()["code"] == "digest_mismatch"
    assert platform.count("SELECT COUNT(*) FROM attachment_chunks") == 0
    assert upload(platform, credential, uuid, data)["complete"] is True


@pytest.mark.parametrize(
    ("offset", "size_change", "status", "code"),
    [
        (0, 1, 200, None),  # the first chunk fixes the size...
        (0, -10, 422, "chunk_too_long"),  # ...and a chunk may not run past it
    ],
)
def test_sizes_are_bounded(
    platform: Platform, offset: int, size_change: int, status: int, code: str | None
) -> None:
    credential = platform.credential(KIOSK)
    data = photo_bytes()
    uuid = application_with_photo(platform, credential, data)
    url = f"{platform.url}/api/v1/applications/{uuid}/attachments/{photo_digest(data)}"
    chunk = data[:ATTACHMENT_CHUNK_BYTES]

    answer = requests.put(
        url,
        params={"offset": offset, "size": len(chunk) + size_change},
        data=chunk,
        headers={"Authorization": f"Bearer {credential}"},
        timeout=30,
    )

    assert answer.status_code == status
    if code is not None:
        assert answer.json()["code"] == code


def test_a_chunk_over_the_limit_is_refused_before_it_is_read(platform: Platform) -> None:
    credential = platform.credential(KIOSK)
    data = photo_bytes()
    uuid = application_with_photo(platform, credential, data)

    answer = put(platform, credential, uuid, data, 0, data[: ATTACHMENT_CHUNK_BYTES + 1])

    assert answer.status_code == 413 and answer.json()["code"] == "body_too_large"


def test_only_the_sending_kiosk_uploads_and_only_photos_its_answers_name(
    platform: Platform,
) -> None:
    credential = platform.credential(KIOSK)
    other = platform.credential("LQ04")
    data = photo_bytes()
    uuid = application_with_photo(platform, credential, data)
    chunk = data[:ATTACHMENT_CHUNK_BYTES]

    assert put(platform, other, uuid, data, 0, chunk).status_code == 404
    stranger = photo_bytes(9)
    answer = put(platform, credential, uuid, stranger, 0, stranger[:100])
    assert answer.status_code == 404 and answer.json()["code"] == "unknown_attachment"


def test_an_officer_sees_the_photo_once_it_arrived_and_each_look_is_audited(
    platform: Platform,
) -> None:
    credential = platform.credential(KIOSK)
    data = photo_bytes()
    uuid = application_with_photo(platform, credential, data)
    add(platform, "officer", Role.OFFICER, language="en")
    add(platform, "pensions", Role.OFFICER, services=("rural-pension-enrolment",))
    browser = sign_in(platform, "officer")

    waiting = browser.get(console(platform, f"applications/{uuid}"), timeout=30)
    assert "Waiting for 1 document photo(s)" in waiting.text
    assert photo_digest(data) not in waiting.text.split('<dl class="answers">')[1][:2000]
    upload(platform, credential, uuid, data)
    page = browser.get(console(platform, f"applications/{uuid}"), timeout=30)
    photo_url = console(platform, f"applications/{uuid}/photos/{photo_digest(data)}")
    shown = browser.get(photo_url, timeout=30)

    assert "Waiting for" not in page.text and "<img" in page.text
    assert shown.status_code == 200 and shown.content == data
    assert shown.headers["content-type"] == "image/jpeg"
    assert shown.headers["cache-control"] == "no-store"
    assert (
        platform.count(
            "SELECT COUNT(*) FROM console_audit WHERE action = 'attachment.view' AND target = ?",
            (uuid,),
        )
        == 1
    )
    refused = sign_in(platform, "pensions").get(photo_url, timeout=30)
    assert refused.status_code == 403 and data[:100] not in refused.content
