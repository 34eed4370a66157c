"""The link fault table in its short mode, one test per scenario.

Each scenario runs the real sync worker against a real central platform
through the fault, then without it; the full table is
``python -m bench.link_faults`` (docs/reliability.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.link_faults import SCENARIOS, Scenario, run_scenario
from bench.local_central import LocalCentral, start_local_central

SHORT_APPLICATIONS = 5


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCentral]:
    """One platform for every scenario; each scenario enrols its own kiosk."""
    started = start_local_central(tmp_path_factory.mktemp("central"))
    yield started
    started.stop()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[scenario.name for scenario in SCENARIOS])
def test_each_fault_is_named_and_every_application_arrives_once(
    central: LocalCentral, tmp_path: Path, scenario: Scenario
) -> None:
    number = SCENARIOS.index(scenario)

    result = run_scenario(central, tmp_path, scenario, number, SHORT_APPLICATIONS)

    assert (result.delivered, result.lost, result.duplicated) == (SHORT_APPLICATIONS, 0, 0)
    assert result.reason_clear, result.reason
    if scenario.expected_reason is None:  # slow, not broken: it delivers while slow
        assert result.delivered_during_fault == SHORT_APPLICATIONS
    else:
        assert result.delivered_during_fault == 0
