"""Readiness, Prometheus metrics and the JSON request log, over HTTP on both databases."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from central import admin_access, observability
from central.database import Database
from kiosk.clock import FixedClock
from tests.central.conftest import START
from tests.central.platform import Platform, start_platform
from tests.central.test_api import record, submit

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def admin_token(platform: Platform) -> str:
    with platform.database.transaction() as connection:
        return admin_access.create_admin_token(connection)


def scrape(platform: Platform, token: str) -> Samples:
    """Every sample of ``/metrics``, keyed by name and sorted labels."""
    answer = requests.get(
        f"{platform.url}/api/v1/admin/metrics",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(answer.text)
        for sample in family.samples
    }


def test_ready_checks_the_database_and_its_schema(platform: Platform) -> None:
    assert requests.get(f"{platform.url}/api/v1/health", timeout=30).status_code == 200
    ready = requests.get(f"{platform.url}/api/v1/ready", timeout=30)
    assert (ready.status_code, ready.json()["status"]) == (200, "ready")
    with platform.database.transaction() as connection:
        connection.execute("DROP TABLE feedback")
    missing = requests.get(f"{platform.url}/api/v1/ready", timeout=30)
    assert missing.status_code == 503
    assert missing.json() == {"status": "not_ready", "reason": "schema_missing"}
    assert requests.get(f"{platform.url}/api/v1/health", timeout=30).status_code == 200


def test_ready_says_so_when_the_database_is_unreachable(tmp_path: Path) -> None:
    platform = start_platform(
        Database(f"sqlite:///{tmp_path / 'central.db'}"), FixedClock(START), tmp_path
    )
    try:
        (tmp_path / "central.db").unlink()
        (tmp_path / "central.db").mkdir()  # a folder where the file was: cannot be opened
        answer = requests.get(f"{platform.url}/api/v1/ready", timeout=30)
        assert answer.status_code == 503
        assert answer.json() == {"status": "not_ready", "reason": "database_unreachable"}
    finally:
        platform.server.stop()


def test_metrics_need_the_administrator_token(platform: Platform) -> None:
    url = f"{platform.url}/api/v1/admin/metrics"
    assert requests.get(url, timeout=30).status_code == 401
    kiosk = {"Authorization": f"Bearer {platform.credential('LQ03')}"}
    assert requests.get(url, headers=kiosk, timeout=30).status_code == 401
    scrape(platform, admin_token(platform))


def test_metrics_count_requests_by_route_template_and_ingest_by_outcome(
    platform: Platform,
) -> None:
    token = admin_token(platform)
    credential = platform.credential("LQ03")
    before = scrape(platform, token)
    items = [record(), record()]
    submit(platform, credential, items)
    submit(platform, credential, items)  # resent after a lost answer
    submit(platform, credential, [record(form_version=99)])
    for form in ("nosuch-AAAA/7", "other-BBBB/8"):
        requests.get(
            f"{platform.url}/api/v1/forms/{form}",
            headers={"Authorization": f"Bearer {credential}"},
            timeout=30,
        )
    requests.get(f"{platform.url}/api/v1/forms", timeout=30)
    requests.get(f"{platform.url}/no/such/path", timeout=30)
    after = scrape(platform, token)

    def grew(name: str, **labels: str) -> float:
        key = (name, tuple(sorted(labels.items())))
        return after.get(key, 0.0) - before.get(key, 0.0)

    ingested = "kiosk_central_applications_ingested_total"
    assert grew(ingested, outcome="stored") == 2
    assert grew(ingested, outcome="already_stored") == 2
    assert grew(ingested, outcome="refused") == 1
    batch = {"method": "POST", "route": "/api/v1/applications/batch"}
    assert grew("kiosk_central_requests_total", **batch, status="2xx") == 3
    assert grew("kiosk_central_request_duration_seconds_count", **batch) == 3
    assert grew("kiosk_central_requests_total", method="GET", route="unmatched", status="4xx") == 1
    bundle = {"method": "GET", "route": "/api/v1/forms/{form_id}/{version}", "status": "4xx"}
    assert grew("kiosk_central_requests_total", **bundle) == 2
    assert grew("kiosk_central_requests_total", method="GET", route="/api/v1/forms", status="4xx")
    routes = {dict(labels).get("route", "") for _, labels in after}
    assert not any("AAAA" in route or "no/such" in route for route in routes), routes


def test_sync_lag_and_backlog_per_kiosk_are_read_when_scraped(
    platform: Platform, clock: FixedClock
) -> None:
    token = admin_token(platform)
    submit(platform, platform.credential("LQ03"), [record()], backlog=7)
    platform.enrolment_code("LQ04")  # registered, never in contact: no lag yet
    clock.advance(timedelta(seconds=90))
    samples = scrape(platform, token)
    assert samples[("kiosk_central_kiosk_sync_lag_seconds", (("kiosk", "LQ03"),))] == 90
    assert samples[("kiosk_central_kiosk_backlog", (("kiosk", "LQ03"),))] == 7
    assert ("kiosk_central_kiosk_sync_lag_seconds", (("kiosk", "LQ04"),)) not in samples
    assert samples[("kiosk_central_kiosk_backlog", (("kiosk", "LQ04"),))] == 0


@pytest.fixture
def request_lines(monkeypatch: pytest.MonkeyPatch) -> Iterator[io.StringIO]:
    """What the JSON request log writes while the test runs."""
    monkeypatch.setenv(observability.JSON_LOG_VARIABLE, "1")
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    observability.request_log.addHandler(handler)
    yield written
    observability.request_log.removeHandler(handler)


def test_the_request_log_is_one_json_line_per_request_without_answers(
    database: Database, clock: FixedClock, tmp_path: Path, request_lines: io.StringIO
) -> None:
    platform = start_platform(database, clock, tmp_path)
    try:
        credential = platform.credential("LQ03")
        answers = {"name": "Nomvula Dlamini-Zungu", "id_number": "8001015009087"}
        assert submit(platform, credential, [record(answers=answers)]).status_code == 200
    finally:
        platform.server.stop()
    lines = [json.loads(line) for line in request_lines.getvalue().splitlines()]
    assert [line["route"] for line in lines] == [
        "/api/v1/enrolment",
        "/api/v1/applications/batch",
    ]
    batch = lines[-1]
    assert set(batch) == {"time", "method", "route", "status", "duration_ms", "kiosk"}
    assert (batch["kiosk"], batch["status"], batch["method"]) == ("LQ03", 200, "POST")
    assert "kiosk" not in lines[0]
    text = request_lines.getvalue()
    assert "Nomvula" not in text and "8001015009087" not in text


def test_no_request_log_unless_asked(platform: Platform) -> None:
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    observability.request_log.addHandler(handler)
    try:
        requests.get(f"{platform.url}/api/v1/health", timeout=30)
    finally:
        observability.request_log.removeHandler(handler)
    assert written.getvalue() == ""
