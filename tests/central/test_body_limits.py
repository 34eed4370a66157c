"""Oversized bodies to every route are refused early, before parsing and authentication.

The platform runs as a real ``kiosk-central serve`` process on a loopback
port, so its resident memory (``/proc/PID/status``) is its own: the peak
(VmHWM) may not grow by more than 50 MB whatever is sent.
"""

from __future__ import annotations

import itertools
import json
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from central import admin_access, kiosk_registry
from central.api import body_limit
from central.api.body_limit import ROUTE_LIMITS, limit_for
from central.database import Database
from demo.platform import prepare_platform
from kiosk.clock import FixedClock
from sync.protocol import (
    MAX_ANCHOR_LINKS,
    MAX_COUNT,
    MAX_FEEDBACK_ITEMS,
    AnchorRequest,
    AuditLink,
    FeedbackBatch,
    FeedbackRecord,
)
from tests.central.conftest import START
from tests.central.platform import FORMS_DIR, Platform
from tests.central.raw_http import send

MB = 1024 * 1024
RSS_GROWTH_LIMIT = 50 * MB
OVERSIZED = 8 * MB
"""Larger than every route's limit."""


@dataclass
class ServedProcess:
    """``kiosk-central serve`` in its own process, with a kiosk credential and an admin token."""

    process: subprocess.Popen[bytes]
    port: int
    kiosk: str
    admin: str

    @property
    def url(self) -> str:
        """Base URL of the API."""
        return f"http://127.0.0.1:{self.port}"

    def memory(self, field: str) -> int:
        """A figure from the server's ``/proc/PID/status`` (VmRSS, VmHWM), in bytes."""
        status = Path(f"/proc/{self.process.pid}/status").read_text(encoding="ascii")
        line = next(line for line in status.splitlines() if line.startswith(f"{field}:"))
        return int(line.split()[1]) * 1024


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _command() -> list[str]:
    script = Path(sys.executable).with_name("kiosk-central")
    return [str(script)] if script.exists() else [shutil.which("kiosk-central") or "kiosk-central"]


