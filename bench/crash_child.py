"""The kiosk process the crash harness kills: real submit and sync paths, a journal.

Run by :mod:`bench.crash_harness` as ``python -m bench.crash_child DATA_DIR
CENTRAL_URL KIOSK_CODE --seed S --applications M [--kill-at-statement K |
--kill-at-step J]``. It does what an applicant and the sync worker would
do, through the kiosk's own code: for each of M applications create a
draft, save it a few times, submit it, and now and then run a sync cycle;
at the end it syncs until the outbox is empty.

The journal (``acknowledged.log``) is the applicant's memory: a line is
written only after the call it records returned, exactly when the screen
would have said so (a draft saved, a tracking number shown). A restarted
child reads it and carries on with the same plan, resuming the drafts it
knows, as a clerk would. A draft in the journal that the database has lost
is reported (exit status 3).

The kill hook: every SQLite connection the kiosk opens gets a trace callback
(called as each statement starts) and a progress
handler (called every twenty virtual-machine steps, i.e. inside a statement).
At the chosen count the child writes where it was to ``kill-point`` and
sends itself SIGKILL: no cleanup, no rollback, as in a power cut.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import requests

from bench.sync_sample import answers as sample_answers
from kiosk.applications import ApplicationState, ApplicationStore
from kiosk.clock import FixedClock
from kiosk.errors import NotFoundError
from kiosk.security.key_store import open_keys
from kiosk.store import connect, open_database
from sync.client import CentralClient, Timeouts
from sync.transport import RequestsTransport
from sync.worker import SyncReport, SyncWorker

T = TypeVar("T")

FORM_ID = "rural-pension-enrolment"
FORM_VERSION = 1
JOURNAL = "acknowledged.log"
KILL_POINT = "kill-point"
STEP_INTERVAL = 20
"""Virtual-machine instructions between two calls of the progress handler."""
LOST_DRAFT_STATUS = 3
DRAIN_ROUNDS = 30


@dataclass
class KillSwitch:
    """Counts statements and VM steps on every connection; fires at the chosen one."""

    directory: Path
    at_statement: int | None = None
    at_step: int | None = None
    statements: int = 0
    steps: int = 0
    operation: str = "start"

    def install(self) -> None:
        """Wrap ``sqlite3.connect`` so every connection the kiosk opens is watched."""
        original = sqlite3.connect

        def watched_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
            conn: sqlite3.Connection = original(*args, **kwargs)
            self._watch(conn)
            return conn

        sqlite3.connect = watched_connect  # type: ignore[assignment]

    def _watch(self, conn: sqlite3.Connection) -> None:
        """Count this connection's statements and steps, naming the statement running."""
        running = [""]

        def on_statement(sql: str) -> None:
            self.statements += 1
            running[0] = " ".join(sql.split()[:2]).upper()
            if self.statements == self.at_statement:
                self._fire(f"{self.operation}: before {running[0]}")

        def on_step() -> int:
            self.steps += 1
            if self.steps == self.at_step:
                self._fire(f"{self.operation}: inside {running[0]}")
            return 0

        conn.set_trace_callback(on_statement)
        conn.set_progress_handler(on_step, STEP_INTERVAL)

    def _fire(self, where: str) -> None:
        (self.directory / KILL_POINT).write_text(where, encoding="utf-8")
        os.kill(os.getpid(), signal.SIGKILL)


@dataclass
class Journal:
    """What the applicant was told, read back after a restart and appended to."""

    path: Path
    drafts: dict[int, str] = field(default_factory=dict)
    saves: dict[int, int] = field(default_factory=dict)
    submitted: dict[int, str] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> Journal:
        """The journal so far (empty on a first start)."""
        journal = cls(path)
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        for line in text.split("\n")[:-1]:  # a line cut short by the kill was never shown
            kind, index, uuid, value = [*line.split(" "), ""][:4]
            number = int(index)
            journal.drafts[number] = uuid
            if kind == "saved":
                journal.saves[number] = int(value)
            elif kind == "submitted":
                journal.submitted[number] = value
        return journal

    def record(self, kind: str, index: int, uuid: str, value: object = "") -> None:
        """Append one acknowledgement (after the call it records returned)."""
        with self.path.open("a", encoding="utf-8") as file:
            file.write(f"{kind} {index} {uuid} {value}".rstrip() + "\n")


