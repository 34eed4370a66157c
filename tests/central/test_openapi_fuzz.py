"""schemathesis against the served OpenAPI schema: no input makes the platform answer 5xx."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.core.result import Ok

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