@pytest.fixture
def served(database: Database, tmp_path: Path) -> Iterator[ServedProcess]:
    """The platform served by its real command, with the sample forms published."""
    clock = FixedClock(START)
    prepare_platform(database, tmp_path / "signing.pem", FORMS_DIR, clock)
    with database.transaction() as connection:
        kiosk_registry.create_kiosk(connection, "LQ03", "LQ03", clock.now())
        code = kiosk_registry.create_enrolment_code(connection, "LQ03", clock.now())
        admin = admin_access.create_admin_token(connection)
    port = _free_port()
    process = subprocess.Popen(
        [*_command(), "--database", database.url, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):
            try:
                requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(0.05)
        enrolled = requests.post(
            f"http://127.0.0.1:{port}/api/v1/enrolment", json={"enrolment_code": code}, timeout=30
        )
        enrolled.raise_for_status()
        yield ServedProcess(process, port, str(enrolled.json()["credential"]), admin)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _operations(served: ServedProcess) -> list[tuple[str, str]]:
    """Every (method, path) of the OpenAPI schema, path parameters filled in."""
    schema = requests.get(f"{served.url}/api/v1/openapi.json", timeout=30).json()
    filled = {"{form_id}": "rural-pension-enrolment", "{version}": "1"}
    found = []
    for path, operations in schema["paths"].items():
        for placeholder, value in filled.items():
            path = path.replace(placeholder, value)
        found += [(method.upper(), path) for method in operations]
    return found


def test_an_oversized_body_to_every_route_is_refused_with_413(served: ServedProcess) -> None:
    operations = _operations(served)
    assert len(operations) >= 14
    peak_before = served.memory("VmHWM")
    piece = b"x" * (64 * 1024)
    pieces = OVERSIZED // len(piece)
    for (method, path), credential, chunked in itertools.product(
        operations, (None, served.kiosk, served.admin), (False, True)
    ):
        headers = {"Content-Type": "application/json"}
        if credential is not None:
            headers["Authorization"] = f"Bearer {credential}"
        if not chunked:
            headers["Content-Length"] = str(OVERSIZED)
        answer = send(
            served.port, method, path, itertools.repeat(piece, pieces), headers, chunked=chunked
        )
        assert answer.status == 413, (method, path, credential, chunked, answer.body[:200])
        assert answer.json()["code"] == "body_too_large"
    growth = served.memory("VmHWM") - peak_before
    print(f"{len(operations)} operations x 3 credentials x 2 framings: peak RSS +{growth} B")
    assert growth < RSS_GROWTH_LIMIT


@pytest.mark.parametrize("authenticated", [False, True])
def test_a_streamed_gibibyte_is_refused_early_without_memory_growth(
    served: ServedProcess, authenticated: bool
) -> None:
    headers = {"Content-Type": "application/json"}
    if authenticated:
        headers["Authorization"] = f"Bearer {served.kiosk}"
    piece = b"{" * MB
    peak_before = served.memory("VmHWM")
    started = time.perf_counter()
    answer = send(
        served.port,
        "POST",
        "/api/v1/enrolment",
        itertools.repeat(piece, 1024),
        headers,
        chunked=True,
    )
    elapsed = time.perf_counter() - started
    growth = served.memory("VmHWM") - peak_before
    print(f"1 GiB streamed: {answer.status} after {answer.bytes_sent} B in {elapsed:.3f} s")
    print(f"peak RSS +{growth} B")
    assert answer.status == 413
    assert answer.json()["code"] == "body_too_large"
    assert answer.bytes_sent < 64 * MB
    assert growth < RSS_GROWTH_LIMIT


def test_a_body_within_its_route_limit_passes(served: ServedProcess) -> None:
    """The largest body the batch route takes is not cut: it reaches validation (422)."""
    body = b" " * (ROUTE_LIMITS["/api/v1/applications/batch"] - 2) + b"{}"
    answer = requests.post(
        f"{served.url}/api/v1/applications/batch",
        data=body,
        headers={"Authorization": f"Bearer {served.kiosk}"},
        timeout=60,
    )
    assert answer.status_code == 422, answer.text


def test_the_largest_valid_requests_fit_their_route_limits() -> None:
    """A kiosk never builds a request its route refuses as too large."""
    link = AuditLink(id=MAX_COUNT, prev_hash="a" * 64, hash="b" * 64)
    anchor = AnchorRequest(links=[link] * MAX_ANCHOR_LINKS, backlog=MAX_COUNT)
    longest_text = "\U0001f600" * 1000  # two \\uXXXX escapes each in ASCII JSON
    item = FeedbackRecord(
        uuid="00000000-0000-4000-8000-000000000000",
        created_at="2026-11-27T03:30:12.000000Z",
        language="zh_CN",
        rating=5,
        topic=None,
        comment=longest_text,
        contact=longest_text[:100],
    )
    feedback = FeedbackBatch(items=[item] * MAX_FEEDBACK_ITEMS)
    assert len(anchor.model_dump_json()) < limit_for("/api/v1/audit-anchor")
    assert len(json.dumps(feedback.model_dump())) < limit_for("/api/v1/feedback")


def test_a_stalled_body_is_cut_with_408(
    platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A client that stops sending half-way does not hold its connection for ever."""
    monkeypatch.setattr(body_limit, "IDLE_TIMEOUT_S", 0.5)
    port = int(platform.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        head = "POST /api/v1/enrolment HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n"
        connection.sendall(head.encode() + b'{"enrolment_code": ')
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    status_line, _, rest = answer.partition(b"\r\n")
    assert status_line.split()[1] == b"408"
    assert json.loads(rest.partition(b"\r\n\r\n")[2])["code"] == "body_timeout"
