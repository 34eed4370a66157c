"""A province's fleet of kiosks syncing against the central platform on PostgreSQL.

    python -m bench.fleet_load [--kiosks 5000] [--interval 60] [--duration 120]
                               [--workers 1 2 4] [--capacity-seconds 30]

A throwaway PostgreSQL server holds the platform (the sample forms, a trust
list and fleet settings published); ``--kiosks`` kiosks are created and
enrolled. For each ``--workers`` count, ``kiosk-central serve --workers N``
runs on a loopback port and one asyncio client (aiohttp, bounded connection
pool) plays every kiosk's sync cycle as :class:`sync.worker.SyncWorker` runs
it: a batch when applications wait (one in three cycles), form list, trust
list, fleet settings, status feed, staff list, audit anchor (a real chain of
links per kiosk, which the centre checks for continuity).

Two figures per server count:

- ``capacity``: 64 kiosks cycling back to back for ``--capacity-seconds``:
  requests per second the platform answers when it is the bottleneck;
- ``scheduled``: every kiosk cycling once per ``--interval`` seconds from a
  random start for ``--duration`` seconds (60 s is five times a kiosk's
  five-minute schedule): requests per second, p95 latency per route, errors,
  and cycles that started late because the platform fell behind.

The client runs on the same machine, so its CPU competes with the servers':
figures are a floor for a dedicated server. One JSON line per figure.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import hashlib
import json
import os
import random
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory

import aiohttp

from bench.sync_ingest import serve_platform
from bench.sync_sample import records
from central import (
    fleet_settings_registry,
    form_registry,
    kiosk_registry,
    signing,
    trust_list_registry,
)
from central.database import Database
from central.form_registry import publish_file
from central.schema import create_schema
from kiosk.audit import GENESIS_HASH
from kiosk.clock import SystemClock
from kiosk.identity.trust import TRUST_LIST_FORMAT
from resources import FORMS_DIR
from sync.protocol import API_PREFIX, AnchorRequest, ApplicationRecord, AuditLink, SubmitBatch
from tests.central.postgres_server import PostgresServer, free_port

CAPACITY_KIOSKS = 64
BATCH_EVERY = 3
"""One cycle in three has an application waiting (a busy kiosk: ~100 a day)."""
TRUST_LIST = {
    "format": TRUST_LIST_FORMAT,
    "version": 1,
    "issued": "2026-01-01T00:00:00Z",
    "issuers": [],
}
FLEET_SETTINGS = {"fleet": {"inactivity_seconds": 120}}


@dataclass
class SimulatedKiosk:
    """What one kiosk remembers between cycles: its outbox, cursors and audit chain."""

    code: str
    credential: str
    outbox: list[ApplicationRecord]
    cycles: int = 0
    status_cursor: int = 0
    audit_id: int = 0
    audit_hash: str = GENESIS_HASH
    unanchored: list[AuditLink] = field(default_factory=list)

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.credential}"}

    def write_audit(self, count: int) -> None:
        """Audit entries written this cycle; they wait to be anchored (their hashes chain)."""
        for _ in range(count):
            digest = hashlib.sha256(f"{self.code}{self.audit_id}".encode()).hexdigest()
            self.audit_id += 1
            self.unanchored.append(
                AuditLink(id=self.audit_id, prev_hash=self.audit_hash, hash=digest)
            )
            self.audit_hash = digest


@dataclass
class Tally:
    """Latencies and failures per route."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    late_cycles: int = 0

    def summary(self, seconds: float) -> dict[str, object]:
        requests_done = sum(len(times) for times in self.latencies.values())
        return {
            "requests_per_s": round(requests_done / seconds, 1),
            "requests": requests_done,
            "errors": sum(self.errors.values()),
            "errors_by_route": dict(self.errors),
            "p95_ms_by_route": {
                route: round(_p95(times) * 1000, 1) for route, times in self.latencies.items()
            },
            "p95_ms": round(_p95([t for ts in self.latencies.values() for t in ts]) * 1000, 1),
        }


