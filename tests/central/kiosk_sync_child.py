"""A kiosk in its own process, for the console's browser journey.

    python -m tests.central.kiosk_sync_child DIR URL enrol CODE   # enrol, submit one, sync
    python -m tests.central.kiosk_sync_child DIR URL status       # sync, print the status
    python -m tests.central.kiosk_sync_child DIR URL forms        # sync, print the forms installed

It uses the kiosk's own store and sync worker on a real kiosk database, as
the kiosk program does; the console's decision must reach it through sync.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import UTC, datetime
from pathlib import Path

import requests

from kiosk.applications import ApplicationStore
from kiosk.catalogue import FormCatalogue
from kiosk.clock import FixedClock
from kiosk.installed_forms import installed_forms, retired_keys
from kiosk.store import open_database
from sync.client import CentralClient
from sync.enrolment import enrol
from sync.status_pull import latest_status
from sync.transport import RequestsTransport
from sync.worker import SyncWorker

KIOSK_CODE = "LQ03"
FORM = "rural-pension-enrolment"


def main(directory: Path, url: str, command: str, code: str = "") -> None:
    """Run one kiosk step and print its outcome as one JSON line."""
    clock = FixedClock(datetime(2026, 11, 27, 3, 30, 12, tzinfo=UTC))
    db = open_database(directory / "kiosk.db", clock=clock).db
    client = CentralClient(url, RequestsTransport(requests.Session()))
    worker = SyncWorker(db, client, clock, rng=random.Random(7))
    store = ApplicationStore(db, clock, KIOSK_CODE)
    if command == "enrol":
        enrol(db, client, code, clock)
        draft = store.create_draft(FORM, 1, "zh_CN")
        done = store.submit(draft.uuid, {"full_name": "王秀英"})
        (directory / "application.json").write_text(
            json.dumps({"uuid": done.uuid, "tracking_number": done.tracking_number})
        )
    worker.run_once()
    if command == "forms":  # the services new applications start from, as the kiosk offers them
        catalogue = FormCatalogue(installed_forms(db))
        catalogue.retire(retired_keys(db))
        installed = {
            form.id: {"version": form.version, "title": form.title.get("zh_CN")}
            for form in catalogue.services()
        }
        print(json.dumps({"forms": installed}, ensure_ascii=False))
        return
    uuid = json.loads((directory / "application.json").read_text())["uuid"]
    latest = latest_status(db, uuid)
    print(json.dumps({"status": None if latest is None else latest.status.value}))


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], sys.argv[3], *sys.argv[4:])
