"""How much the durable submit costs compared with the cheapest durable write.

Both sides run in the same process, in the same temporary directory, with the
same pragmas (WAL, ``synchronous=FULL``), alternating one submit and one raw
write per iteration (and swapping which goes first) so that disk and CPU
state affect both equally. The raw side is one INSERT of the same answers
followed by COMMIT, i.e. one fsync; the submit also updates the application,
allocates a tracking number, appends a hash-chained audit entry and queues an
outbox entry, still in a single COMMIT. The target is at most three times the
raw cost.

It is measured twice: on an empty database (``durable_submit``) and on one
that already holds ``--stored`` applications (``durable_submit_stored``,
100,000 by default: a busy kiosk's year), so that a query of the submit
path that scans the applications, outbox or audit table instead of using an
index shows as a ratio that grows with the rows. The stored rows are written
quickly, in one transaction, but as a year of service leaves them: each
application submitted on its day with a real tracking number, its answers
sealed, an audit entry chained to the one before, and an outbox entry the
centre acknowledged. The raw side writes into a table of as many rows.

Run: ``python -m bench.submit_bench [--n 300] [--stored 100000]``; prints two
JSON lines.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
import uuid
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from bench.report import ratio_line, time_ms
from kiosk import audit, tracking
from kiosk.applications import ApplicationStore
from kiosk.clock import FixedClock, SystemClock, format_timestamp
from kiosk.security.contexts import answers_context
from kiosk.security.key_material import KioskKeys
from kiosk.store import BUSY_TIMEOUT_MS, open_database, transaction

TARGET_RATIO = 3.0
STORED = 100_000
"""Applications already in the database for the second measurement: a busy kiosk's year."""
_WARMUP = 10
_KIOSK_CODE = "BENCH"
_FORM = ("rural-pension", 3)
_ANSWERS: dict[str, Any] = {
    "full_name": "张三",
    "id_number": "11010519491231002X",
    "birth_date": "1949-12-31",
    "phone": "13800138000",
    "address": {"province": "四川省", "county": "龙泉驿区", "village": "下坝村"},
    "household": [
        {"name": "李四", "relation": "spouse", "id_number": "110105195001010021", "income": 8000},
        {"name": "张小", "relation": "child", "id_number": "110105198001010031", "income": 30000},
    ],
    "consent": True,
    "notes": "本人自愿参加城乡居民基本养老保险。",
}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=300, help="measured iterations per side")
    parser.add_argument(
        "--stored", type=int, default=STORED, help="applications stored before the second run"
    )
    args = parser.parse_args(argv)
    for name, stored in (("durable_submit", 0), ("durable_submit_stored", args.stored)):
        submit_ms, raw_ms, prefill_s = _measure(args.n, stored)
        extra: dict[str, object] = {"n": args.n}
        if stored:
            extra |= {"stored": stored, "prefill_s": prefill_s}
        measured, baseline = ("submit_ms_p50", submit_ms), ("raw_insert_ms_p50", raw_ms)
        line = ratio_line(name, measured, baseline, TARGET_RATIO, 3, **extra)
        print(line, flush=True)
    return 0


def _measure(n: int, stored: int) -> tuple[list[float], list[float], float]:
    """Alternate submits and raw writes after storing `stored` rows on each side.

    Returns both timings in milliseconds and the seconds the prefill took.
    """
    clock = SystemClock()
    answers_json = json.dumps(_ANSWERS, ensure_ascii=False, sort_keys=True)
    submit_ms: list[float] = []
    raw_ms: list[float] = []
    with tempfile.TemporaryDirectory(prefix="submit-bench-") as directory:
        opened = open_database(Path(directory) / "kiosk.db", clock=clock)
        raw = _raw_connection(Path(directory) / "raw.db")
        try:
            store = ApplicationStore(opened.db, clock, _KIOSK_CODE)
            started = time.perf_counter()
            prefill(opened.db, store.keys, stored, clock)
            _raw_prefill(raw, answers_json, stored)
            prefill_s = round(time.perf_counter() - started, 1)
            for iteration in range(_WARMUP + n):
                draft = store.create_draft(*_FORM, "zh_CN")
                submit = partial(store.submit, draft.uuid, _ANSWERS)
                insert = partial(_raw_insert, raw, answers_json)
                if iteration % 2 == 0:
                    submit_time, raw_time = time_ms(submit), time_ms(insert)
                else:
                    raw_time, submit_time = time_ms(insert), time_ms(submit)
                if iteration >= _WARMUP:
                    submit_ms.append(submit_time)
                    raw_ms.append(raw_time)
        finally:
            raw.close()
            opened.db.close()
    return submit_ms, raw_ms, prefill_s


