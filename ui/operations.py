"""Run slow work (storage, later sync, printing, decoding) off the GUI thread.

One small mechanism used everywhere: a function runs on a worker thread and
must not touch widgets; its result or its exception comes back to the GUI
thread through `on_success` / `on_failure`. Storage work goes to a pool with a
single thread, so the one database connection is only ever used by one thread
at a time and writes happen in the order the person made them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")


class _Relay(QObject):
    """Lives on the GUI thread; its signals, emitted by a worker, are delivered
    back to its own slots through Qt's queued connection."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        on_success: Callable[[Any], Any] | None,
        on_failure: Callable[[Exception], Any] | None,
        done: Callable[[_Relay], None],
    ) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        self._done = done
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    def _deliver_success(self, result: object) -> None:
        self._done(self)
        if self._on_success is not None:
            self._on_success(result)

    def _deliver_failure(self, error: object) -> None:
        self._done(self)
        if self._on_failure is not None:
            assert isinstance(error, Exception)
            self._on_failure(error)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # every failure must reach the person, none may kill the pool
            log.exception("background operation failed")
            self._relay.failed.emit(error)
        else:
            self._relay.succeeded.emit(result)


class Operations(QObject):
    """Starts background operations and keeps their relays alive until they report.

    `pending()` lets tests and the shutdown path wait until the queue is empty.
    """

    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._storage_pool = QThreadPool(self)
        self._storage_pool.setMaxThreadCount(1)
        # The thread must never be retired and replaced: the database
        # connection it opened belongs to it (sqlite3's check_same_thread).
        self._storage_pool.setExpiryTimeout(-1)
        self._relays: set[_Relay] = set()

    def run(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], Any] | None = None,
        on_failure: Callable[[Exception], Any] | None = None,
    ) -> None:
        """Run `work` on the storage thread; report back on the GUI thread."""
        relay = _Relay(on_success, on_failure, self._forget)
        self._relays.add(relay)
        self._storage_pool.start(_Task(work, relay))

    def pending(self) -> int:
        """How many operations have not reported back yet."""
        return len(self._relays)

    def wait_for_idle(self, timeout_ms: int = 30_000) -> bool:
        """Block until the worker is idle (used at shutdown, never on a normal path)."""
        return self._storage_pool.waitForDone(timeout_ms)

    def _forget(self, relay: _Relay) -> None:
        self._relays.discard(relay)
        relay.deleteLater()
        if not self._relays:
            self.finished.emit()
