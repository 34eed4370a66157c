"""The fleet load test: simulated kiosks' cycles reach a real platform and leave real data."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.fleet_load import fill_outboxes, prepare, scheduled
from bench.suite import SUITE, MissingFigures
from bench.sync_ingest import postgres_bytes_per_application, serve_platform
from central.database import Database
from sync.protocol import API_PREFIX
from tests.central.postgres_server import PostgresServer, free_port


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    server = PostgresServer.start()
    yield server
    server.stop()


def test_kiosks_cycles_store_their_applications_and_anchor_their_chains(
    postgres: PostgresServer, tmp_path: Path
) -> None:
    database = Database(postgres.new_database())
    kiosks = prepare(database, tmp_path, 12)
    fill_outboxes(kiosks, per_kiosk=2)
    port = free_port()
    process = serve_platform(database, port, workers=2)
    try:
        base = f"http://127.0.0.1:{port}{API_PREFIX}"
        figures = asyncio.run(scheduled(base, kiosks, interval=1.0, seconds=3.5, seed=1))
    finally:
        process.terminate()
        process.wait()

    assert figures["errors"] == 0, figures["errors_by_route"]
    cycles = sum(kiosk.cycles for kiosk in kiosks)
    assert cycles >= 3 * len(kiosks), "each kiosk cycled about once a second"
    sent = sum(2 - len(kiosk.outbox) for kiosk in kiosks)
    assert sent > 0
    with database.transaction() as connection:
        stored = connection.query("SELECT COUNT(*) FROM applications")[0][0]
        rows = connection.query("SELECT kiosk_code, head_id FROM audit_anchors")
        heads = {str(code): int(head) for code, head in rows}
        contacted = connection.query("SELECT COUNT(*) FROM kiosks WHERE last_sync_at IS NOT NULL")
    assert stored == sent, "every batch the client counted as sent is stored, once"
    assert heads == {kiosk.code: kiosk.audit_id for kiosk in kiosks}, "chains continuous"
    assert contacted[0][0] == len(kiosks)
    assert postgres_bytes_per_application(database) > 500, "answers, indexes, history"


def test_the_suite_judges_errors_and_late_cycles() -> None:
    fleet = next(benchmark for benchmark in SUITE if benchmark.module == "bench.fleet_load")
    capacity = {
        "benchmark": "fleet_capacity",
        "server_processes": 1,
        "requests_per_s": 300.0,
        "p95_ms": 40.0,
        "errors": 0,
    }
    scheduled_line = {
        "benchmark": "fleet_scheduled",
        "server_processes": 1,
        "kiosks": 5000,
        "interval_s": 60.0,
        "requests_per_s": 580.0,
        "p95_ms": 30.0,
        "errors": 0,
        "late_cycles": 0,
    }
    assert all(verdict.passed for verdict in fleet.judge([capacity, scheduled_line]))
    late = scheduled_line | {"late_cycles": 3}
    assert [verdict.passed for verdict in fleet.judge([capacity, late])] == [True, False]
    failing = capacity | {"errors": 1}
    assert not fleet.judge([failing, scheduled_line])[0].passed
    with pytest.raises(MissingFigures):
        fleet.judge([capacity])
