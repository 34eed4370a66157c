"""How the kiosk's sync code reaches the network: a small interface, passed in.

The sync code never opens a socket itself; it is given a :class:`Transport`,
normally :class:`RequestsTransport` over a ``requests.Session``. TLS is
verified by default (``verify=True``); a private CA bundle is a path.
Tests pass the same transport pointed at a faulty proxy. Every network
failure is one exception, :class:`TransportError`, with a reason a clerk can
read: the sync code treats them all alike (retry later).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

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
                method, url, headers=headers, data=body, timeout=timeout, verify=verify
            )
            content = response.content
        except requests.RequestException as error:
            raise TransportError(f"{type(error).__name__}: {error}") from error
        return HttpResponse(
            status=response.status_code,
            content_type=response.headers.get("content-type", ""),
            body=content,
        )
