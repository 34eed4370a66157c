"""schemathesis against the served OpenAPI schema: no input makes the platform answer 5xx,
and every one of schemathesis's checks passes (``st run --checks all``).

The ``st`` runs cover what a 5xx check cannot see: a 405 without ``Allow``,
a schema that does not resolve, a schema-valid request refused or an invalid
one accepted, undocumented status codes and headers, ignored credentials.
Examples per operation are bounded (and the seed fixed) to keep the run short.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.core.result import Ok

from central import admin_access
from central.database import Database
from kiosk.clock import FixedClock
from tests.central.conftest import START
from tests.central.platform import Platform, start_platform


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    """One platform on SQLite for every generated case of this module."""
    directory = tmp_path_factory.mktemp("fuzz")
    started = start_platform(
        Database(f"sqlite:///{directory / 'central.db'}"), FixedClock(START), directory
    )
    yield started
    started.server.stop()


@pytest.fixture(scope="module")
def credential(fuzzed: Platform) -> str:
    """A valid kiosk credential, so cases reach past authentication."""
    return fuzzed.credential("LQ03")


def test_no_input_causes_a_server_error(fuzzed: Platform, credential: str) -> None:
    schema = schemathesis.openapi.from_url(f"{fuzzed.url}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)]
    assert len(operations) >= 6
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
        def fuzz(case: schemathesis.Case[Any]) -> None:
            for headers in ({"Authorization": f"Bearer {credential}"}, None):
                response = case.call(headers=headers)
                assert response.status_code < 500, (case.path, case.body, response.text[:300])

        fuzz()


def test_the_schema_is_reachable(fuzzed: Platform) -> None:
    assert requests.get(f"{fuzzed.url}/api/v1/openapi.json", timeout=30).status_code == 200


ST_CONFIG = Path(__file__).with_name("schemathesis.toml")
"""What counts as a rejection of a request that breaks the schema (413 too)."""


def _st_run(fuzzed: Platform, credential: str, *selection: str) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).with_name("st")), "--config-file", str(ST_CONFIG), "run"]
    command += [f"{fuzzed.url}/api/v1/openapi.json", "--checks", "all", "--max-examples", "10"]
    command += ["--phases", "examples,coverage,fuzzing", "--seed", "1", "--no-color"]
    command += ["--header", f"Authorization: Bearer {credential}", *selection]
    return subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)


def test_every_schemathesis_check_passes_for_kiosk_routes(
    fuzzed: Platform, credential: str
) -> None:
    done = _st_run(fuzzed, credential, "--exclude-path-regex", "/admin/")
    summary = done.stdout[-6000:]
    print(summary)
    assert done.returncode == 0, summary
    assert " passed" in summary and "failed" not in summary


def test_every_schemathesis_check_passes_for_admin_routes(fuzzed: Platform) -> None:
    with fuzzed.database.transaction() as connection:
        token = admin_access.create_admin_token(connection)
    done = _st_run(fuzzed, token, "--include-path-regex", "/admin/")
    summary = done.stdout[-6000:]
    print(summary)
    assert done.returncode == 0, summary
    assert " passed" in summary and "failed" not in summary
