"""Turning every refusal into a clear 4xx with an :class:`ErrorBody`.

Bad input must never produce a 500: validation errors, refusals from the
store and unreadable bodies each have their own status and code. A busy
database is a 503 the kiosk retries later.

A database error's own text names tables, columns and values: it goes to the
log for the administrator, never to the client, who gets a stable code and a
generic sentence (:func:`_database_error`, the one handler for both databases).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Mapping

import psycopg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.routing import compile_path

from central.errors import Refusal
from sync.protocol import ErrorBody

log = logging.getLogger(__name__)


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """A JSON error answer in the protocol's shape."""
    return JSONResponse(
        status_code=status,
        content=ErrorBody(code=code, message=message).model_dump(),
        headers=headers,
    )


async def _refusal(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Refusal)
    return error_response(exc.status, exc.code, exc.message)


async def _validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(
        f"{'.'.join(str(part) for part in error.get('loc', ()))}: {error.get('msg', '')}"
        for error in exc.errors()[:10]
    )
    return error_response(422, "invalid_request", problems or "the request is not valid")


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(_allowed_methods(request))
    return error_response(exc.status_code, f"http_{exc.status_code}", str(exc.detail), headers)


def _allowed_methods(request: Request) -> list[str]:
    """Every method the schema lists for the request's path.

    The router knows only the route that matched first: for ``/unlock-secret``
    (``PUT`` and ``GET``, two handlers) it would name one of the two.
    """
    allowed: set[str] = set()
    for template, operations in request.app.openapi()["paths"].items():
        pattern, _, _ = compile_path(template)
        if pattern.match(request.url.path):
            allowed |= {method.upper() for method in operations}
    return sorted(allowed)


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    """Log what the database said; answer only what kind of failure it was."""
    log.error("database error on %s %s: %r", request.method, request.url.path, exc)
    if isinstance(exc, sqlite3.OperationalError | psycopg.OperationalError):
        return error_response(503, "database_busy", "the database is busy, retry later")
    if isinstance(exc, psycopg.DataError):
        return error_response(
            422, "invalid_request", "the request holds data that cannot be stored"
        )
    return error_response(500, "database_error", "the platform could not complete the request")


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(Refusal, _refusal)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(sqlite3.Error, _database_error)
    app.add_exception_handler(psycopg.Error, _database_error)


ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorBody} for status in (400, 401, 403, 404, 409, 413, 415, 422)
}
"""The 4xx answers every route may give, for the OpenAPI schema."""
