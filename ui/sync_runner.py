"""Running the sync worker off the GUI thread, and telling the GUI how it went.

The worker runs on its own Python thread with its own database connection
(a sqlite3 connection belongs to the thread that opened it, so the storage
thread's connection is never shared). Each cycle's :class:`SyncReport` is
emitted through a Qt signal, which Qt delivers on the GUI thread, where the
connection indicator and the clerk's screen show it. ``sync_now`` wakes the
worker early (the clerk's "sync now").
"""

from __future__ import annotations

import logging
import random
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.clock import Clock, SystemClock
from kiosk.security.shared_keys import SharedKeys

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_SECONDS = 60.0


class SyncRunner(QObject):
    """Owns the sync thread; ``report`` carries each cycle's outcome to the GUI."""

    report = Signal(object)

    def __init__(
        self,
        database_path: Path,
        central_url: str,
        *,
        ca_bundle: Path | None = None,
        interval: float = DEFAULT_INTERVAL_SECONDS,
        clock: Clock | None = None,
        keys: SharedKeys | None = None,
        retention_days: int | None = None,
    ) -> None:
        super().__init__()
        self._keys = keys or SharedKeys()
        self._retention_days = retention_days
        self._path = database_path
        self._url = central_url
        self._ca_bundle = ca_bundle
        self._interval = interval
        self._clock = clock or SystemClock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the sync thread (once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="sync", daemon=True)
            self._thread.start()

    def sync_now(self) -> None:
        """Run a cycle as soon as the current one (if any) ends."""
        self._wake.set()

    def stop(self) -> None:
        """Ask the thread to finish and wait for it (at shutdown)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join()

    def retarget(self, central_url: str, ca_bundle: Path | None) -> None:
        """Sync with this address from now on (the kiosk was just enrolled there).

        The running thread finishes its cycle and a new one starts at once
        with a client for the new address and its credential.
        """
        self.stop()
        self._url = central_url
        self._ca_bundle = ca_bundle
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = None
        self.start()

    def _run(self) -> None:
        # Imported here, on the sync thread: the network code must not delay
        # the kiosk's first screen.
        import requests

        from kiosk.store import connect
        from sync.client import CentralClient
        from sync.transport import RequestsTransport
        from sync.worker import SyncWorker

        db = connect(self._path)
        session = requests.Session()
        client = CentralClient(self._url, RequestsTransport(session, self._ca_bundle))
        keys = self._keys.keys_for(db)
        worker = SyncWorker(
            db,
            client,
            self._clock,
            rng=random.Random(),
            keys=keys,
            retention_days=self._retention_days,
        )
        try:
            while not self._stop.is_set():
                try:
                    self.report.emit(worker.run_once())
                except Exception:  # one failed cycle must not end syncing for good
                    log.exception("sync cycle failed")
                self._wake.wait(self._interval)
                self._wake.clear()
        finally:
            session.close()
            db.conn.close()
