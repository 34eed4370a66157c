"""Shared test set-up: Qt renders offscreen, so the suite needs no display."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import pytest

from tests.central.postgres_server import PostgresServer

pytest_plugins = ["tests.small_disk"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

_exit_status: list[int] = []


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One throwaway server for the whole session (tests/central and tests/cli share it)."""
    server = PostgresServer.start()
    yield server
    server.stop()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Remember the suite's outcome for `pytest_unconfigure`."""
    _exit_status.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Leave without the interpreter's final teardown, once pytest has reported.

    Qt, QtMultimedia and the native decoders tear down their globals in no
    fixed order at interpreter exit; now and then one aborts after every test
    has passed (seen as "Fatal Python error ... Extension modules: ..."),
    which would turn a green run red. Nothing is left to clean up here.

    Under pytest-xdist this runs in each worker after its session has ended,
    when the worker has already sent its results to the controller (whose
    exit status counts every worker's failures), and then in the controller,
    which leaves with the status of the whole run.
    """
    if _exit_status:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_exit_status[-1])
