"""Running the API under uvicorn: in this process's thread, or as worker processes.

:class:`ThreadedServer` serves on a loopback port from a background thread;
the kiosk demo and the tests use it. :func:`serve` is ``kiosk-central serve``:
with more than one worker, uvicorn starts separate processes that each build
the app from the database URL in the environment (nothing else is shared).
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import TypedDict

import uvicorn

from central.api.app import DATABASE_URL_VARIABLE, create_app
from central.database import Database
from central.observability import MULTIPROC_VARIABLE
from central.schema import create_schema
from kiosk.clock import Clock


class _ConnectionLimits(TypedDict):
    timeout_keep_alive: int
    limit_concurrency: int
    h11_max_incomplete_event_size: int
    timeout_graceful_shutdown: int


CONNECTION_LIMITS: _ConnectionLimits = {
    "timeout_keep_alive": 5,
    "limit_concurrency": 1000,
    "h11_max_incomplete_event_size": 16 * 1024,
    "timeout_graceful_shutdown": 30,
}
"""uvicorn settings that bound slow or numerous clients, for every way the API is served.

An idle keep-alive connection closes after 5 s; beyond 1,000 connections and
requests at once a worker answers 503 instead of queueing memory; request
headers are capped at 16 KiB. A body that stops arriving is cut by
:mod:`central.api.body_limit`. A reverse proxy in front adds what uvicorn
lacks (a deadline for slow headers): see ``docs/security.md``.
"""


WORKER_START_SECONDS = 60
"""How long ``serve --workers N`` lets a starting worker take before it answers."""


@dataclass
class ThreadedServer:
    """A uvicorn server on ``host`` (port 0 picks a free one) in a daemon thread."""

    database: Database
    clock: Clock
    host: str = "127.0.0.1"
    port: int = 0
    _server: uvicorn.Server | None = field(default=None, init=False)
    _thread: threading.Thread | None = field(default=None, init=False)

    def start(self) -> str:
        """Start serving and return the base URL once the socket is listening."""
        app = create_app(self.database, self.clock)
        config = uvicorn.Config(
            app,
            host=self.host,
            port=self.port,
            log_level="warning",
            lifespan="off",
            http="h11",
            **CONNECTION_LIMITS,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="central", daemon=True)
        self._thread.start()
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the central platform failed to start")
            time.sleep(0.01)
        sockets = self._server.servers[0].sockets
        self.port = int(sockets[0].getsockname()[1])
        return self.url

    @property
    def url(self) -> str:
        """The base URL (scheme, host and port, no path)."""
        return f"http://{self.host}:{self.port}"

    def stop(self) -> None:
        """Ask uvicorn to finish and wait for the thread."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join()


def serve(database: Database, host: str, port: int, workers: int) -> None:
    """Serve until interrupted; several workers share ``database`` only."""
    create_schema(database)
    os.environ[DATABASE_URL_VARIABLE] = database.url
    if workers > 1 and not os.environ.get(MULTIPROC_VARIABLE):
        # Each worker's counters go to files here; any worker's /admin/metrics sums them.
        os.environ[MULTIPROC_VARIABLE] = tempfile.mkdtemp(prefix="kiosk-central-metrics-")
    uvicorn.run(
        "central.api.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        http="h11",
        # A new worker must answer the supervisor's first health check within
        # this many seconds, or it is killed and started again: importing the
        # platform takes longer than uvicorn's 5 s default on a busy machine,
        # and then no worker ever came up (seen with 2 workers on 2 cores).
        timeout_worker_healthcheck=WORKER_START_SECONDS,
        **CONNECTION_LIMITS,
    )
