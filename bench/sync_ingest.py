"""Central ingest rate: submissions stored per second through the HTTP API.

``kiosk-central serve --workers 2`` (one worker per core of the reference
machine) runs in a subprocess on a fresh database; client threads send
pre-compressed gzip batches of distinct applications, as many kiosks would.
Compression and JSON encoding on the client side happen before the clock
starts. The target is at least 2,000 submissions/s on SQLite.

Run: ``python -m bench.sync_ingest [--database sqlite|postgresql] [--n 20000]``;
prints one JSON line. ``postgresql`` starts a throwaway server (needs the
Debian ``postgresql`` package).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from bench.sync_sample import records
from central import form_registry, kiosk_registry, signing
from central.database import Database
from central.form_registry import publish_file
from central.schema import create_schema
from kiosk.clock import SystemClock
from resources import FORMS_DIR
from sync.protocol import SubmitBatch
from tests.central.postgres_server import PostgresServer, free_port

TARGET_PER_SECOND = 2000.0


def _prepare(database: Database, directory: Path) -> str:
    clock = SystemClock()
    create_schema(database)
    key = signing.generate_key(directory / "signing.pem")
    with database.transaction() as connection:
        form_registry.record_public_key(connection, key)
        kiosk_registry.create_kiosk(connection, "LQ03", "bench", clock.now())
        code = kiosk_registry.create_enrolment_code(connection, "LQ03", clock.now())
    publish_file(database, FORMS_DIR / "rural-pension-enrolment.json", key, clock)
    return code


def serve_platform(database: Database, port: int, workers: int) -> subprocess.Popen[bytes]:
    """`kiosk-central serve` in a child process, once it answers its health endpoint."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cli.central_command",
            "--database",
            database.url,
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ),
    )
    while process.poll() is None:
        try:
            requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=5)
            return process
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


def run(database: Database, directory: Path, n: int, batch: int, threads: int) -> float:
    """Submissions per second for ``n`` applications in batches of ``batch``."""
    code = _prepare(database, directory)
    port = free_port()
    process = serve_platform(database, port, workers=2)
    url = f"http://127.0.0.1:{port}/api/v1"
    try:
        credential = requests.post(
            f"{url}/enrolment", json={"enrolment_code": code}, timeout=30
        ).json()["credential"]
        sample = records(n)
        bodies = [
            gzip.compress(SubmitBatch(items=sample[i : i + batch]).model_dump_json().encode())
            for i in range(0, n, batch)
        ]
        headers = {"Authorization": f"Bearer {credential}", "Content-Encoding": "gzip"}
        sessions = [requests.Session() for _ in range(threads)]

        def send(index: int) -> None:
            answer = sessions[index % threads].post(
                f"{url}/applications/batch", data=bodies[index], headers=headers, timeout=300
            )
            answer.raise_for_status()

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(send, range(len(bodies))))
        elapsed = time.perf_counter() - started
        with database.transaction() as connection:
            stored = int(connection.query("SELECT COUNT(*) FROM applications")[0][0])
        if stored != n:
            raise RuntimeError(f"{stored} stored, {n} sent")
        return n / elapsed
    finally:
        process.terminate()
        process.wait()


STORAGE_TABLES = ("applications", "status_updates")
"""What an application costs the database: its row and its status history."""


def postgres_bytes_per_application(database: Database) -> int:
    """Bytes PostgreSQL holds per stored application (tables, indexes, TOAST).

    Read after an ingest of realistic answers: the basis of docs/scaling.md's
    storage per million applications.
    """
    with database.transaction() as connection:
        stored = int(connection.query("SELECT COUNT(*) FROM applications")[0][0])
        sizes = [
            int(connection.query("SELECT pg_total_relation_size(?::regclass)", [table])[0][0])
            for table in STORAGE_TABLES
        ]
    return round(sum(sizes) / stored)


def main() -> None:
    """Measure and print one JSON line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        server = None
        if args.database == "sqlite":
            database = Database(f"sqlite:///{directory / 'central.db'}")
        else:
            server = PostgresServer.start()
            database = Database(server.new_database())
        try:
            rate = run(database, directory, args.n, args.batch, args.threads)
            storage = (
                {}
                if server is None
                else {"bytes_per_application": postgres_bytes_per_application(database)}
            )
        finally:
            if server is not None:
                server.stop()
    print(
        json.dumps(
            {
                "bench": "sync_ingest",
                "database": args.database,
                "workers": 2,
                "submissions": args.n,
                "batch": args.batch,
                "submissions_per_second": round(rate, 1),
                "target_per_second": TARGET_PER_SECOND,
                "met": rate >= TARGET_PER_SECOND,
            }
            | storage
        )
    )


if __name__ == "__main__":
    main()
