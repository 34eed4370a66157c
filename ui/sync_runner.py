"""Running sync cycles on the sync lane, and telling the GUI how each went.

Each cycle runs on the ``sync`` lane of :mod:`ui.operations`, whose one
thread keeps the sync worker's own database connection (a sqlite3
connection belongs to the thread that opened it, so the storage lane's is
never shared). Its :class:`SyncReport` is emitted through ``report`` on the
GUI thread, where the connection indicator and the clerk's screen show it.
A timer on the GUI thread queues the next cycle ``interval`` seconds after
one ends; ``sync_now`` (the clerk's "sync now") queues one at once.

Every kiosk has one runner. On a kiosk with no central platform configured
(USB transfer only) it stays idle: no cycle, no connection, nothing loaded
on the sync lane, until an enrolment gives it an address (``retarget``),
and ``configured`` tells the flows whether there is a platform to ask.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.clock import Clock, SystemClock
from kiosk.config import DataPaths
from kiosk.security.shared_keys import SharedKeys
from ui.operations import Lane

if TYPE_CHECKING:  # the network code loads on the sync lane, not at start-up
    import requests
    from sqlite_utils import Database

    from sync.client import CentralClient
    from sync.worker import SyncReport, SyncWorker

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_INTERVAL_SECONDS = 60.0


@dataclass
class _Link:
    """What a sync cycle works with, made on the sync lane's thread and kept there."""

    db: Database
    session: requests.Session
    worker: SyncWorker

    def close(self) -> None:
        self.session.close()
        self.db.conn.close()


class SyncRunner(QObject):
    """Queues sync cycles on the sync lane; ``report`` carries each cycle's outcome to the GUI,
    ``retargeted`` says the kiosk was enrolled with a (new) central platform."""

    report = Signal(object)
    retargeted = Signal()

    def __init__(
        self,
        database_path: Path,
        central_url: str | None,
        lane: Lane,
        *,
        ca_bundle: Path | None = None,
        interval: float = DEFAULT_INTERVAL_SECONDS,
        clock: Clock | None = None,
        keys: SharedKeys | None = None,
        retention_days: int | None = None,
        paths: DataPaths | None = None,
    ) -> None:
        super().__init__()
        self._keys = keys or SharedKeys()
        self._retention_days = retention_days
        self._paths = paths
        self._path = database_path
        self._url = central_url  # used on the sync lane only (after construction)
        self._ca_bundle = ca_bundle
        self._configured = central_url is not None
        self._clock = clock or SystemClock()
        self._lane = lane
        self._link: _Link | None = None  # used on the sync lane only
        self._started = False
        self._cycle_queued = False
        self._again = False
        """"Sync now" was asked while a cycle ran: run another right after it."""
        self._stopped = False
        self._next = QTimer(self)
        self._next.setSingleShot(True)
        self._next.setInterval(round(interval * 1000))
        self._next.timeout.connect(self.sync_now)

    @property
    def configured(self) -> bool:
        """Whether there is a central platform to sync with (else: USB transfer only)."""
        return self._configured

    def start(self) -> None:
        """Run the first cycle now and the next ones every interval (once; on a kiosk
        with no central platform, only once an enrolment gives it one)."""
        if not self._started and self.configured:
            self._started = True
            self.sync_now()

    def sync_now(self) -> None:
        """Run a cycle as soon as the current one (if any) ends."""
        if self._stopped or not self.configured:
            return
        if self._cycle_queued:
            self._again = True
            return
        self._next.stop()
        self._cycle_queued = True
        self._lane.run(self._cycle, self._reported, self._cycle_failed)

    def ask(
        self,
        question: Callable[[Database, CentralClient], T],
        on_success: Callable[[T], Any],
        on_failure: Callable[[Exception], Any],
    ) -> None:
        """Put one question to the centre on the sync lane, over the cycles' connection
        (after the cycle in hand, if one runs); the answer comes back on the GUI thread."""

        def ask_now() -> T:
            if self._link is None:
                self._link = self._connect()
            return question(self._link.db, self._link.worker.client)

        self._lane.run(ask_now, on_success, on_failure)

    def stop(self) -> None:
        """Finish the cycle in hand, close the connection and queue no more (at shutdown)."""
        self._stopped = True
        self._next.stop()
        self._lane.run(self._close)
        self._lane.wait_for_idle()

    def retarget(self, central_url: str, ca_bundle: Path | None) -> None:
        """Sync with this address from now on (the kiosk was just enrolled there).

        The switch is queued on the sync lane, after any cycle in hand: the
        old connection closes and the next cycle, queued at once, connects
        to the new address with the new credential.
        """

        def switch() -> None:
            self._close()
            self._url = central_url
            self._ca_bundle = ca_bundle

        self._configured = True
        self._lane.run(switch)
        self._started = True
        self.sync_now()
        self.retargeted.emit()

    # -- sync lane ---------------------------------------------------------------

    def _cycle(self) -> SyncReport:
        if self._link is None:
            self._link = self._connect()
        return self._link.worker.run_once()

    def _connect(self) -> _Link:
        # Imported here, on the sync lane: the network code must not delay
        # the kiosk's first screen.
        import requests

        from kiosk.store import connect
        from sync.client import CentralClient
        from sync.software_updates import updater_for
        from sync.transport import RequestsTransport
        from sync.worker import SyncWorker

        assert self._url is not None, "no cycle is queued before the kiosk has an address"
        db = connect(self._path)
        session = requests.Session()
        client = CentralClient(self._url, RequestsTransport(session, self._ca_bundle))
        worker = SyncWorker(
            db,
            client,
            self._clock,
            rng=random.Random(),
            keys=self._keys.keys_for(db),
            retention_days=self._retention_days,
            paths=self._paths,
            software=None if self._paths is None else updater_for(client, self._paths.data_dir),
        )
        return _Link(db, session, worker)

    def _close(self) -> None:
        if self._link is not None:
            self._link.close()
            self._link = None

    # -- GUI thread ----------------------------------------------------------------

    def _reported(self, report: SyncReport) -> None:
        self._cycle_done()
        self.report.emit(report)

    def _cycle_failed(self, error: Exception) -> None:
        # One failed cycle must not end syncing for good; the connection
        # indicator keeps showing the last report, the log says why.
        log.error("sync cycle failed: %s", error, exc_info=error)
        self._cycle_done()

    def _cycle_done(self) -> None:
        self._cycle_queued = False
        if self._again:
            self._again = False
            self.sync_now()
        elif not self._stopped:
            self._next.start()