def _p95(times: list[float]) -> float:
    if len(times) < 2:
        return times[0] if times else 0.0
    return statistics.quantiles(times, n=20)[-1]


async def _call(
    session: aiohttp.ClientSession,
    tally: Tally,
    route: str,
    method: str,
    url: str,
    kiosk: SimulatedKiosk,
    body: bytes | None = None,
    gzipped: bool = False,
) -> dict[str, object] | None:
    headers = kiosk.headers()
    if body is not None:
        headers["Content-Type"] = "application/json"
    if gzipped:
        headers["Content-Encoding"] = "gzip"
    started = time.perf_counter()
    try:
        async with session.request(method, url, data=body, headers=headers) as answer:
            payload = await answer.read()
            tally.latencies[route].append(time.perf_counter() - started)
            if answer.status >= 300:
                tally.errors[route] += 1
                return None
            parsed: dict[str, object] = json.loads(payload)
            return parsed
    except (TimeoutError, aiohttp.ClientError):
        tally.errors[route] += 1
        return None


async def sync_cycle(
    session: aiohttp.ClientSession, base: str, kiosk: SimulatedKiosk, tally: Tally
) -> None:
    """One cycle in the order :class:`sync.worker.SyncWorker` runs its steps."""
    kiosk.cycles += 1
    links = 1
    if kiosk.cycles % BATCH_EVERY == 0 and kiosk.outbox:
        item = kiosk.outbox.pop()
        body = gzip.compress(SubmitBatch(items=[item]).model_dump_json().encode())
        sent = await _call(
            session,
            tally,
            "POST /applications/batch",
            "POST",
            f"{base}/applications/batch",
            kiosk,
            body,
            gzipped=True,
        )
        if sent is None:
            kiosk.outbox.append(item)  # sent again next cycle, as the outbox would
        links = 3  # created, submitted, sent
    await _call(session, tally, "GET /forms", "GET", f"{base}/forms", kiosk)
    await _call(session, tally, "GET /trust-list", "GET", f"{base}/trust-list?after=1", kiosk)
    await _call(
        session, tally, "GET /fleet-settings", "GET", f"{base}/fleet-settings?after=1", kiosk
    )
    feed = await _call(
        session,
        tally,
        "GET /status-updates",
        "GET",
        f"{base}/status-updates?after={kiosk.status_cursor}&limit=200",
        kiosk,
    )
    if feed is not None:
        kiosk.status_cursor = int(str(feed["next_cursor"]))
    await _call(session, tally, "GET /staff", "GET", f"{base}/staff", kiosk)
    kiosk.write_audit(links)
    anchor = AnchorRequest(links=kiosk.unanchored, backlog=len(kiosk.outbox))
    anchored = await _call(
        session,
        tally,
        "POST /audit-anchor",
        "POST",
        f"{base}/audit-anchor",
        kiosk,
        anchor.model_dump_json().encode(),
    )
    if anchored is not None:
        kiosk.unanchored = []


async def capacity(base: str, kiosks: list[SimulatedKiosk], seconds: float) -> dict[str, object]:
    """Kiosks cycling back to back: what the platform answers when it is the bottleneck."""
    tally = Tally()
    deadline = time.perf_counter() + seconds

    async def loop(kiosk: SimulatedKiosk, session: aiohttp.ClientSession) -> None:
        while time.perf_counter() < deadline:
            await sync_cycle(session, base, kiosk, tally)

    started = time.perf_counter()
    async with _session(len(kiosks)) as session:
        await asyncio.gather(*(loop(kiosk, session) for kiosk in kiosks))
    return tally.summary(time.perf_counter() - started)


