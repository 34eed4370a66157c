"""Document photos reach the centre whole and exactly once, whatever the link does.

A real kiosk database, its real sync code and a real platform on loopback,
with the fault proxy between them. The proxy breaks the upload of one chunk
in the middle of a photo, in each way it knows (request cut in its head or
its body, answer cut in its head or its body, answer lost after the centre
committed, connection reset or closed at once); after the link heals the
photo completes, the centre holds exactly the bytes taken, and the kiosk
sent at most one chunk twice.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from bench.attachments_2g import CountingTransport
from bench.fault_proxy import Fault, FaultProxy
from central import attachments as central_attachments
from central.attachment_store import FolderStore
from central.personal_data import load as load_protection
from kiosk.attachments import attachments_of, keep_photo
from kiosk.errors import InvalidStateError
from kiosk.photos import photo_digest
from sync.attachment_upload import upload_attachments
from sync.client import CentralUnavailable
from sync.outbox import OutboxSender
from sync.protocol import ATTACHMENT_CHUNK_BYTES
from tests.central.platform import Platform
from tests.sync.conftest import Kiosk

FORM = "minimum-living-allowance"
PHOTO_FIELD = "hukou_page"


def photo_bytes(seed: int = 3, side: int = 500) -> bytes:
    """A JPEG of noise: several chunks long, and unlike any other photo."""
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 255, (side, side, 3), dtype=np.uint8)
    ok, encoded = cv2.imencode(".jpg", pixels, [cv2.IMWRITE_JPEG_QUALITY, 90])
    assert ok
    return bytes(encoded)


def submit_with_photo(kiosk: Kiosk, data: bytes) -> str:
    """Submit an application whose photo field holds ``data``; its UUID."""
    draft = kiosk.store.create_draft(FORM, 1, "zh_CN")
    digest = keep_photo(kiosk.db, kiosk.store.keys, kiosk.clock, draft.uuid, PHOTO_FIELD, data)
    kiosk.store.submit(draft.uuid, {"full_name": "申请人", PHOTO_FIELD: digest})
    return draft.uuid


def send_applications(kiosk: Kiosk) -> None:
    """Send the outbox only (the photos wait for the test to send them)."""
    sender = OutboxSender(kiosk.db, kiosk.client, kiosk.clock, kiosk.worker.rng)
    assert sender.send_due().acknowledged >= 1


def held_at_centre(platform: Platform, uuid: str, data: bytes) -> bytes:
    """The photo as the centre stores it, opened."""
    store = FolderStore(platform.database.sqlite_path.with_name("attachments"))
    protection = load_protection(platform.database)
    return central_attachments.read_attachment(store, protection, uuid, photo_digest(data))


def test_a_photo_travels_after_its_application_and_arrives_whole(
    kiosk: Kiosk, platform: Platform
) -> None:
    data = photo_bytes()
    uuid = submit_with_photo(kiosk, data)

    report = kiosk.worker.run_once()

    assert report.online and report.error is None
    assert attachments_of(kiosk.db, uuid)[0].uploaded
    assert held_at_centre(platform, uuid, data) == data
    assert platform.count("SELECT COUNT(*) FROM attachment_chunks") == 0
    with platform.database.transaction() as connection:
        assert central_attachments.missing_attachments(connection, uuid) == 0


def test_an_application_waits_at_the_centre_until_its_photo_arrives(
    kiosk: Kiosk, platform: Platform
) -> None:
    uuid = submit_with_photo(kiosk, photo_bytes())

    send_applications(kiosk)

    with platform.database.transaction() as connection:
        assert central_attachments.missing_attachments(connection, uuid) == 1


def test_the_photo_on_disk_at_the_centre_is_encrypted(kiosk: Kiosk, platform: Platform) -> None:
    data = photo_bytes()
    uuid = submit_with_photo(kiosk, data)
    kiosk.worker.run_once()

    stored = platform.database.sqlite_path.with_name("attachments") / uuid
    (only,) = list(stored.iterdir())
    assert data[:64] not in only.read_bytes()
    assert only.stat().st_mode & 0o077 == 0


BREAKS = [
    pytest.param(Fault.CUT_REQUEST, 100, id="request cut in its head"),
    pytest.param(
        Fault.CUT_REQUEST, 400 + ATTACHMENT_CHUNK_BYTES // 2, id="request cut in its body"
    ),
    pytest.param(Fault.CUT_RESPONSE, 60, id="answer cut in its head"),
    pytest.param(Fault.CUT_RESPONSE, 200, id="answer cut in its body"),
    pytest.param(Fault.DROP_RESPONSE, 0, id="answer lost after commit"),
    pytest.param(Fault.RESET, 0, id="connection reset"),
    pytest.param(Fault.REFUSE, 0, id="closed at once"),
]


@pytest.mark.parametrize(("fault", "cut_after"), BREAKS)
def test_an_upload_cut_mid_photo_ends_exactly_once_resending_at_most_one_chunk(
    kiosk: Kiosk, platform: Platform, proxy: FaultProxy, fault: Fault, cut_after: int
) -> None:
    data = photo_bytes()
    assert len(data) > 3 * ATTACHMENT_CHUNK_BYTES
    uuid = submit_with_photo(kiosk, data)
    send_applications(kiosk)

    def break_the_link(chunk: int) -> None:
        if chunk == 2:
            proxy.fault = fault

    counting = CountingTransport(kiosk.client.transport, before_chunk=break_the_link)
    kiosk.client.transport = counting
    proxy.cut_after = cut_after

    with pytest.raises(CentralUnavailable):
        upload_attachments(kiosk.db, kiosk.client, kiosk.clock, kiosk.store.keys)
    assert not attachments_of(kiosk.db, uuid)[0].uploaded
    proxy.fault = Fault.PASS
    report = upload_attachments(kiosk.db, kiosk.client, kiosk.clock, kiosk.store.keys)

    assert report.completed == 1 and report.problems == ()
    assert held_at_centre(platform, uuid, data) == data
    assert platform.count("SELECT COUNT(*) FROM attachments WHERE completed_at IS NOT NULL") == 1
    assert platform.count("SELECT COUNT(*) FROM attachment_chunks") == 0
    assert counting.photo_bytes <= len(data) + ATTACHMENT_CHUNK_BYTES
    # A second pass finds nothing to send: the photo is never uploaded twice.
    assert upload_attachments(kiosk.db, kiosk.client, kiosk.clock, kiosk.store.keys).chunks == 0


def test_a_retaken_photo_replaces_the_first(kiosk: Kiosk) -> None:
    draft = kiosk.store.create_draft(FORM, 1, "zh_CN")
    keys = kiosk.store.keys
    keep_photo(kiosk.db, keys, kiosk.clock, draft.uuid, PHOTO_FIELD, photo_bytes(1))
    second = keep_photo(kiosk.db, keys, kiosk.clock, draft.uuid, PHOTO_FIELD, photo_bytes(2))

    (kept,) = attachments_of(kiosk.db, draft.uuid)
    assert kept.digest == second


def test_a_photo_is_sealed_at_rest(kiosk: Kiosk) -> None:
    data = photo_bytes()
    uuid = submit_with_photo(kiosk, data)

    files = [kiosk.path, kiosk.path.with_name(kiosk.path.name + "-wal")]
    raw = b"".join(path.read_bytes() for path in files if path.exists())
    assert attachments_of(kiosk.db, uuid)[0].size == len(data)
    assert data[100:164] not in raw


def test_only_a_draft_takes_photos_and_only_jpeg_or_webp(kiosk: Kiosk) -> None:
    uuid = submit_with_photo(kiosk, photo_bytes())
    with pytest.raises(InvalidStateError):
        keep_photo(kiosk.db, kiosk.store.keys, kiosk.clock, uuid, PHOTO_FIELD, photo_bytes(5))
    draft = kiosk.store.create_draft(FORM, 1, "zh_CN")
    with pytest.raises(ValueError, match="JPEG or WebP"):
        keep_photo(kiosk.db, kiosk.store.keys, kiosk.clock, draft.uuid, PHOTO_FIELD, b"GIF89a")


def test_a_photo_whose_question_was_dropped_is_not_sent(kiosk: Kiosk, platform: Platform) -> None:
    draft = kiosk.store.create_draft(FORM, 1, "zh_CN")
    keep_photo(kiosk.db, kiosk.store.keys, kiosk.clock, draft.uuid, PHOTO_FIELD, photo_bytes())
    kiosk.store.submit(draft.uuid, {"full_name": "申请人"})

    report = kiosk.worker.run_once()

    assert report.error is None
    assert attachments_of(kiosk.db, draft.uuid) == []
    assert platform.count("SELECT COUNT(*) FROM attachments") == 0
