"""``GET /ready`` and ``GET /admin/metrics``: what a load balancer and Prometheus ask.

``/health`` says the process answers; ``/ready`` also says the database is
reachable and holds every table, so a balancer sends no traffic to a worker
that would fail every request. ``/admin/metrics`` needs the administrator token:
kiosks reach the same port, and the per-kiosk figures are not theirs to read.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Literal

import psycopg
from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from central import observability
from central.api.deps import AdminDep, Platform, PlatformDep
from central.api.errors import ERROR_RESPONSES
from central.schema import table_names

router = APIRouter(tags=["operations"])
log = logging.getLogger(__name__)


class Readiness(BaseModel):
    """Whether this worker can serve requests, and if not, why (no database detail)."""

    status: Literal["ready", "not_ready"]
    reason: Literal["database_unreachable", "schema_missing"] | None = None


def readiness(platform: Platform) -> Readiness:
    """Ready when the database answers and every table is there."""
    try:
        with platform.database.transaction() as connection:
            connection.query("SELECT 1")
    except (sqlite3.Error, psycopg.Error, OSError):
        log.warning("readiness: the database does not answer", exc_info=True)
        return Readiness(status="not_ready", reason="database_unreachable")
    for table in table_names():
        try:
            with platform.database.transaction() as connection:
                connection.query(f"SELECT 1 FROM {table} LIMIT 1")
        except (sqlite3.Error, psycopg.Error):
            log.warning("readiness: table %s is missing", table)
            return Readiness(status="not_ready", reason="schema_missing")
    return Readiness(status="ready")


@router.get(
    "/ready",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "The database is unreachable or empty"}},
)
async def ready(platform: PlatformDep) -> JSONResponse:
    """200 when the database is reachable and its schema present, 503 otherwise."""
    answer = await run_in_threadpool(readiness, platform)
    status = 200 if answer.status == "ready" else 503
    return JSONResponse(answer.model_dump(mode="json"), status_code=status)


@router.get(
    "/admin/metrics",
    response_class=Response,
    responses={
        **ERROR_RESPONSES,
        200: {
            "description": "Prometheus text exposition format",
            "content": {observability.METRICS_CONTENT_TYPE: {"schema": {"type": "string"}}},
        },
    },
)
async def metrics(platform: PlatformDep, _: AdminDep) -> Response:
    """Request, ingest and per-kiosk figures for Prometheus (administrator token)."""
    body = await run_in_threadpool(observability.exposition, platform.database, platform.clock)
    return Response(body, media_type=observability.METRICS_CONTENT_TYPE)
