"""Document photos over an emulated 2G link: time against bytes ÷ bandwidth, and resume cost.

A platform runs on loopback with a form asking for two document photos; a
kiosk holds N submitted applications with two photos of 250 KB each, sealed
as the kiosk keeps them. The kiosk's real sync code sends the applications,
then uploads the photos in chunks through :class:`bench.link_emulator.LinkEmulator`
(a 64 kbit/s pipe shared by both directions, 600 ms round trip), which cuts
the photo upload's connection once in the middle of a chunk; the uploader is
run again, asks where it stopped and resumes. The figures:

- ``ratio``: elapsed time over what the link needs just to carry the bytes
  it carried (bytes × 8 ÷ bandwidth); 1.0 would be a link busy with payload
  the whole time. Target ≤ 1.3.
- ``resent_bytes``: photo bytes sent more than once because of the cut,
  against one chunk (:data:`sync.protocol.ATTACHMENT_CHUNK_BYTES`). Target ≤ one chunk.

1,000 applications with two 250 KB photos are 500 MB: 17 hours of a real
64 kbit/s link. The link is therefore emulated time-compressed by
``--time-scale`` S: S times the bandwidth and 1/S of the latency, which keeps
every wait of the protocol (round trips per chunk against bytes per chunk) in
the proportion a real 2G link has. The kiosk's and the centre's own work
(sealing, hashing, the database) is not compressed, so it weighs S times more
than on a real link: the figure is pessimistic. Keep S at 10: on the 2 shared
cores, 100 applications gave 1.22× at ×10 but 1.41× at ×20 and 1.42× at ×30, a
run bound by that work rather than by the link (docs/BENCHMARKS.md).

Run: ``python -m bench.attachments_2g [--n 1000] [--time-scale 10]``; prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import requests

from bench.link_emulator import LinkEmulator
from bench.sync_2g import start_platform
from kiosk.applications import ApplicationStore
from kiosk.attachments import keep_photo
from kiosk.clock import FixedClock
from kiosk.store import open_database
from sync.attachment_upload import upload_attachments
from sync.client import CentralClient, CentralUnavailable, Timeouts
from sync.enrolment import enrol
from sync.outbox import OutboxSender
from sync.protocol import ATTACHMENT_CHUNK_BYTES
from sync.transport import HttpResponse, RequestsTransport, Transport

TARGET_RATIO = 1.3
BITS_PER_SECOND = 64_000.0
ONE_WAY_LATENCY_S = 0.3
PHOTO_BYTES = 250_000
FORM_ID = "document-photos"
PHOTO_FIELDS = ("hukou_page", "bank_card")
MAX_ROUNDS = 20


def _form() -> dict[str, object]:
    """A form with a name and two document photos (the bench's own, published on its platform)."""

    def text(zh: str, en: str) -> dict[str, str]:
        return {"zh_CN": zh, "en": en}

    fields: list[dict[str, object]] = [
        {"id": "full_name", "type": "text", "required": True, "label": text("姓名", "Name")}
    ]
    fields += [
        {"id": name, "type": "image", "required": True, "label": text("证件照片", "Photo")}
        for name in PHOTO_FIELDS
    ]
    return {
        "id": FORM_ID,
        "version": 1,
        "languages": ["zh_CN", "en"],
        "title": text("证件照片", "Document photos"),
        "pages": [{"id": "main", "fields": fields}],
    }


def photo(rng: random.Random) -> bytes:
    """250 KB that a JPEG reader would take for one, and that no compression shrinks."""
    head = b"\xff\xd8\xff\xe0"
    return head + rng.randbytes(PHOTO_BYTES - len(head))


@dataclass
class CountingTransport:
    """The kiosk's transport, adding up the photo chunks and bytes it puts on the wire;
    ``before_chunk`` is told each chunk's number before it leaves (a test breaks the
    link there)."""

    inner: Transport
    photo_bytes: int = 0
    chunks: int = 0
    before_chunk: Callable[[int], None] | None = field(default=None, repr=False)

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str],
        body: bytes | None,
        timeout: tuple[float, float],
    ) -> HttpResponse:
        """Count a chunk, then send it."""
        if method == "PUT" and "/attachments/" in url:
            self.chunks += 1
            self.photo_bytes += len(body or b"")
            if self.before_chunk is not None:
                self.before_chunk(self.chunks)
        return self.inner.request(method, url, headers=headers, body=body, timeout=timeout)


