"""The web console on a province's worth of applications (PostgreSQL).

    python -m bench.console_bench [--applications 1000000] [--requests 200]

A throwaway PostgreSQL server is filled with ``--applications`` applications
(one ``INSERT … SELECT generate_series``, the sample forms published, 20
kiosks in 5 townships), the platform serves on a loopback port in this
process, and an officer signed in through the real pages asks for:

- queue pages: the default queue, filtered by service, township, status and
  overdue, and pages deep into the keyset (from random positions);
- application detail pages of random applications;
- a CSV export of 100,000 applications (one service, a date range).

Each request's time is taken at the client on loopback, so it includes the
HTTP round trip: an upper bound on the server's time. The baseline, measured
in the same run, is the platform's health endpoint (the cost of a request
that does nothing). Prints one JSON line; targets: queue p95 ≤ 100 ms, detail
p95 ≤ 50 ms, export ≥ 20,000 rows/s with RSS growth ≤ 50 MB.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path
from tempfile import TemporaryDirectory
from uuid import UUID

import psycopg
import requests

from central import form_registry, signing
from central.console import accounts
from central.console.accounts import Role
from central.database import Database
from central.intake import published_versions
from central.schema import create_schema
from central.server import ThreadedServer
from kiosk.clock import SystemClock
from kiosk.forms import load_form
from kiosk.forms.loader import decode_form_json
from resources import FORMS_DIR
from tests.central.postgres_server import PostgresServer

QUEUE_TARGET_MS = 100.0
DETAIL_TARGET_MS = 50.0
EXPORT_TARGET_ROWS_PER_S = 20_000.0
EXPORT_ROWS = 100_000
EXPORT_RSS_TARGET_MB = 50.0
PASSWORD = "benchmark password"
TOWNSHIPS = ("城关镇", "东乡", "西乡", "南山乡", "北河镇")


def _fill(url: str, applications: int) -> list[str]:
    """Kiosks and ``applications`` rows straight into PostgreSQL; returns the form ids."""
    forms = sorted(path.stem for path in FORMS_DIR.glob("*.json"))
    with psycopg.connect(url, autocommit=True) as connection:
        for number in range(20):
            connection.execute(
                "INSERT INTO kiosks (code, name, created_at, township) VALUES (%s, %s, %s, %s)",
                [
                    f"K{number:03d}",
                    f"kiosk {number}",
                    "2026-01-01T00:00:00.000000Z",
                    TOWNSHIPS[number % len(TOWNSHIPS)],
                ],
            )
        # One statement: Python never holds the rows. Every third application
        # is a pension one; arrival times spread over a year, two per minute.
        connection.execute(
            """
            INSERT INTO applications (uuid, kiosk_code, form_id, form_version, language,
                tracking_number, submitted_at, assisted, answers, content_hash, received_at,
                identity, status, due_on, decided_on)
            SELECT md5(n::text)::uuid::text, 'K' || lpad((n %% 20)::text, 3, '0'),
                (%s::text[])[1 + n %% %s], 1, 'zh_CN',
                'K' || lpad((n %% 20)::text, 3, '0') || '-260101-' || lpad(n::text, 7, '0'),
                to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), (n %% 4 = 0)::int,
                json_build_object('full_name', '申请人' || n,
                    'phone', '1380013' || lpad((n %% 10000)::text, 4, '0'))::text,
                md5(n::text || 'content'),
                to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), NULL,
                CASE WHEN n %% 5 = 0 THEN 'approved' WHEN n %% 5 = 1 THEN 'in_review' END,
                to_char(t + interval '21 days', 'YYYY-MM-DD'),
                CASE WHEN n %% 5 = 0 THEN to_char(t + interval '10 days', 'YYYY-MM-DD') END
            FROM generate_series(1, %s) AS n,
                LATERAL (SELECT timestamp '2026-01-01' + n * interval '30 seconds' AS t) AS moment
            """,
            [forms, len(forms), applications],
        )
        connection.execute("ANALYZE")
    return forms


def _publish(database: Database, directory: Path) -> None:
    clock = SystemClock()
    key = signing.generate_key(directory / "signing.pem")
    with database.transaction() as connection:
        form_registry.record_public_key(connection, key)
        for path in sorted(FORMS_DIR.glob("*.json")):
            data = decode_form_json(path.read_text(encoding="utf-8"), path.name)
            form_registry.publish(connection, load_form(path), data, key, clock.now())
        assert published_versions(connection)
        accounts.add_account(connection, "officer", "officer", Role.OFFICER, PASSWORD, clock.now())


def _signed_in(url: str) -> requests.Session:
    browser = requests.Session()
    page = browser.get(f"{url}/console/sign-in", timeout=60)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    answer = browser.post(
        f"{url}/console/sign-in",
        data={"username": "officer", "password": PASSWORD, "csrf_token": token.group(1)},
        timeout=60,
    )
    answer.raise_for_status()
    return browser


def _timed(browser: requests.Session, url: str) -> tuple[float, requests.Response]:
    started = time.perf_counter()
    answer = browser.get(url, timeout=120)
    elapsed = (time.perf_counter() - started) * 1000
    answer.raise_for_status()
    return elapsed, answer


def _p95(values: list[float]) -> float:
    return round(statistics.quantiles(values, n=20)[18], 1)


def _rss_mb() -> float:
    for line in Path(f"/proc/{os.getpid()}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


QUEUE_VARIANTS = ("default", "service", "township", "in_review", "overdue", "deep_all")
"""The queue pages asked for in turn; each gets its own p95 in the figures."""


def _queue_urls(
    base: str, forms: list[str], count: int, rng: random.Random
) -> list[tuple[str, str]]:
    """(variant, URL) for ``count`` queue pages, the variants in turn."""
    urls = []
    for number in range(count):
        variant = QUEUE_VARIANTS[number % len(QUEUE_VARIANTS)]
        query = {
            "default": "",
            "service": f"?service={rng.choice(forms)}",
            "township": f"?township={rng.choice(TOWNSHIPS)}",
            "in_review": "?status=in_review",
            "overdue": "?overdue=true",
            "deep_all": "",  # a page deep into the keyset, decided ones included
        }[variant]
        if variant == "deep_all":
            day = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            query = f"?status=all&after={day}|{rng.randbytes(4).hex()}"
        urls.append((variant, f"{base}/console/applications{query}"))
    return urls


def run(applications: int, request_count: int) -> dict[str, object]:
    """Fill, serve, measure; the figures as one dict."""
    rng = random.Random(20261206)
    server = PostgresServer.start()
    try:
        url = server.new_database()
        database = Database(url)
        create_schema(database)
        with TemporaryDirectory() as folder:
            _publish(database, Path(folder))
        filled = time.perf_counter()
        forms = _fill(url, applications)
        fill_s = time.perf_counter() - filled
        platform = ThreadedServer(database, SystemClock())
        base = platform.start()
        try:
            browser = _signed_in(base)
            baseline = [_timed(browser, f"{base}/api/v1/health")[0] for _ in range(request_count)]
            queue: dict[str, list[float]] = {variant: [] for variant in QUEUE_VARIANTS}
            for variant, page in _queue_urls(base, forms, request_count, rng):
                queue[variant].append(_timed(browser, page)[0])
            detail = []
            for _ in range(request_count):
                number = rng.randint(1, applications)
                uuid = str(
                    UUID(hashlib.md5(str(number).encode()).hexdigest())
                )  # as the fill made it
                detail.append(_timed(browser, f"{base}/console/applications/{uuid}")[0])
            export_rate, export_rows, rss_growth = _export(browser, base, applications)
        finally:
            platform.stop()
    finally:
        server.stop()
    return {
        "benchmark": "console",
        "applications": applications,
        "fill_s": round(fill_s, 1),
        "health_ms_p95": _p95(baseline),
        "queue_ms_p95": _p95([value for values in queue.values() for value in values]),
        "queue_ms_p95_by_filter": {variant: _p95(values) for variant, values in queue.items()},
        "queue_target_ms": QUEUE_TARGET_MS,
        "detail_ms_p95": _p95(detail),
        "detail_target_ms": DETAIL_TARGET_MS,
        "export_rows": export_rows,
        "export_rows_per_s": round(export_rate),
        "export_target_rows_per_s": EXPORT_TARGET_ROWS_PER_S,
        "export_rss_growth_mb": round(rss_growth, 1),
        "export_rss_target_mb": EXPORT_RSS_TARGET_MB,
        "requests": request_count,
    }


def _export(browser: requests.Session, base: str, applications: int) -> tuple[float, int, float]:
    """Stream a CSV of about EXPORT_ROWS pension applications; rows/s and RSS growth."""
    forms = sorted(path.stem for path in FORMS_DIR.glob("*.json"))
    share = len(forms)
    # Applications arrive every 30 s and every `share`-th is of this form.
    days = max(1, round(EXPORT_ROWS * share * 30 / 86_400))
    end = datetime(2026, 1, 1, tzinfo=UTC).toordinal() + min(days, applications * 30 // 86_400)
    to_day = datetime.fromordinal(end).date().isoformat()
    before = _rss_mb()
    peak = before
    rows = 0
    started = time.perf_counter()
    with browser.get(
        f"{base}/console/exports/applications.csv?service={forms[0]}&from=2026-01-01&to={to_day}",
        stream=True,
        timeout=600,
    ) as answer:
        answer.raise_for_status()
        for chunk in answer.iter_content(chunk_size=1 << 16):
            rows += chunk.count(b"\n")
            peak = max(peak, _rss_mb())
    elapsed = time.perf_counter() - started
    rows -= 1  # the header
    return rows / elapsed, rows, peak - before


def main() -> None:
    """Parse the options, run, print the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    print(json.dumps(run(args.applications, args.requests)), flush=True)


if __name__ == "__main__":
    main()