@dataclass(frozen=True)
class Plan:
    """The same work on every start of one trial, drawn from the trial's seed."""

    answers: list[dict[str, Any]]
    saves: list[int]
    sync_after: list[bool]

    @classmethod
    def draw(cls, seed: int, applications: int) -> Plan:
        """``applications`` applications with 1–3 draft saves each."""
        rng = random.Random(seed)
        return cls(
            answers=[sample_answers(rng) for _ in range(applications)],
            saves=[rng.randint(1, 3) for _ in range(applications)],
            sync_after=[rng.random() < 0.5 for _ in range(applications)],
        )


def main(argv: list[str] | None = None) -> int:
    """Run (or continue) the plan; print the statement and step counts as JSON."""
    args = _parser().parse_args(argv)
    directory = Path(args.data_dir)
    switch = KillSwitch(directory, args.kill_at_statement, args.kill_at_step)
    switch.install()
    clock = FixedClock(datetime.now(UTC))
    switch.operation = "open"
    db = open_database(directory / "kiosk.db", clock=clock).db
    keys = open_keys(db)  # one set of keys for the store and the sync, as in the kiosk
    store = ApplicationStore(db, clock, args.kiosk_code, keys=keys)
    client = CentralClient(
        args.central_url, RequestsTransport(requests.Session()), timeouts=Timeouts(5, 10)
    )
    worker = SyncWorker(
        connect(directory / "kiosk.db"), client, clock, rng=random.Random(args.seed), keys=keys
    )
    journal = Journal.read(directory / JOURNAL)
    plan = Plan.draw(args.seed, args.applications)

    def step(operation: str, action: Callable[[], T]) -> T:
        switch.operation = operation
        clock.advance(timedelta(seconds=1))
        return action()

    if not keys.is_unlocked:
        # Restarted after its keys went to the centre: it unlocks through a sync, as at boot.
        step("sync", worker.run_once)

    for index in range(args.applications):
        if index in journal.submitted:
            continue
        uuid = journal.drafts.get(index)
        if uuid is None:
            draft = step(
                "create_draft", partial(store.create_draft, FORM_ID, FORM_VERSION, "zh_CN")
            )
            uuid = draft.uuid
            journal.record("draft", index, uuid)
        elif not _draft_kept(store, uuid, journal.saves.get(index, 0)):
            print(json.dumps({"lost_draft": uuid, "index": index}))
            return LOST_DRAFT_STATUS
        full = plan.answers[index]
        for save in range(1, plan.saves[index] + 1):
            so_far = dict(list(full.items())[: save * 5])
            step("save_draft", partial(store.save_draft, uuid, so_far, str(save)))
            journal.record("saved", index, uuid, save)
        submitted = step("submit", partial(store.submit, uuid, full))
        journal.record("submitted", index, uuid, submitted.tracking_number)
        if plan.sync_after[index]:
            step("sync", worker.run_once)
    drained = _drain(partial(step, "sync", worker.run_once), clock)
    print(json.dumps({"statements": switch.statements, "steps": switch.steps, "drained": drained}))
    return 0


def _draft_kept(store: ApplicationStore, uuid: str, saves: int) -> bool:
    """The journaled draft is there, at least as far as its last acknowledged save."""
    try:
        application = store.get(uuid)
    except NotFoundError:
        return False
    if application.state is not ApplicationState.DRAFT:
        return True  # submitted before the kill, not yet journaled: submit returns it as is
    return int(application.position or 0) >= saves


def _drain(sync_once: Callable[[], SyncReport], clock: FixedClock) -> bool:
    """Sync until the outbox is empty, stepping the clock past any backoff."""
    for _ in range(DRAIN_ROUNDS):
        report = sync_once()
        if report.online and report.backlog == 0:
            return True
        clock.advance(timedelta(hours=1))
    return False


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("data_dir")
    parser.add_argument("central_url")
    parser.add_argument("kiosk_code")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--applications", type=int, default=3)
    kill = parser.add_mutually_exclusive_group()
    kill.add_argument("--kill-at-statement", type=int)
    kill.add_argument("--kill-at-step", type=int)
    return parser


if __name__ == "__main__":
    sys.exit(main())
