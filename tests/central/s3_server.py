"""An S3-compatible server for tests: moto's standalone server on a loopback port.

It runs as its own process, speaking S3 over HTTP like any object store a
province might run, so the platform reaches it through boto3 exactly as a
deployment does (endpoint URL, credentials, bucket from the environment).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import requests

START_TIMEOUT_S = 60.0
ACCESS_KEY = "kiosk-test-access"
SECRET_KEY = "kiosk-test-secret"
REGION = "us-east-1"


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def s3_server() -> Iterator[str]:
    """Start moto's S3 server, yield its endpoint URL, stop it afterwards."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(endpoint, process)
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_up(endpoint: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("moto's S3 server exited at start")
        try:
            requests.get(endpoint, timeout=1)
            return
        except (requests.ConnectionError, requests.Timeout):
            # Still starting: refused, or accepted but not answered yet (on a loaded machine).
            time.sleep(0.1)
    raise RuntimeError("moto's S3 server did not start")
