"""Decompression with a hard cap on the output, the one way compressed data is read.

A few kilobytes of gzip, zlib or Brotli can expand to gigabytes (a
"decompression bomb"), and a signature only proves who sent the bomb. Every
reader of compressed data, on the kiosk and at the centre, goes through
these functions, which:

- stop as soon as the output would pass ``limit`` (memory stays bounded by
  the limit, never by what the data claims),
- refuse a stream that ends early (truncated) or is followed by anything
  (trailing data: a second gzip member, appended bytes),
- raise :class:`DecompressionError` with a sentence for every kind of
  damage, never the library's own exception.

:class:`StreamingDecompressor` does the same for data arriving in pieces (a
network answer read chunk by chunk).
"""

from __future__ import annotations

import zlib

import brotli  # type: ignore[import-untyped]  # no stubs published

_GZIP_WBITS = 16 + zlib.MAX_WBITS
_PIECE = 1024 * 1024
"""Output produced per step while expanding."""


class DecompressionError(ValueError):
    """The data is not one complete stream, or expands beyond the limit."""


class ExpandsTooFar(DecompressionError):
    """The data is well-formed so far but expands beyond the limit."""


def gunzip(data: bytes, limit: int) -> bytes:
    """One complete gzip member, at most ``limit`` bytes once expanded."""
    stream = StreamingDecompressor(limit)
    output = stream.feed(data)
    stream.finish()
    return output


def inflate(data: bytes, limit: int) -> bytes:
    """One complete zlib (RFC 1950) stream, at most ``limit`` bytes once expanded."""
    stream = StreamingDecompressor(limit, wbits=zlib.MAX_WBITS, name="zlib")
    output = stream.feed(data)
    stream.finish()
    return output


def unbrotli(data: bytes, limit: int) -> bytes:
    """One complete Brotli stream, at most ``limit`` bytes once expanded."""
    decompressor = brotli.Decompressor()
    output = bytearray()
    chunk = data
    try:
        while True:
            output += decompressor.process(chunk, output_buffer_limit=limit + 1 - len(output))
            chunk = b""
            if len(output) > limit:
                raise ExpandsTooFar(f"expands beyond {limit} bytes")
            if decompressor.is_finished() or decompressor.can_accept_more_data():
                break
    except brotli.error as exc:
        raise DecompressionError(f"not valid Brotli data ({exc})") from exc
    if not decompressor.is_finished():
        raise DecompressionError("the Brotli stream is truncated")
    return bytes(output)


class StreamingDecompressor:
    """Expands gzip (or zlib) fed in pieces, refusing output past ``limit`` bytes in total."""

    def __init__(self, limit: int, *, wbits: int = _GZIP_WBITS, name: str = "gzip") -> None:
        self._decompressor = zlib.decompressobj(wbits=wbits)
        self._room = limit
        self._limit = limit
        self._name = name

    def feed(self, chunk: bytes) -> bytes:
        """The output for ``chunk``; raises as soon as the total passes the limit.

        Output is produced a piece at a time, so a bomb costs at most the limit
        in memory before it is refused, not a buffer that doubles past it.
        """
        if self._decompressor.eof:
            if chunk:
                raise DecompressionError(f"data follows the end of the {self._name} stream")
            return b""
        pieces: list[bytes] = []
        pending = chunk
        try:
            while True:
                piece = self._decompressor.decompress(pending, min(self._room + 1, _PIECE))
                if len(piece) > self._room:
                    raise ExpandsTooFar(f"expands beyond {self._limit} bytes")
                self._room -= len(piece)
                pieces.append(piece)
                pending = self._decompressor.unconsumed_tail
                if not pending and (len(piece) < _PIECE or self._decompressor.eof):
                    break
        except zlib.error as exc:
            raise DecompressionError(f"not valid {self._name} data ({exc})") from exc
        if self._decompressor.unused_data:
            raise DecompressionError(f"data follows the end of the {self._name} stream")
        return b"".join(pieces)

    def finish(self) -> None:
        """Raise unless the stream ended properly (a cut-off stream is refused)."""
        if not self._decompressor.eof:
            raise DecompressionError(f"the {self._name} stream is truncated")