async def scheduled(
    base: str, kiosks: list[SimulatedKiosk], interval: float, seconds: float, seed: int
) -> dict[str, object]:
    """Every kiosk once per ``interval`` from a random start, for ``seconds``."""
    tally = Tally()
    rng = random.Random(seed)
    started = time.perf_counter()

    async def loop(kiosk: SimulatedKiosk, session: aiohttp.ClientSession) -> None:
        due = started + rng.uniform(0, interval)
        while due < started + seconds:
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            if time.perf_counter() - due > interval / 10:
                tally.late_cycles += 1
            await sync_cycle(session, base, kiosk, tally)
            due += interval

    async with _session(500) as session:
        await asyncio.gather(*(loop(kiosk, session) for kiosk in kiosks))
    summary = tally.summary(time.perf_counter() - started)
    summary["late_cycles"] = tally.late_cycles
    return summary


def _session(connections: int) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(limit=connections)
    return aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=60))


def prepare(database: Database, directory: Path, count: int) -> list[SimulatedKiosk]:
    """Schema, key, sample forms, a trust list, fleet settings, ``count`` enrolled kiosks."""
    clock = SystemClock()
    create_schema(database)
    key = signing.generate_key(directory / f"signing-{time.monotonic_ns()}.pem")
    for form in sorted(FORMS_DIR.glob("*.json")):
        publish_file(database, form, key, clock)
    kiosks = []
    with database.transaction() as connection:
        form_registry.record_public_key(connection, key)
        trust_list_registry.publish(connection, json.dumps(TRUST_LIST), key, clock.now())
        fleet_settings_registry.publish(connection, json.dumps(FLEET_SETTINGS), key, clock.now())
        for number in range(1, count + 1):
            code = f"K{number:05d}"
            kiosk_registry.create_kiosk(connection, code, f"fleet {number}", clock.now())
            enrolment = kiosk_registry.create_enrolment_code(connection, code, clock.now())
            _, credential = kiosk_registry.enrol(connection, enrolment, clock.now())
            kiosks.append(SimulatedKiosk(code, credential, []))
    return kiosks


def fill_outboxes(kiosks: list[SimulatedKiosk], per_kiosk: int) -> None:
    """Applications waiting at each kiosk (real tracking numbers of that kiosk)."""
    for number, kiosk in enumerate(kiosks):
        kiosk.outbox = records(per_kiosk, seed=number, kiosk_code=kiosk.code)


def measure(
    server: PostgresServer, directory: Path, workers: int, args: argparse.Namespace
) -> None:
    """Both figures against ``workers`` server processes on a fresh database."""
    database = Database(server.new_database())
    kiosks = prepare(database, directory, args.kiosks)
    busy = kiosks[:CAPACITY_KIOSKS]
    fill_outboxes(busy, per_kiosk=40)
    fill_outboxes(kiosks[CAPACITY_KIOSKS:], per_kiosk=1 + int(args.duration / args.interval))
    port = free_port()
    process = serve_platform(database, port, workers)
    base = f"http://127.0.0.1:{port}{API_PREFIX}"
    try:
        most = asyncio.run(capacity(base, busy, args.capacity_seconds))
        _print("fleet_capacity", workers, args, most)
        fleet = asyncio.run(scheduled(base, kiosks, args.interval, args.duration, workers))
        _print("fleet_scheduled", workers, args, fleet)
    finally:
        process.terminate()
        process.wait()


def _print(name: str, workers: int, args: argparse.Namespace, figures: dict[str, object]) -> None:
    line = {"benchmark": name, "server_processes": workers, "kiosks": args.kiosks}
    if name == "fleet_scheduled":
        line |= {"interval_s": args.interval, "duration_s": args.duration}
    line |= figures | {"error_target": 0, "load_average": round(os.getloadavg()[0], 2)}
    print(json.dumps(line, ensure_ascii=False), flush=True)


def main() -> None:
    """Measure and print one JSON line per figure and server count."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--kiosks", type=int, default=5000)
    parser.add_argument("--interval", type=float, default=60.0)
    parser.add_argument("--duration", type=float, default=120.0)
    parser.add_argument("--capacity-seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    server = PostgresServer.start()
    try:
        with TemporaryDirectory() as scratch:
            for workers in args.workers:
                measure(server, Path(scratch), workers, args)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
