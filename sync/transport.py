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

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str],
        body: bytes | None,
        timeout: tuple[float, float],
    ) -> HttpResponse:
        """Send and read the whole body; any failure becomes :class:`TransportError`."""
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
            )
            content = response.content
        except requests.RequestException as error:
            raise TransportError(describe_failure(error, url, timeout)) from error
        return HttpResponse(
            status=response.status_code,
            content_type=response.headers.get("content-type", ""),
            body=content,
        )


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
