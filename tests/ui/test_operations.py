"""The lanes of background work: order, delivery on the GUI thread, failures, shutdown."""

from __future__ import annotations

import threading
from functools import partial

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from kiosk.errors import StorageFullError
from tests.ui.conftest import settle_kiosk
from ui.app import Kiosk
from ui.operations import Lane, Operations


def _gui_thread() -> QThread:
    return QThread.currentThread()


def test_a_lane_runs_its_jobs_in_order_on_one_thread_of_its_own(
    qtbot: QtBot, operations: Operations
) -> None:
    ran: list[tuple[int, str]] = []
    delivered: list[int] = []

    def work(number: int) -> int:
        ran.append((number, threading.current_thread().name))
        return number

    for number in range(20):
        operations.storage.run(partial(work, number), delivered.append)

    qtbot.waitUntil(lambda: operations.pending() == 0)
    assert [number for number, _ in ran] == list(range(20))
    assert {name for _, name in ran} == {"storage"}
    assert delivered == list(range(20))


def test_outcomes_are_delivered_on_the_gui_thread(qtbot: QtBot, operations: Operations) -> None:
    gui = _gui_thread()
    seen: list[tuple[object, bool]] = []

    def succeeded(value: str) -> None:
        seen.append((value, QThread.currentThread() is gui))

    def failed(error: Exception) -> None:
        seen.append((type(error), QThread.currentThread() is gui))

    def fail() -> None:
        raise ValueError("no")

    operations.printing.run(lambda: threading.current_thread().name, succeeded)
    operations.printing.run(fail, on_failure=failed)

    qtbot.waitUntil(lambda: operations.printing.pending() == 0)
    assert seen == [("printing", True), (ValueError, True)]


def test_a_failure_with_its_own_handler_is_not_shown_twice(
    qtbot: QtBot, operations: Operations, shown_failures: list[str]
) -> None:
    handled: list[Exception] = []
    error = StorageFullError("disk full")

    def fail() -> None:
        raise error

    operations.storage.run(fail, on_failure=handled.append)

    qtbot.waitUntil(lambda: operations.pending() == 0)
    assert handled == [error]  # the very exception raised on the worker
    assert shown_failures == []


def test_an_unhandled_failure_is_shown_to_the_person_and_logged(
    qtbot: QtBot,
    operations: Operations,
    shown_failures: list[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    def fail() -> None:
        raise StorageFullError("disk full")

    operations.storage.run(fail)

    qtbot.waitUntil(lambda: operations.pending() == 0)
    assert len(shown_failures) == 1 and "storage is full" in shown_failures[0]
    assert any("storage_full" in record.getMessage() for record in caplog.records)


def test_a_failure_does_not_end_the_lane(qtbot: QtBot, operations: Operations) -> None:
    results: list[int] = []

    def fail() -> int:
        raise RuntimeError("one bad job")

    operations.sync.run(fail, on_failure=lambda _: None)
    operations.sync.run(lambda: 7, results.append)

    qtbot.waitUntil(lambda: operations.sync.pending() == 0)
    assert results == [7]


def test_a_busy_lane_holds_up_no_other(qtbot: QtBot, operations: Operations) -> None:
    gate = threading.Event()
    saved: list[str] = []
    operations.printing.run(gate.wait)
    try:
        operations.storage.run(lambda: "saved", saved.append)
        qtbot.waitUntil(lambda: saved == ["saved"])
        assert operations.printing.pending() == 1
    finally:
        gate.set()


def test_in_the_decoding_lane_the_newest_job_wins(qtbot: QtBot, operations: Operations) -> None:
    gate, started = threading.Event(), threading.Event()
    decoded: list[int] = []
    dropped: list[int] = []

    def decode(frame: int) -> int:
        started.set()
        gate.wait()
        return frame

    for frame in range(10):
        operations.decoding.run(
            partial(decode, frame), decoded.append, on_dropped=partial(dropped.append, frame)
        )
        if frame == 0:
            qtbot.waitUntil(started.is_set)
    gate.set()

    qtbot.waitUntil(lambda: operations.decoding.pending() == 0)
    assert decoded == [0, 9]  # the one running, then only the newest
    assert dropped == list(range(1, 9))


def test_shutting_down_waits_for_every_lane_to_finish_its_work(operations: Operations) -> None:
    finished: list[str] = []
    gate = threading.Event()

    def slow(name: str) -> None:
        gate.wait(5)
        finished.append(name)

    for lane in (operations.storage, operations.printing, operations.sync):
        lane.run(partial(slow, lane.name))
    gate.set()
    operations.shut_down()

    assert sorted(finished) == ["printing", "storage", "sync"]
    operations.storage.run(partial(slow, "late"))  # a late timer at shutdown: not run
    assert operations.storage.wait_for_idle()
    assert "late" not in finished


def test_dropping_waiting_jobs_lets_the_running_one_finish(
    qtbot: QtBot, operations: Operations
) -> None:
    gate, started = threading.Event(), threading.Event()
    ran: list[str] = []
    lane: Lane = operations.printing

    def first() -> None:
        started.set()
        gate.wait(5)
        ran.append("first")

    lane.run(first)
    lane.run(lambda: ran.append("second"))
    qtbot.waitUntil(started.is_set)

    lane.drop_waiting()
    gate.set()

    assert lane.wait_for_idle()
    qtbot.waitUntil(lambda: lane.pending() == 0)
    assert ran == ["first"]


def test_in_the_kiosk_an_unhandled_failure_shows_below_the_screen_in_front(
    kiosk: Kiosk, qtbot: QtBot
) -> None:
    def fail(_storage: object) -> None:
        raise StorageFullError("disk full")

    kiosk.start.language_buttons["en"].click()
    kiosk.storage.run(fail)
    settle_kiosk(qtbot, kiosk)

    failure = kiosk.window.failure
    assert failure.isVisible() and "storage is full" in failure.text()
    assert kiosk.window.current_screen() is kiosk.start
