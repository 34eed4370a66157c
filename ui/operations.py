"""Run slow work (storage, later sync, printing, decoding) off the GUI thread.

One small mechanism used everywhere: a function runs on a worker thread and
must not touch widgets; its result or its exception comes back to the GUI
thread through `on_success` / `on_failure`. Storage work goes to a single
long-lived thread, so the one database connection is only ever used by the
thread that opened it (sqlite3 checks this) and writes happen in the order
the person made them.

A plain executor with one worker is used rather than QThreadPool: Qt's pool
retires and replaces its threads (on expiry and in `waitForDone`), and a new
thread could not use the connection the old one opened.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from kiosk.errors import KioskError

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

    def run(self, work: Callable[[], object]) -> None:
        """Run `work` here, on the worker thread, and send its outcome home."""
        try:
            result = work()
        except Exception as error:  # every failure must reach the person, none may kill the worker
            if isinstance(error, KioskError):  # a named condition (full disk, locked): one line
                log.warning("background operation failed: %s", error)
            else:
                log.exception("background operation failed")
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)


class Operations(QObject):
    """Starts background operations and keeps their relays alive until they report."""

    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._storage_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storage")
        self._relays: set[_Relay] = set()
        self._futures: list[Future[None]] = []

    def run(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], Any] | None = None,
        on_failure: Callable[[Exception], Any] | None = None,
    ) -> None:
        """Run `work` on the storage thread; report back on the GUI thread."""
        relay = _Relay(on_success, on_failure, self._forget)
        self._relays.add(relay)
        self._futures = [future for future in self._futures if not future.done()]
        self._futures.append(self._storage_thread.submit(relay.run, work))

    def pending(self) -> int:
        """How many operations have not reported back yet."""
        return len(self._relays)

    def wait_for_idle(self, timeout_ms: int = 30_000) -> bool:
        """Block until the worker has run everything queued (shutdown and tests only)."""
        _, not_done = wait(self._futures, timeout=timeout_ms / 1000)
        return not not_done

    def _forget(self, relay: _Relay) -> None:
        self._relays.discard(relay)
        relay.deleteLater()
        if not self._relays:
            self.finished.emit()
