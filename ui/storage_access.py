"""The GUI's only way to the database: work queued on the storage lane.

The storage is opened by the first queued operation, on the storage lane,
queued once every screen is built: the first screen is built and shown
before the database code is even imported. Every later operation runs after the
opening, in order, on the same connection. If the opening failed (a
read-only data directory, say), every later operation fails with that same
error, so each screen can tell the person what is wrong instead of a
generic "something went wrong".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from ui.operations import Lane

if TYPE_CHECKING:
    from kiosk.storage import KioskStorage

T = TypeVar("T")


class StorageAccess(QObject):
    """Queues work that needs `KioskStorage` on the storage lane of
    :mod:`ui.operations` and reports back on the GUI thread.

    Like the lanes, a failure without an `on_failure` handler is shown to the person.
    """

    opened = Signal(object)
    """Emitted once with the `KioskStorage` when the database is ready."""
    open_failed = Signal(object)

    def __init__(self, lane: Lane, opener: Callable[[], KioskStorage]) -> None:
        super().__init__()
        self._lane = lane
        self._opener = opener
        self._storage: KioskStorage | None = None
        self._open_error: Exception | None = None
        self._waiting: list[Callable[[], None]] | None = []

    def open(self) -> None:
        """Queue the opening first, then whatever was asked for before it.

        Called once the kiosk is fully built, so that importing the storage
        code on the storage lane does not compete with building the screens.
        """
        if self._waiting is None:
            return

        def open_on_storage_thread() -> KioskStorage:
            try:
                self._storage = self._opener()
            except Exception as error:
                self._open_error = error
                raise
            return self._storage

        self._lane.run(open_on_storage_thread, self.opened.emit, self.open_failed.emit)
        waiting, self._waiting = self._waiting or [], None
        for queue in waiting:
            queue()

    def run(
        self,
        work: Callable[[KioskStorage], T],
        on_success: Callable[[T], Any] | None = None,
        on_failure: Callable[[Exception], Any] | None = None,
    ) -> None:
        """Run `work(storage)` on the storage lane, after everything queued before it."""

        def queue() -> None:
            self._lane.run(lambda: work(self._require()), on_success, on_failure)

        if self._waiting is not None:
            self._waiting.append(queue)
        else:
            queue()

    def close(self) -> None:
        """Close the database on its own thread and wait for it (at shutdown)."""

        self.open()

        def close_on_storage_thread() -> None:
            if self._storage is not None:
                self._storage.close()

        self._lane.run(close_on_storage_thread)
        self._lane.wait_for_idle()

    def _require(self) -> KioskStorage:
        if self._open_error is not None:
            raise self._open_error.with_traceback(None)
        if self._storage is None:
            raise RuntimeError("the database could not be opened")
        return self._storage
