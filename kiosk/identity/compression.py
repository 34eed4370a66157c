"""Decompression with a hard cap, so a few bytes of QR cannot fill the memory.

Claim 169 codes are zlib-compressed, or since 1.2.2 Brotli: a zlib header
(RFC 1950) decides, anything else is tried as Brotli.
"""

from __future__ import annotations

import zlib

import brotli  # type: ignore[import-untyped]  # no stubs published

MAX_DECOMPRESSED = 64 * 1024
"""Far above the largest real code (about 4 KiB with a face photo)."""


class DecompressionError(ValueError):
    """The data is not complete zlib or Brotli, or expands beyond the cap."""


def has_zlib_header(data: bytes) -> bool:
    """Whether `data` starts with a valid zlib (deflate) header."""
    return len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


def decompress(data: bytes, limit: int = MAX_DECOMPRESSED) -> bytes:
    """zlib or Brotli, refusing output longer than `limit` and truncated streams."""
    return _inflate(data, limit) if has_zlib_header(data) else _unbrotli(data, limit)


def _inflate(data: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj()
    try:
        output = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise DecompressionError(f"zlib: {exc}") from exc
    if len(output) > limit:
        raise DecompressionError(f"expands beyond {limit} bytes")
    if not inflater.eof:
        raise DecompressionError("zlib stream is truncated")
    return output


def _unbrotli(data: bytes, limit: int) -> bytes:
    decompressor = brotli.Decompressor()
    output = bytearray()
    chunk = data
    try:
        while True:
            output += decompressor.process(chunk, output_buffer_limit=limit + 1 - len(output))
            chunk = b""
            if len(output) > limit:
                raise DecompressionError(f"expands beyond {limit} bytes")
            if decompressor.is_finished() or decompressor.can_accept_more_data():
                break
    except brotli.error as exc:
        raise DecompressionError(f"brotli: {exc}") from exc
    if not decompressor.is_finished():
        raise DecompressionError("not zlib, and not a complete Brotli stream")
    return bytes(output)