def main() -> None:
    """Measure and print one JSON line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--time-scale", type=float, default=10.0)
    args = parser.parse_args()
    scale = args.time_scale
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        os.environ.pop("KIOSK_CENTRAL_S3_BUCKET", None)  # the folder store: the default
        form_file = directory / f"{FORM_ID}.json"
        form_file.write_text(json.dumps(_form(), ensure_ascii=False), encoding="utf-8")
        server, code = start_platform(directory, form_file)
        clock = FixedClock(datetime(2026, 11, 27, 3, 30, tzinfo=UTC))
        db = open_database(directory / "kiosk.db", clock=clock).db
        client = CentralClient(server.url, RequestsTransport(requests.Session()))
        enrol(db, client, code, clock)
        store = ApplicationStore(db, clock, "LQ03")
        rng = random.Random(5)
        for number in range(args.n):
            draft = store.create_draft(FORM_ID, 1, "zh_CN")
            answers: dict[str, object] = {"full_name": f"申请人{number}"}
            for name in PHOTO_FIELDS:
                answers[name] = keep_photo(db, store.keys, clock, draft.uuid, name, photo(rng))
            store.submit(draft.uuid, answers)
        # Connection 1 carries the applications; connection 2, the first of the photos,
        # is cut half-way through its second chunk.
        link = LinkEmulator(
            upstream=("127.0.0.1", server.port),
            bits_per_second=BITS_PER_SECOND * scale,
            one_way_latency=ONE_WAY_LATENCY_S / scale,
            cut_connections=[2],
            cut_after=ATTACHMENT_CHUNK_BYTES * 3 // 2,
        )
        client.base_url = link.start()
        client.timeouts = Timeouts(connect=20, read=120)
        started = time.perf_counter()
        sender = OutboxSender(db, client, clock, random.Random(1), batch_size=500)
        sender.send_due()
        counting = CountingTransport(RequestsTransport(requests.Session()))
        client.transport = counting
        rounds, cuts, completed = 0, 0, 0
        while rounds < MAX_ROUNDS:
            rounds += 1
            try:
                completed += upload_attachments(db, client, clock, store.keys).completed
                break
            except CentralUnavailable:
                cuts += 1
                client.transport = counting = CountingTransport(
                    RequestsTransport(requests.Session()), counting.photo_bytes, counting.chunks
                )
        elapsed = time.perf_counter() - started
        link.stop()
        server.stop()
        photos_total = args.n * len(PHOTO_FIELDS) * PHOTO_BYTES
        link_seconds = link.carried * 8 / (BITS_PER_SECOND * scale)
        ratio = elapsed / link_seconds
        resent = counting.photo_bytes - photos_total
        print(
            json.dumps(
                {
                    "bench": "attachments_2g",
                    "applications": args.n,
                    "photos": completed,
                    "photo_bytes": PHOTO_BYTES,
                    "link_kbit_s": BITS_PER_SECOND / 1000,
                    "rtt_ms": round(ONE_WAY_LATENCY_S * 2000),
                    "time_scale": scale,
                    "chunk_bytes": ATTACHMENT_CHUNK_BYTES,
                    "connection_cuts": cuts,
                    "upload_rounds": rounds,
                    "bytes_carried": link.carried,
                    "seconds": round(elapsed, 2),
                    "link_seconds": round(link_seconds, 2),
                    "ratio": round(ratio, 3),
                    "target_ratio": TARGET_RATIO,
                    "resent_bytes": resent,
                    "met": ratio <= TARGET_RATIO
                    and 0 <= resent <= ATTACHMENT_CHUNK_BYTES
                    and completed == args.n * len(PHOTO_FIELDS),
                }
            )
        )


if __name__ == "__main__":
    main()
