"""The kiosk reads no answer past its limit, and sends its credential over http to loopback only.

A fake central platform on loopback answers every request with a gzip bomb
(1 GiB of JSON-looking zeros in about 1 MB), a huge plain body, or a body
cut short; the real client with the real transport reads it in a child
process whose peak memory the test reads back.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from kiosk.central_address import central_url_problem, is_loopback_host
from kiosk.errors import ConfigError
from sync.client import CentralClient, CentralRefused, CentralUnavailable
from sync.transport import MAX_RESPONSE_BYTES, HttpResponse, RequestsTransport
from tests.fuzz.profile import examples
from tests.sync.test_decompression_bombs import gzip_of_zeros

PROJECT = Path(__file__).resolve().parents[2]
GIB = 1024 * 1024 * 1024


BOMB = gzip_of_zeros(GIB)


def answer_with(body: bytes, headers: dict[str, str]) -> type[BaseHTTPRequestHandler]:
    """A handler that answers every GET, POST and PUT with ``body``."""

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            self.rfile.read(length)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = _answer

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def fake_central() -> Iterator[Callable[[bytes, dict[str, str]], str]]:
    """Start a fake central on a free loopback port; returns its base URL."""
    servers: list[ThreadingHTTPServer] = []

    def start(body: bytes, headers: dict[str, str]) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), answer_with(body, headers))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


CHILD = textwrap.dedent(
    """
    import resource, sys, requests
    from sync.client import CentralClient, CentralUnavailable
    from sync.transport import RequestsTransport
    client = CentralClient(sys.argv[1], RequestsTransport(requests.Session()), credential="c")
    try:
        client.staff()
        outcome = "accepted"
    except CentralUnavailable as error:
        outcome = f"unavailable: {error}"
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    print(outcome)
    """
)


def fetch_in_child(url: str) -> tuple[int, str]:
    """Peak memory (MiB) and outcome of one real client call in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, url], capture_output=True, text=True, cwd=PROJECT, check=True
    )
    peak, outcome = done.stdout.split("\n", 1)
    assert "Traceback" not in done.stderr
    return int(peak), outcome.strip()


def test_a_gzip_bomb_answer_is_refused_in_bounded_memory(
    fake_central: Callable[[bytes, dict[str, str]], str],
) -> None:
    small = fake_central(b'{"records": []}', {})
    baseline, _ = fetch_in_child(small)
    bomb = fake_central(BOMB, {"Content-Encoding": "gzip", "Content-Length": str(len(BOMB))})

    peak, outcome = fetch_in_child(bomb)

    assert outcome.startswith("unavailable") and f"expands beyond {MAX_RESPONSE_BYTES}" in outcome
    assert peak - baseline < 2 * MAX_RESPONSE_BYTES // (1024 * 1024) + 16, (peak, baseline)


def test_a_plain_answer_past_the_limit_is_refused_while_streaming(
    fake_central: Callable[[bytes, dict[str, str]], str],
) -> None:
    url = fake_central(b" " * (MAX_RESPONSE_BYTES + 1), {})  # no Content-Length: read to the end
    client = CentralClient(url, RequestsTransport(requests.Session()), credential="c")
    with pytest.raises(CentralUnavailable, match="larger than"):
        client.staff()


ENDPOINTS: list[Callable[[CentralClient], object]] = [
    lambda c: c.forms(),
    lambda c: c.form("x", 1),
    lambda c: c.trust_list(0),
    lambda c: c.status_updates(0),
    lambda c: c.staff(),
    lambda c: c.unlock_secret(),
    lambda c: c.enrol("ABCD-EFGH-JKLM"),
]


@pytest.mark.parametrize("call", ENDPOINTS, ids=range(len(ENDPOINTS)))
@pytest.mark.parametrize(
    "answer",
    [
        (BOMB, {"Content-Encoding": "gzip"}),
        (BOMB[: len(BOMB) // 2], {"Content-Encoding": "gzip"}),
        (b"x" * 64, {"Content-Encoding": "br"}),
        (b"{}", {"Content-Length": str(MAX_RESPONSE_BYTES + 1)}),
    ],
    ids=["bomb", "cut-gzip", "unknown-encoding", "announced-too-large"],
)
def test_every_endpoint_refuses_an_answer_it_cannot_read_safely(
    fake_central: Callable[[bytes, dict[str, str]], str],
    call: Callable[[CentralClient], object],
    answer: tuple[bytes, dict[str, str]],
) -> None:
    url = fake_central(*answer)
    client = CentralClient(url, RequestsTransport(requests.Session()), credential="c")
    with pytest.raises(CentralUnavailable):
        call(client)


class NoNetwork:
    """A transport that records any attempt to use it."""

    def __init__(self) -> None:
        self.calls = 0

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str],
        body: bytes | None,
        timeout: tuple[float, float],
    ) -> HttpResponse:
        self.calls += 1
        return HttpResponse(200, "application/json", b"{}")


@pytest.mark.parametrize(
    "url", ["http://central.example.org", "http://192.0.2.10:8000", "http://[2001:db8::1]/"]
)
def test_plain_http_to_another_machine_is_refused_before_anything_is_sent(url: str) -> None:
    transport = NoNetwork()
    client = CentralClient(url, transport, credential="secret")
    with pytest.raises(CentralRefused, match="plain http to another machine"):
        client.unlock_secret()
    with pytest.raises(CentralRefused, match="plain http"):
        client.enrol("ABCD-EFGH-JKLM")
    assert transport.calls == 0


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000", "http://127.5.6.7", "http://[::1]:9", "http://localhost/"]
)
def test_plain_http_to_loopback_is_allowed(url: str) -> None:
    transport = NoNetwork()
    with pytest.raises(CentralUnavailable):  # "{}" is no valid answer, but it was asked
        CentralClient(url, transport, credential="c").staff()
    assert transport.calls == 1


def test_the_kiosk_refuses_a_plain_http_central_in_its_configuration(tmp_path: Path) -> None:
    (tmp_path / "kiosk.toml").write_text(
        'central_url = "http://central.example.org/"\n', encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "cli.kiosk_command", "--data-dir", str(tmp_path), "stats"],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "central_url" in result.stderr and "plain http" in result.stderr


@examples(200)
@given(
    scheme=st.sampled_from(["http", "https"]),
    host=st.one_of(
        st.ip_addresses().map(lambda ip: f"[{ip}]" if ip.version == 6 else str(ip)),
        st.sampled_from(["localhost", "LOCALHOST", "central.example.org", "localhost.evil.org"]),
    ),
)
def test_http_is_accepted_exactly_for_loopback_hosts(scheme: str, host: str) -> None:
    problem = central_url_problem(f"{scheme}://{host}/")
    bare = host.strip("[]")
    assert (problem is None) == (scheme == "https" or is_loopback_host(bare))
    if scheme == "http" and problem is None:
        assert bare.lower() == "localhost" or bare.startswith(("127.", "::1", "0:0:0:0:0:0:0:1"))


def test_configuration_error_names_the_setting() -> None:
    from kiosk.config import KioskConfig

    with pytest.raises(ConfigError, match="central_url"):
        KioskConfig(central_url="http://10.0.0.5/")
    assert KioskConfig(central_url="http://127.0.0.1:8000/").central_url