def prefill(db: Database, keys: KioskKeys, count: int, clock: SystemClock) -> None:
    """Store `count` applications as a year of service leaves them, in one transaction.

    Oldest first, spread evenly over the year before `clock`'s now: each is
    submitted on its day with a tracking number from the kiosk's own
    sequence, its answers sealed under its own context, its ID number
    hashed, an audit entry chained to the previous one, and an outbox entry
    the centre acknowledged a minute later.
    """
    answers = json.dumps(_ANSWERS, ensure_ascii=False, sort_keys=True).encode("utf-8")
    id_number_hash = keys.lookup_hash(str(_ANSWERS["id_number"]))
    now = clock.now()
    then = FixedClock(now)
    with transaction(db):
        for index in range(count):
            submitted = now - timedelta(days=365) * ((count - index) / count)
            then.set(submitted)
            application_uuid = str(uuid.uuid4())
            stamp, acknowledged = (
                format_timestamp(submitted),
                format_timestamp(submitted + timedelta(minutes=1)),
            )
            number = tracking.allocate(db, _KIOSK_CODE, submitted.date())
            db.execute(
                "INSERT INTO applications (uuid, form_id, form_version, state, language,"
                " tracking_number, created_at, updated_at, submitted_at, sealed_answers,"
                " id_number_hash) VALUES (?, ?, ?, 'submitted', 'zh_CN', ?, ?, ?, ?, ?, ?)",
                [
                    application_uuid,
                    *_FORM,
                    number,
                    stamp,
                    stamp,
                    stamp,
                    keys.seal(answers, answers_context(application_uuid)),
                    id_number_hash,
                ],
            )
            audit.append(
                db,
                action="application_submitted",
                subject=application_uuid,
                actor="applicant",
                details={
                    "form_id": _FORM[0],
                    "form_version": _FORM[1],
                    "tracking_number": number,
                    "assisted": False,
                },
                clock=then,
            )
            db.execute(
                "INSERT INTO outbox (application_uuid, created_at, attempts, last_attempt_at,"
                " next_attempt_at, acknowledged_at) VALUES (?, ?, 1, ?, ?, ?)",
                [application_uuid, stamp, acknowledged, stamp, acknowledged],
            )


def _raw_prefill(conn: sqlite3.Connection, answers_json: str, count: int) -> None:
    """As many rows in the raw side's table, in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO submissions (uuid, answers, created_at) VALUES (?, ?, ?)",
        ((str(uuid.uuid4()), answers_json, time.time()) for _ in range(count)),
    )
    conn.execute("COMMIT")


def _raw_connection(path: Path) -> sqlite3.Connection:
    """A bare sqlite3 connection with the kiosk's durability pragmas."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS submissions (uuid TEXT PRIMARY KEY, answers TEXT NOT NULL,"
        " created_at REAL NOT NULL)"
    )
    return conn


def _raw_insert(conn: sqlite3.Connection, answers_json: str) -> None:
    """One durable write of one row: the cheapest a submit could be."""
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT INTO submissions (uuid, answers, created_at) VALUES (?, ?, ?)",
        (str(uuid.uuid4()), answers_json, time.time()),
    )
    conn.execute("COMMIT")


if __name__ == "__main__":
    raise SystemExit(main())
