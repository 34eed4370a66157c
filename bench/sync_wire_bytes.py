"""Bytes on the wire per submission: our gzip JSON batches against OpenRosa.

OpenRosa (ODK Collect's format) posts each submission on its own as
``multipart/form-data`` with the instance as an XML file part, uncompressed.
Both requests are built by ``requests`` itself and measured as they would be
written to the socket: request line, headers and body. The target is a ratio
(ours ÷ OpenRosa) of at most 0.5 for batches as the outbox worker sends them.

Run: ``python -m bench.sync_wire_bytes [--n 500] [--batch 100]``; prints one JSON line.
"""

from __future__ import annotations

import argparse
import gzip
import json
from typing import Any
from xml.sax.saxutils import escape

import requests

from bench.sync_sample import records
from sync.protocol import ApplicationRecord, SubmitBatch

TARGET_RATIO = 0.5
_URL = "https://central.example.org"


def _wire_size(request: requests.PreparedRequest) -> int:
    path = str(request.path_url)
    head = f"{request.method} {path} HTTP/1.1\r\nHost: central.example.org\r\n"
    lines = (f"{name}: {value!s}\r\n" for name, value in request.headers.items())
    head += "".join(lines) + "\r\n"
    body = request.body
    size = len(body) if isinstance(body, bytes | str) else 0
    return len(head.encode()) + size


def _xml_value(name: str, value: Any) -> str:
    if isinstance(value, dict):
        inner = "".join(_xml_value(key, item) for key, item in value.items())
        return f"<{name}>{inner}</{name}>"
    if isinstance(value, list):
        value = " ".join(str(item) for item in value)
    elif isinstance(value, bool):
        value = "yes" if value else "no"
    return f"<{name}>{escape(str(value))}</{name}>"


def openrosa_request(record: ApplicationRecord) -> requests.PreparedRequest:
    """One OpenRosa submission, as ODK Collect sends it."""
    fields = "".join(_xml_value(key, value) for key, value in record.answers.items())
    xml = (
        "<?xml version='1.0' ?>"
        f'<data id="{record.form_id}" version="{record.form_version}"'
        ' xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms">'
        f"{fields}<meta><instanceID>uuid:{record.uuid}</instanceID></meta></data>"
    )
    return requests.Request(
        "POST",
        f"{_URL}/submission",
        headers={
            "X-OpenRosa-Version": "1.0",
            "Authorization": "Digest username=kiosk, realm=central, response=0123456789abcdef",
        },
        files={"xml_submission_file": ("submission.xml", xml.encode(), "text/xml")},
    ).prepare()


def our_request(batch: list[ApplicationRecord]) -> requests.PreparedRequest:
    """One batch as :class:`sync.client.CentralClient` sends it."""
    body = gzip.compress(SubmitBatch(items=batch).model_dump_json().encode(), mtime=0)
    return requests.Request(
        "POST",
        f"{_URL}/api/v1/applications/batch",
        headers={
            "Content-Type": "application/json",
            "Content-Encoding": "gzip",
            "Accept": "application/json",
            "Authorization": "Bearer LQ03." + "x" * 43,
        },
        data=body,
    ).prepare()


def main() -> None:
    """Measure and print one JSON line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()
    sample = records(args.n)
    openrosa = sum(_wire_size(openrosa_request(record)) for record in sample)
    ours = sum(
        _wire_size(our_request(sample[start : start + args.batch]))
        for start in range(0, len(sample), args.batch)
    )
    single = sum(_wire_size(our_request([record])) for record in sample)
    ratio = ours / openrosa
    print(
        json.dumps(
            {
                "bench": "sync_wire_bytes",
                "submissions": args.n,
                "batch": args.batch,
                "openrosa_bytes_per_submission": round(openrosa / args.n, 1),
                "ours_bytes_per_submission": round(ours / args.n, 1),
                "ours_unbatched_bytes_per_submission": round(single / args.n, 1),
                "ratio": round(ratio, 3),
                "unbatched_ratio": round(single / openrosa, 3),
                "target_ratio": TARGET_RATIO,
                "met": ratio <= TARGET_RATIO,
            }
        )
    )


if __name__ == "__main__":
    main()
