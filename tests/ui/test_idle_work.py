"""Work put off until the event loop has answered what was waiting (ui.idle_work)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.idle_work import in_turns, when_idle

WAIT_MS = 5_000
"""A bound on the waits below, not a speed target."""


def test_pieces_run_in_order_each_after_a_pass_that_runs_nothing(qtbot: QtBot) -> None:
    owner = QObject()
    ran: list[str] = []
    when_idle(owner, lambda: ran.append("first"))
    when_idle(owner, lambda: ran.append("second"))
    assert ran == []  # put off, not run now

    passes_until(lambda: bool(ran))
    assert ran == ["first"]
    QApplication.processEvents()  # the pass that hands over to what waits
    assert ran == ["first"]
    QApplication.processEvents()
    assert ran == ["first", "second"]


def passes_until(done: Callable[[], bool]) -> None:
    """Let the event loop make passes, one at a time, until `done`."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while not done():
        assert time.monotonic() < deadline, "the event loop never got there"
        QApplication.processEvents()


def test_a_piece_whose_owner_is_deleted_first_does_not_run(qtbot: QtBot) -> None:
    gone, kept = QObject(), QObject()
    ran: list[str] = []
    when_idle(gone, lambda: ran.append("gone"))
    when_idle(kept, lambda: ran.append("kept"))
    gone.deleteLater()

    qtbot.waitUntil(lambda: ran == ["kept"], timeout=WAIT_MS)


def test_work_in_turns_runs_until_done_and_lets_later_pieces_through(qtbot: QtBot) -> None:
    owner = QObject()
    ran: list[str] = []
    steps = iter(["step 1", "step 2", "step 3"])

    def step() -> bool:
        ran.append(next(steps))
        return ran[-1] != "step 3"  # more to do until the third step

    in_turns(owner, step)
    when_idle(owner, lambda: ran.append("other"))

    qtbot.waitUntil(lambda: "step 3" in ran, timeout=WAIT_MS)
    assert ran == ["step 1", "other", "step 2", "step 3"]
