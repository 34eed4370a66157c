"""What an operator watches: Prometheus metrics, one JSON log line per request, readiness.

Requests are labelled by their route *template* (``/api/v1/status/{tracking_number}``),
never the raw path, and by status class (``2xx``), so the number of series
stays bounded whatever URLs clients send; a request no route matched is
labelled ``unmatched``.

Several uvicorn workers are several processes, each with its own counters.
When ``PROMETHEUS_MULTIPROC_DIR`` is set (``kiosk-central serve --workers N``
sets it to a fresh folder when it is not), prometheus-client's multiprocess
mode keeps each worker's values in files there and any worker's ``/admin/metrics``
answers the sum, so one scrape target is enough. The per-kiosk gauges (sync
lag, backlog) are read from the ``kiosks`` table at scrape time, so they are
the same whichever worker answers and bounded by the number of kiosks.

The log line holds the time, method, route template, status, duration and
the kiosk code when a kiosk authenticated: never a body, a query string or
anything a person typed.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator
from datetime import datetime

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from central.database import Database
from kiosk.clock import Clock, parse_timestamp
from sync.protocol import ItemOutcome, ItemResult

MULTIPROC_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
JSON_LOG_VARIABLE = "KIOSK_CENTRAL_JSON_LOG"
"""Set to ``1`` to write one JSON line per request to standard error."""
UNMATCHED_ROUTE = "unmatched"
METRICS_CONTENT_TYPE = CONTENT_TYPE_LATEST

REQUESTS = Counter(
    "kiosk_central_requests",
    "HTTP requests answered, by method, route template and status class",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "kiosk_central_request_duration_seconds",
    "Time to answer an HTTP request, by method and route template",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
INGESTED = Counter(
    "kiosk_central_applications_ingested",
    "Applications received from kiosks, by outcome (stored, already_stored, refused)",
    ["outcome"],
)

request_log = logging.getLogger("kiosk_central.requests")


def count_ingest(results: Iterable[ItemResult]) -> None:
    """Count each item of a stored batch under its outcome."""
    for result in results:
        INGESTED.labels(outcome=ItemOutcome(result.outcome).value).inc()


class KioskCollector(Collector):
    """Sync lag and backlog of each kiosk, read from the database when scraped."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    def collect(self) -> Iterator[Metric]:
        lag = GaugeMetricFamily(
            "kiosk_central_kiosk_sync_lag_seconds",
            "Seconds since the kiosk last reached the platform (absent until it first does)",
            labels=["kiosk"],
        )
        backlog = GaugeMetricFamily(
            "kiosk_central_kiosk_backlog",
            "Applications the kiosk reported still waiting to be sent, at its last contact",
            labels=["kiosk"],
        )
        now = self._clock.now()
        with self._database.transaction() as connection:
            rows = connection.query(
                "SELECT code, last_sync_at, backlog FROM kiosks WHERE revoked_at IS NULL"
            )
        for code, last_sync, waiting in rows:
            backlog.add_metric([str(code)], float(waiting))
            if last_sync:
                seen: datetime = parse_timestamp(str(last_sync))
                lag.add_metric([str(code)], max(0.0, (now - seen).total_seconds()))
        yield lag
        yield backlog


def exposition(database: Database, clock: Clock) -> bytes:
    """The text a Prometheus scrape receives: this process's (or all workers') metrics."""
    registry = CollectorRegistry(auto_describe=True)
    if os.environ.get(MULTIPROC_VARIABLE):
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry.register(_Forward(REGISTRY))
    registry.register(KioskCollector(database, clock))
    return bytes(generate_latest(registry))


class _Forward(Collector):
    """The default registry's metrics, inside a registry of their own for one scrape."""

    def __init__(self, source: CollectorRegistry) -> None:
        self._source = source

    def collect(self) -> Iterator[Metric]:
        yield from self._source.collect()


def route_template(scope: Scope) -> str:
    """The full template of the route that answered, e.g. ``/api/v1/status/{tracking_number}``.

    FastAPI leaves the matched route in the scope with its path relative to
    the router that holds it (``/status/{tracking_number}``); the routers'
    prefixes (``/api/v1``) hold no parameters, so the prefix is the leading
    segments of the request path the route's own segments leave over: text
    FastAPI matched literally, never what a client chose. A route whose
    parameter spans segments (``{x:path}``) is labelled by its own path.
    """
    path = getattr(scope.get("route"), "path", None)
    if path is None:
        return UNMATCHED_ROUTE
    template = str(path)
    if ":path}" in template:
        return template
    segments = str(scope.get("path", "")).split("/")
    prefix = segments[: max(0, len(segments) - template.count("/"))]
    return "/".join(prefix) + template


class RequestObserver:
    """ASGI middleware: count, time and (when enabled) log every HTTP request."""

    def __init__(self, app: ASGIApp, *, json_log: bool | None = None) -> None:
        self.app = app
        self.json_log = json_log_enabled() if json_log is None else json_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def observed_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, observed_send)
        finally:
            elapsed = time.perf_counter() - started
            route = route_template(scope)
            method = str(scope.get("method", ""))
            REQUESTS.labels(method=method, route=route, status=f"{status // 100}xx").inc()
            LATENCY.labels(method=method, route=route).observe(elapsed)
            if self.json_log:
                request_log.info(log_line(scope, method, route, status, elapsed))


def log_line(scope: Scope, method: str, route: str, status: int, elapsed: float) -> str:
    """The JSON log line of one request; the kiosk code only when one authenticated."""
    record: dict[str, object] = {
        "time": datetime.now().astimezone().isoformat(timespec="milliseconds"),
        "method": method,
        "route": route,
        "status": status,
        "duration_ms": round(elapsed * 1000, 2),
    }
    kiosk = scope.get("state", {}).get("kiosk_code")
    if kiosk:
        record["kiosk"] = kiosk
    return json.dumps(record, separators=(",", ":"))


def json_log_enabled() -> bool:
    """Whether ``KIOSK_CENTRAL_JSON_LOG`` asks for JSON request logs."""
    return os.environ.get(JSON_LOG_VARIABLE, "").strip().lower() in {"1", "true", "yes", "on"}


_to_stderr = logging.StreamHandler(sys.stderr)
_to_stderr.setFormatter(logging.Formatter("%(message)s"))


def install_json_log() -> None:
    """Send the request log, bare lines, to standard error (once per process)."""
    request_log.addHandler(_to_stderr)  # a handler already there is not added twice
    request_log.setLevel(logging.INFO)
    request_log.propagate = False
