"""Several uvicorn worker processes on one database still store each UUID once."""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from bench.sync_ingest import serve_platform
from central import admin_access, form_registry, kiosk_registry, signing
from central.database import Database
from central.form_registry import publish_file
from central.schema import create_schema
from kiosk.clock import FixedClock
from tests.central.platform import PENSION_FORM
from tests.central.postgres_server import free_port
from tests.central.test_api import record


@pytest.fixture
def served(database: Database, clock: FixedClock, tmp_path: Path) -> Iterator[str]:
    """``kiosk-central serve --workers 2`` in a subprocess; yields its base URL."""
    create_schema(database)
    key = signing.generate_key(tmp_path / "signing.pem")
    with database.transaction() as connection:
        form_registry.record_public_key(connection, key)
    publish_file(database, PENSION_FORM, key, clock)
    port = free_port()
    process = serve_platform(database, port, workers=2)
    url = f"http://127.0.0.1:{port}"
    yield url
    process.terminate()
    process.wait()


BUSY_RETRIES = 5
"""Sends of one batch answered "busy" before the test gives up (a kiosk keeps trying)."""


def test_concurrent_duplicate_batches_leave_one_copy(
    served: str, database: Database, clock: FixedClock
) -> None:
    with database.transaction() as connection:
        kiosk_registry.create_kiosk(connection, "LQ03", "LQ03", clock.now())
        code = kiosk_registry.create_enrolment_code(connection, "LQ03", clock.now())
    credential = requests.post(
        f"{served}/api/v1/enrolment", json={"enrolment_code": code}, timeout=30
    ).json()["credential"]
    items = [record() for _ in range(50)]
    body = gzip.compress(json.dumps({"items": items}).encode())
    headers = {"Authorization": f"Bearer {credential}", "Content-Encoding": "gzip"}

    def send(_: int) -> list[str]:
        # "Busy, retry later" (503) is part of the protocol: the kiosk's outbox sends the
        # batch again after a pause, as here. What must hold is one copy of each.
        for attempt in range(BUSY_RETRIES):
            answer = requests.post(
                f"{served}/api/v1/applications/batch", data=body, headers=headers, timeout=60
            )
            if answer.status_code != 503:
                break
            time.sleep(0.2 * (attempt + 1))
        assert answer.status_code == 200, answer.text
        return [item["outcome"] for item in answer.json()["results"]]

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(send, range(16)))
    for position in range(50):
        column = [answer[position] for answer in answers]
        assert column.count("stored") == 1
        assert column.count("already_stored") == 15
    with database.transaction() as connection:
        assert connection.query("SELECT COUNT(*) FROM applications")[0][0] == 50


def test_any_worker_reports_the_requests_of_all_workers(served: str, database: Database) -> None:
    with database.transaction() as connection:
        token = admin_access.create_admin_token(connection)
    for _ in range(40):  # a new connection each time: the kernel spreads them over the workers
        assert requests.get(f"{served}/api/v1/health", timeout=30).status_code == 200
    health = 'kiosk_central_requests_total{method="GET",route="/api/v1/health",status="2xx"}'
    for _ in range(6):
        text = requests.get(
            f"{served}/api/v1/admin/metrics",
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        ).text
        counted = [line for line in text.splitlines() if line.startswith(health)]
        assert counted, text[:2000]
        # 40, and the fixture's one successful probe: per worker, each would see about half
        assert float(counted[0].split()[-1]) == 41
