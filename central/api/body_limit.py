"""Every request body capped before anything parses it or checks who sent it.

A pure ASGI middleware, outermost in the app: it reads at most the route's
limit (:data:`ROUTE_LIMITS`, else :data:`DEFAULT_LIMIT`) and answers 413
``body_too_large`` as soon as a body passes it, whether the client declared
the size up front (``Content-Length``) or streams it in chunks. Only a body
within the limit reaches the app, which therefore never holds more than the
limit in memory, authenticated or not. A client that stops sending half-way
gets 408 ``body_timeout`` after :data:`IDLE_TIMEOUT_S` without a byte, so a
stalled upload does not hold its connection open for ever.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from central.form_drafts import MAX_DEFINITION_BYTES
from sync.protocol import API_PREFIX, ATTACHMENT_CHUNK_BYTES, MAX_BODY_BYTES

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DEFAULT_LIMIT = 16 * 1024
"""Any route not listed: small JSON requests (enrolment, unlock secret) and bodiless GETs."""
ROUTE_LIMITS: dict[str, int] = {
    f"{API_PREFIX}/applications/batch": MAX_BODY_BYTES,
    f"{API_PREFIX}/feedback": MAX_BODY_BYTES,
    f"{API_PREFIX}/audit-anchor": 1024 * 1024,
    # The console's uploads: a form definition or trust list (1 MiB) in a multipart body.
    "/console/forms/upload": MAX_DEFINITION_BYTES + 64 * 1024,
    "/console/trust-lists": MAX_DEFINITION_BYTES + 64 * 1024,
}
"""Routes whose requests may be larger, by exact path (the largest valid request fits)."""
IDLE_TIMEOUT_S = 30.0
"""Longest wait for the next piece of a body; a 2G link delivers far more often."""


CONSOLE_LIMIT = 256 * 1024
"""Any other console form: a browser sends Chinese and Uyghur percent-encoded (9 bytes a
character), so fifteen note openings of 1,000 characters need about 140 KiB."""


def limit_for(path: str) -> int:
    """The most bytes a request to ``path`` may carry."""
    if path in ROUTE_LIMITS:
        return ROUTE_LIMITS[path]
    if _is_attachment_upload(path):
        return ATTACHMENT_CHUNK_BYTES
    return CONSOLE_LIMIT if path.startswith("/console/") else DEFAULT_LIMIT


def _is_attachment_upload(path: str) -> bool:
    """``/api/v1/applications/UUID/attachments/DIGEST``: one chunk of a photo, never more."""
    parts = path.removeprefix(API_PREFIX).split("/")
    return (
        path.startswith(f"{API_PREFIX}/")
        and len(parts) == 5
        and parts[1] == "applications"
        and parts[3] == "attachments"
    )


class BodyLimitMiddleware:
    """Reads each HTTP request body up to its route's limit, then hands it on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(str(scope.get("path", "")))
        if _declared_length(scope) > limit:
            await _refuse(send, 413, "body_too_large", _too_large_message(limit))
            return
        messages: list[Message] = []
        size = 0
        more = True
        while more:
            try:
                message = await asyncio.wait_for(receive(), IDLE_TIMEOUT_S)
            except TimeoutError:
                log.warning("request to %s stalled: body not finished", scope.get("path"))
                await _refuse(send, 408, "body_timeout", "the request body stopped arriving")
                return
            if message["type"] != "http.request":
                return  # the client went away: nobody is left to answer
            size += len(message.get("body", b""))
            if size > limit:
                await _refuse(send, 413, "body_too_large", _too_large_message(limit))
                return
            messages.append(message)
            more = bool(message.get("more_body", False))
        await self.app(scope, _replay(messages, receive), send)


def _declared_length(scope: Scope) -> int:
    """The ``Content-Length`` the client declared, 0 when absent or unreadable."""
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            if not text.isdigit():
                return 0
            return int(text) if len(text) <= 18 else sys.maxsize
    return 0


def _too_large_message(limit: int) -> str:
    return f"the request body exceeds {limit} bytes"


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """A ``receive`` that gives the buffered body, then whatever the server says next."""
    pending = list(messages)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed


async def _refuse(send: Send, status: int, code: str, message: str) -> None:
    """The protocol's JSON error, closing the connection (the rest of the body is unread)."""
    body = json.dumps({"code": code, "message": message}).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode("ascii")),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
