"""A kiosk version fetched over an emulated 2G link, cut once: time against bytes ÷ bandwidth.

A platform runs on loopback with a TUF update repository offering one
version (an artefact of ``--mib`` MiB of incompressible bytes); the kiosk's
real updater (:class:`sync.software_updates.SoftwareUpdater`) refreshes the
metadata, downloads the artefact in 256 KiB ``Range`` pieces through
:class:`bench.link_emulator.LinkEmulator` (a 64 kbit/s pipe shared by both
directions, 600 ms round trip), which cuts the first connection after a few
requests; the next cycle resumes where the ``.part`` file stopped, verifies
the whole file against the signed targets and unpacks it. The figures:

- ``ratio``: elapsed time over what the link needs just to carry the bytes it
  carried; 1.0 would be a link busy with payload the whole time. Target ≤ 1.3;
- ``overhead``: bytes carried over the artefact's own bytes (metadata, HTTP
  headers, the part of a piece cut and fetched again);
- ``resumed_at``: where the second cycle's download began (whole pieces kept).

The link is emulated time-compressed by ``--time-scale`` S (S times the
bandwidth, 1/S of the latency), as in :mod:`bench.attachments_2g`; the
kiosk's own work (hashing, unpacking) is not compressed: the figure is
pessimistic.

Run: ``python -m bench.update_2g [--mib 2] [--time-scale 10]``; prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import requests

from bench.link_emulator import LinkEmulator
from bench.sync_2g import start_platform
from central.update_repository import UpdateRepository, read_key, updates_dir
from kiosk.clock import FixedClock
from kiosk.software_updates import Rollout
from kiosk.store import open_database
from kiosk.update_guard import State
from resources import FORMS_DIR
from sync.client import CentralClient, CentralUnavailable, Timeouts
from sync.enrolment import enrol
from sync.software_updates import CHUNK_BYTES, SoftwareUpdater
from sync.transport import RequestsTransport
from tests.sync.update_fixtures import install_root, make_artefact

TARGET_RATIO = 1.3
BITS_PER_SECOND = 64_000.0
ONE_WAY_LATENCY_S = 0.3
CUT_AFTER_REQUEST_BYTES = 2_400
"""The first connection is cut once the kiosk has sent this much on it: a few
requests in, during the first pieces of the artefact."""
MAX_CYCLES = 20


def main() -> None:
    """Measure and print one JSON line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--mib", type=float, default=2.0)
    parser.add_argument("--time-scale", type=float, default=10.0)
    args = parser.parse_args()
    scale = args.time_scale
    size = int(args.mib * 1024 * 1024)
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        server, code = start_platform(directory, FORMS_DIR / "rural-pension-enrolment.json")
        now = datetime.now(UTC)
        repository = UpdateRepository(updates_dir(server.database))
        repository.initialise(directory / "offline", 3, 2, now)
        artefact = make_artefact(directory, "0.2.0", payload=os.urandom(size))
        repository.publish(
            artefact,
            "0.2.0",
            read_key(directory / "offline" / "targets.pem"),
            Rollout("", "", 100),
            now,
        )
        clock = FixedClock(datetime(2026, 11, 27, 3, 30, tzinfo=UTC))
        db = open_database(directory / "kiosk.db", clock=clock).db
        client = CentralClient(server.url, RequestsTransport(requests.Session()))
        enrolment = enrol(db, client, code, clock)
        link = LinkEmulator(
            upstream=("127.0.0.1", server.port),
            bits_per_second=BITS_PER_SECOND * scale,
            one_way_latency=ONE_WAY_LATENCY_S / scale,
            cut_connections=[1],
            cut_after=CUT_AFTER_REQUEST_BYTES,
        )
        client.base_url = link.start()
        client.timeouts = Timeouts(connect=20, read=120)
        layout = install_root(directory / "opt")
        updater = SoftwareUpdater(
            client, layout, directory / "kiosk-updates", "0.1.0", time_budget=3600
        )
        cycles, resumed_at = 0, 0
        started = time.perf_counter()
        outcome = None
        while cycles < MAX_CYCLES and (outcome is None or outcome.state != State.STAGED):
            cycles += 1
            try:
                outcome = updater.run(enrolment.kiosk_code)
            except CentralUnavailable:
                part = next((directory / "kiosk-updates" / "downloads").glob("*.part"), None)
                resumed_at = 0 if part is None else part.stat().st_size
        elapsed = time.perf_counter() - started
        link.stop()
        server.stop()
        link_seconds = link.carried * 8 / (BITS_PER_SECOND * scale)
        ratio = elapsed / link_seconds
        artefact_bytes = artefact.stat().st_size
        staged = outcome is not None and outcome.state == State.STAGED
        print(
            json.dumps(
                {
                    "bench": "update_2g",
                    "artefact_bytes": artefact_bytes,
                    "link_kbit_s": BITS_PER_SECOND / 1000,
                    "rtt_ms": 600,
                    "time_scale": scale,
                    "chunk_bytes": CHUNK_BYTES,
                    "cycles": cycles,
                    "resumed_at": resumed_at,
                    "bytes_carried": link.carried,
                    "overhead": round(link.carried / artefact_bytes, 3),
                    "seconds": round(elapsed, 2),
                    "link_seconds": round(link_seconds, 2),
                    "ratio": round(ratio, 3),
                    "target_ratio": TARGET_RATIO,
                    "staged": staged,
                    "met": staged and ratio <= TARGET_RATIO,
                }
            )
        )


if __name__ == "__main__":
    main()
