"""Decompressing an identity code with a hard cap, so a few bytes of QR cannot fill the memory.

Claim 169 codes are zlib-compressed, or since 1.2.2 Brotli: a zlib header
(RFC 1950) decides, anything else is tried as Brotli. The bounded readers
themselves are :mod:`kiosk.decompression`, shared with every other reader.
"""

from __future__ import annotations

from kiosk.decompression import DecompressionError, inflate, unbrotli

__all__ = ["MAX_DECOMPRESSED", "DecompressionError", "decompress", "has_zlib_header"]

MAX_DECOMPRESSED = 64 * 1024
"""Far above the largest real code (about 4 KiB with a face photo)."""


def has_zlib_header(data: bytes) -> bool:
    """Whether `data` starts with a valid zlib (deflate) header."""
    return len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


def decompress(data: bytes, limit: int = MAX_DECOMPRESSED) -> bytes:
    """zlib or Brotli, refusing output longer than `limit`, truncated streams and trailing data."""
    return inflate(data, limit) if has_zlib_header(data) else unbrotli(data, limit)
