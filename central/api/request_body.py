"""Reading a request body within limits, gzip or not.

Kiosks on 2G send their batches gzip-compressed (``Content-Encoding: gzip``).
The body is read incrementally and refused with 413 as soon as it passes the
limit, and decompression stops at the same limit, so neither a huge upload
nor a small "zip bomb" can exhaust the server's memory.
"""

from __future__ import annotations

from fastapi import Request
from starlette.requests import ClientDisconnect

from central.errors import Refusal
from kiosk.decompression import DecompressionError, ExpandsTooFar, gunzip
from sync.protocol import MAX_BODY_BYTES


def _too_large() -> Refusal:
    return Refusal(413, "body_too_large", f"the request body exceeds {MAX_BODY_BYTES} bytes")


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The decoded body; 413 beyond ``limit``, 415 for an unknown encoding, 400 for bad gzip."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large()
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise _too_large()
            chunks.append(chunk)
    except ClientDisconnect as gone:
        # Nobody will read the answer; the kiosk resends what it did not see acknowledged.
        raise Refusal(400, "client_disconnected", "the body ended early") from gone
    raw = b"".join(chunks)
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding == "identity":
        return raw
    if encoding != "gzip":
        raise Refusal(415, "unsupported_encoding", f"content encoding {encoding!r} is not gzip")
    return _gunzip(raw, limit)


def _gunzip(raw: bytes, limit: int) -> bytes:
    try:
        return gunzip(raw, limit)
    except ExpandsTooFar as error:
        raise _too_large() from error
    except DecompressionError as error:
        raise Refusal(400, "bad_gzip", f"the body is not one valid gzip stream: {error}") from error
