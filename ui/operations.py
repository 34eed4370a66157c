"""The kiosk's one mechanism for background work: named lanes, results on the GUI thread.

Every slow job of the kiosk (a database write, a print round, a sync cycle, a
camera frame to decode) is a function handed to one of the lanes of
:class:`Operations`. It runs on that lane's worker thread and must not touch
widgets; what it returns, or what it raised, comes back to the GUI thread
through ``on_success`` / ``on_failure``, as Anki's ``CollectionOp`` and
``QueryOp`` do. A failure nobody handles is never silent: it is logged for
the clerk and shown to the person through :func:`ui.problems.failure_message`,
the one place that turns errors into words.

The lanes:

``storage``
    One long-lived thread for the screens' database connection: sqlite3 lets
    a connection be used only by the thread that opened it, and writes happen
    in the order the person made them.
``printing``
    One thread with the print queue's own connection; a printer call may
    block on a USB device or a spooler for seconds without holding up a save.
``sync``
    One thread for the sync cycles and their connection, so a slow network
    delays neither saving nor printing.
``decoding``
    Camera frames, the pipeline's quick steps. At most one waits: a newer
    frame replaces the waiting one, so memory never grows and what is decoded
    is what the person holds up now.
``costly_decoding``
    The costly steps (deblurring, un-warping) on frames the quick ones
    missed, kept apart so that the camera's frames never wait for them; at
    most one waits here too, the newest winning.
``speech``
    Restarting the kiosk's speech-dispatcher when reading aloud failed
    (:mod:`ui.speech`): stopping a daemon and waiting for a new one to
    answer takes a second or more, rarely (at most once in ten minutes).

Each lane is a plain thread of its own rather than a QThreadPool: Qt's pool
retires and replaces its threads, and a new thread could not use the
connection the old one opened. Lanes start their thread with their first job,
so an idle lane costs nothing at start-up.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from functools import partial
from typing import Any, NamedTuple, TypeVar

from PySide6.QtCore import QObject, Signal

from kiosk.errors import KioskError

log = logging.getLogger(__name__)

T = TypeVar("T")

ShowFailure = Callable[[str], object]
"""Shows a translated failure message to the person at the kiosk."""


class _Courier(QObject):
    """Lives on the GUI thread; a worker emits `arrived` with a delivery, and Qt's
    queued connection runs it here, on the GUI thread."""

    arrived = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.arrived.connect(self._hand_over)

    @staticmethod
    def _hand_over(delivery: Callable[[], None]) -> None:
        delivery()


class _Job(NamedTuple):  # not a dataclass: made before the first paint at a third of the cost
    work: Callable[[], Any]
    on_success: Callable[[Any], Any] | None
    on_failure: Callable[[Exception], Any] | None
    on_dropped: Callable[[], Any] | None


class Lane:
    """A named queue of background work with one worker thread of its own.

    Jobs run one at a time in the order they were given. With `keep_waiting`
    set, at most that many jobs wait behind the running one: a new job pushes
    out the oldest waiting job, whose `on_dropped` is called instead of it.
    """

    def __init__(
        self,
        name: str,
        courier: _Courier,
        unhandled: Callable[[Exception], None],
        keep_waiting: int | None = None,
    ) -> None:
        self.name = name
        self._courier = courier
        self._unhandled = unhandled
        self._keep_waiting = keep_waiting
        self._lock = threading.Condition()
        self._waiting: deque[_Job] = deque()
        self._running = False
        self._closed = False
        self._thread: threading.Thread | None = None
        self._undelivered = 0

    def run(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], Any] | None = None,
        on_failure: Callable[[Exception], Any] | None = None,
        *,
        on_dropped: Callable[[], Any] | None = None,
    ) -> None:
        """Run `work` on this lane's thread; report back on the GUI thread.

        Without `on_failure`, a failure is shown to the person (see the module).
        Call from the GUI thread.
        """
        job = _Job(work, on_success, on_failure, on_dropped)
        with self._lock:
            if self._closed:
                # The kiosk is closing: a late timer or a last signal may still ask.
                log.warning("%s lane is shut down: work given after it is not run", self.name)
                return
            self._waiting.append(job)
            self._undelivered += 1
            overtaken = self._overtaken()
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name=self.name, daemon=True)
                self._thread.start()
            self._lock.notify_all()
        for dropped in overtaken:
            self._forget(dropped)

    def pending(self) -> int:
        """How many jobs given to this lane have not reported back (nor been dropped) yet."""
        with self._lock:
            return self._undelivered

    def drop_waiting(self) -> None:
        """Forget the jobs not started yet (the one running finishes)."""
        with self._lock:
            dropped = list(self._waiting)
            self._waiting.clear()
            self._lock.notify_all()
        for job in dropped:
            self._forget(job)

    def wait_for_idle(self, timeout_ms: int = 30_000) -> bool:
        """Block until the worker has run everything given to it (shutdown and tests only);
        False when `timeout_ms` passed first."""
        with self._lock:
            return self._lock.wait_for(
                lambda: not self._waiting and not self._running, timeout_ms / 1000
            )

    def shut_down(self, timeout_ms: int = 30_000) -> None:
        """Run what was given, then end the thread; work given later is not run."""
        with self._lock:
            self._closed = True
            self._lock.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join(timeout_ms / 1000)

    def _overtaken(self) -> list[_Job]:
        """Waiting jobs beyond what this lane keeps, oldest first (lock held)."""
        if self._keep_waiting is None:
            return []
        overtaken = []
        while len(self._waiting) > self._keep_waiting:
            overtaken.append(self._waiting.popleft())
        return overtaken

    def _forget(self, job: _Job) -> None:
        with self._lock:
            self._undelivered -= 1
        if job.on_dropped is not None:
            job.on_dropped()

    def _serve(self) -> None:
        """The worker thread: take the next job, run it, send its outcome home."""
        while True:
            with self._lock:
                self._running = False
                self._lock.notify_all()
                self._lock.wait_for(lambda: self._waiting or self._closed)
                if not self._waiting:
                    return
                job = self._waiting.popleft()
                self._running = True
            self._courier.arrived.emit(self._outcome_of(job))

    def _outcome_of(self, job: _Job) -> Callable[[], None]:
        try:
            result = job.work()
        except Exception as error:  # every failure must reach a person; none may end the lane
            if isinstance(error, KioskError):  # a named condition (full disk, locked): one line
                log.warning("%s lane: background operation failed: %s", self.name, error)
            else:
                log.exception("%s lane: background operation failed", self.name)
            return partial(self._deliver, job.on_failure or self._unhandled, error)
        return partial(self._deliver, job.on_success, result)

    def _deliver(self, callback: Callable[[Any], Any] | None, value: object) -> None:
        """On the GUI thread: count the job as reported, then hand over its outcome."""
        with self._lock:
            self._undelivered -= 1
        if callback is not None:
            callback(value)


class Operations(QObject):
    """The lanes of background work, made on the GUI thread that receives their outcomes."""

    def __init__(self, show_failure: ShowFailure, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show_failure = show_failure
        # Not a Qt child: a worker may still hold it while this object is deleted.
        courier = _Courier()
        self.storage = Lane("storage", courier, self._unhandled)
        self.printing = Lane("printing", courier, self._unhandled)
        self.sync = Lane("sync", courier, self._unhandled)
        self.decoding = Lane("decoding", courier, self._unhandled, keep_waiting=1)
        self.costly_decoding = Lane("costly_decoding", courier, self._unhandled, keep_waiting=1)
        self.speech = Lane("speech", courier, self._unhandled)

    def lanes(self) -> tuple[Lane, ...]:
        """Every lane, in the order they are shut down."""
        return (
            self.decoding,
            self.costly_decoding,
            self.speech,
            self.sync,
            self.printing,
            self.storage,
        )

    def pending(self) -> int:
        """How many storage operations have not reported back yet: what every screen
        waits on (tests and screenshots settle on it)."""
        return self.storage.pending()

    def wait_for_idle(self, timeout_ms: int = 30_000) -> bool:
        """Block until the storage lane has run everything queued (shutdown and tests only)."""
        return self.storage.wait_for_idle(timeout_ms)

    def shut_down(self) -> None:
        """Let every lane finish what it was given, then end its thread (at shutdown)."""
        for lane in self.lanes():
            lane.shut_down()

    def _unhandled(self, error: Exception) -> None:
        """A failure without a handler: a log line for the clerk and words for the person."""
        from ui.problems import failure_message

        self._show_failure(failure_message(error))
