"""How the kiosk's sync code reaches the network: a small interface, passed in.

The sync code never opens a socket itself; it is given a :class:`Transport`,
normally :class:`RequestsTransport` over a ``requests.Session``. TLS is
verified by default (``verify=True``); a private CA bundle is a path.
Tests pass the same transport pointed at a faulty proxy. Every network
failure is one exception, :class:`TransportError`, with a reason a clerk can
read: the sync code treats them all alike (retry later), but the clerk's
screen and the log say which failure it was (:func:`describe_failure`), since
the remedy differs: a DNS failure or a refused connection points at the
kiosk's network settings, a stall or a cut answer at the link itself.

Every answer is read in pieces and refused past :data:`MAX_RESPONSE_BYTES`,
as sent and after gzip is undone (by :mod:`kiosk.decompression`, not by the
HTTP library, whose gzip decoder has no output limit): a faulty or hostile
server cannot fill the kiosk's memory.

Redirects are not followed. The central platform never redirects, so a
redirect comes from something in the way (a captive portal's login page),
and following it would turn a POST of applications into a GET elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

import requests
import urllib3

from kiosk.decompression import DecompressionError, StreamingDecompressor

MAX_RESPONSE_BYTES = 16 * 1024 * 1024
"""Largest answer read, as sent and once expanded; the largest real one (a form
bundle, or 500 status changes) is well under a megabyte."""
_READ_PIECE = 64 * 1024


@dataclass(frozen=True)
class HttpResponse:
    """What came back: status, content type and the raw body."""

    status: int
    content_type: str
    body: bytes


class TransportError(Exception):
    """The request got no complete answer: no route, refused, reset, timed out."""


class Transport(Protocol):
    """Sends one HTTP request and returns the complete answer."""

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str],
        body: bytes | None,
        timeout: tuple[float, float],
    ) -> HttpResponse:
        """``timeout`` is (connect, read) seconds; raises :class:`TransportError`."""
        ...


@dataclass
class RequestsTransport:
    """A :class:`Transport` over a ``requests.Session``.

    ``ca_bundle`` replaces the system's trusted CAs for a platform behind a
    private CA; verification itself cannot be switched off here.
    """

    session: requests.Session
    ca_bundle: Path | None = None
    limit: int = MAX_RESPONSE_BYTES

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str],
        body: bytes | None,
        timeout: tuple[float, float],
    ) -> HttpResponse:
        """Send and read the body within the limit; any failure becomes :class:`TransportError`."""
        verify: bool | str = str(self.ca_bundle) if self.ca_bundle is not None else True
        try:
            response = self.session.request(
                method,
                url,
                headers=headers,
                data=body,
                timeout=timeout,
                verify=verify,
                allow_redirects=False,
                stream=True,
            )
            with response:
                content = read_limited(response, self.limit)
        except requests.RequestException as error:
            raise TransportError(describe_failure(error, url, timeout)) from error
        return HttpResponse(
            status=response.status_code,
            content_type=response.headers.get("content-type", ""),
            body=content,
        )


def read_limited(response: requests.Response, limit: int) -> bytes:
    """The body of a streamed answer, gzip undone, refusing more than ``limit`` bytes
    on the wire or once expanded."""
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("identity", "gzip"):
        raise TransportError(f"the answer uses an unknown content encoding {encoding!r}")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TransportError(f"the answer announces {declared} bytes, more than {limit}")
    expander = StreamingDecompressor(limit) if encoding == "gzip" else None
    pieces: list[bytes] = []
    received = 0
    try:
        for piece in response.raw.stream(_READ_PIECE, decode_content=False):
            received += len(piece)
            if received > limit:
                raise TransportError(f"the answer is larger than {limit} bytes")
            pieces.append(expander.feed(piece) if expander is not None else piece)
        if expander is not None and received:
            expander.finish()
    except DecompressionError as error:
        raise TransportError(f"the gzip answer cannot be used: {error}") from error
    except urllib3.exceptions.ReadTimeoutError as error:  # as requests itself names them
        raise requests.exceptions.ReadTimeout(error) from error
    except urllib3.exceptions.SSLError as error:
        raise requests.exceptions.SSLError(error) from error
    except urllib3.exceptions.HTTPError as error:
        raise requests.exceptions.ChunkedEncodingError(error) from error
    return b"".join(pieces)


def describe_failure(
    error: requests.RequestException, url: str, timeout: tuple[float, float]
) -> str:
    """Say in a line which way the request failed, then the library's own words."""
    host = urlsplit(url).hostname or url
    text = str(error)
    if isinstance(error, requests.exceptions.ConnectTimeout):
        reason = f"could not connect to {host} within {timeout[0]:g} s"
    elif isinstance(error, requests.exceptions.ReadTimeout):
        reason = f"{host} accepted the connection but sent no answer for {timeout[1]:g} s"
    elif "NameResolutionError" in text or "Failed to resolve" in text:
        reason = f"the name {host} could not be looked up (DNS failure)"
    elif "Connection refused" in text:
        reason = f"{host} refused the connection (nothing listening, or a firewall)"
    elif "reset by peer" in text:
        reason = "the connection was reset before the answer arrived"
    elif isinstance(error, requests.exceptions.ChunkedEncodingError) or any(
        sign in text for sign in ("IncompleteRead", "RemoteDisconnected", "Connection aborted")
    ):
        reason = "the connection closed before the whole answer arrived"
    elif isinstance(error, requests.exceptions.SSLError):
        reason = f"the TLS certificate of {host} could not be verified"
    else:
        reason = "the request failed"
    return f"{reason} ({type(error).__name__}: {text[:300]})"
