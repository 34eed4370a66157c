"""Sync cycles on the sync lane: the first at start, the next after the interval or at once
when the clerk asks. The kiosk is not enrolled, so each cycle reports that without a network."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.store import open_database
from sync.worker import SyncReport
from ui.operations import Operations
from ui.sync_runner import SyncRunner

HOUR = 3600.0
UNUSED_PORT_URL = "http://127.0.0.1:9"  # the discard port: nothing answers there


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "kiosk.db"
    open_database(path).db.conn.close()
    return path


@pytest.fixture
def runners(operations: Operations, database: Path) -> Iterator[list[SyncRunner]]:
    made: list[SyncRunner] = []
    yield made
    for runner in made:
        runner.stop()


def _runner(
    runners: list[SyncRunner], operations: Operations, database: Path, interval: float
) -> SyncRunner:
    runner = SyncRunner(database, UNUSED_PORT_URL, operations.sync, interval=interval)
    runners.append(runner)
    return runner


def test_cycles_follow_one_another_after_the_interval(
    qtbot: QtBot, operations: Operations, database: Path, runners: list[SyncRunner]
) -> None:
    runner = _runner(runners, operations, database, interval=0.05)
    reports: list[SyncReport] = []
    runner.report.connect(reports.append)

    runner.start()

    qtbot.waitUntil(lambda: len(reports) >= 3)
    assert all("not enrolled" in (report.error or "") for report in reports)


def test_sync_now_runs_a_cycle_without_waiting_for_the_interval(
    qtbot: QtBot, operations: Operations, database: Path, runners: list[SyncRunner]
) -> None:
    runner = _runner(runners, operations, database, interval=HOUR)
    with qtbot.waitSignal(runner.report):
        runner.start()

    with qtbot.waitSignal(runner.report):
        runner.sync_now()


def test_sync_now_during_a_cycle_runs_one_more_right_after_it(
    qtbot: QtBot, operations: Operations, database: Path, runners: list[SyncRunner]
) -> None:
    runner = _runner(runners, operations, database, interval=HOUR)
    reports: list[SyncReport] = []
    runner.report.connect(reports.append)

    runner.start()
    runner.sync_now()  # the first cycle is queued or running: another follows it
    runner.sync_now()  # asked twice meanwhile: still one more, not two

    qtbot.waitUntil(lambda: len(reports) == 2)
    assert operations.sync.wait_for_idle()
    assert operations.sync.pending() == 0 and len(reports) == 2


def test_without_a_central_platform_the_runner_idles_until_it_is_given_one(
    qtbot: QtBot, operations: Operations, database: Path, runners: list[SyncRunner]
) -> None:
    runner = SyncRunner(database, None, operations.sync, interval=0.05)
    runners.append(runner)
    reports: list[SyncReport] = []
    runner.report.connect(reports.append)

    runner.start()
    runner.sync_now()  # "Sync now" is not offered then; asked anyway, it does nothing
    assert not runner.configured
    assert operations.sync.wait_for_idle() and operations.pending() == 0
    qtbot.wait(200)  # four intervals
    assert reports == []

    with qtbot.waitSignal(runner.retargeted), qtbot.waitSignal(runner.report):
        runner.retarget(UNUSED_PORT_URL, None)  # an enrolment gave it an address
    assert runner.configured
