"""How much the durable submit costs compared with the cheapest durable write.

Both sides run in the same process, in the same temporary directory, with the
same pragmas (WAL, ``synchronous=FULL``), alternating one submit and one raw
write per iteration (and swapping which goes first) so that disk and CPU
state affect both equally. The raw side is one INSERT of the same answers
followed by COMMIT, i.e. one fsync; the submit also updates the application,
allocates a tracking number, appends a hash-chained audit entry and queues an
outbox entry, still in a single COMMIT. The target is at most three times the
raw cost.

Run: ``python -m bench.submit_bench [--n 300]``; prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
import uuid
from functools import partial
from pathlib import Path
from typing import Any

from bench.report import ratio_line, time_ms
from kiosk.applications import ApplicationStore
from kiosk.clock import SystemClock
from kiosk.store import BUSY_TIMEOUT_MS, open_database

TARGET_RATIO = 3.0
_WARMUP = 10
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
    args = parser.parse_args(argv)
    submit_ms, raw_ms = _measure(args.n)
    print(
        ratio_line(
            "durable_submit",
            ("submit_ms_p50", submit_ms),
            ("raw_insert_ms_p50", raw_ms),
            TARGET_RATIO,
            n=args.n,
        )
    )
    return 0


def _measure(n: int) -> tuple[list[float], list[float]]:
    """Alternate submits and raw writes; return both timings in milliseconds."""
    clock = SystemClock()
    answers_json = json.dumps(_ANSWERS, ensure_ascii=False, sort_keys=True)
    submit_ms: list[float] = []
    raw_ms: list[float] = []
    with tempfile.TemporaryDirectory(prefix="submit-bench-") as directory:
        opened = open_database(Path(directory) / "kiosk.db", clock=clock)
        raw = _raw_connection(Path(directory) / "raw.db")
        try:
            store = ApplicationStore(opened.db, clock, "BENCH")
            for iteration in range(_WARMUP + n):
                draft = store.create_draft("rural-pension", 3, "zh_CN")
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
    return submit_ms, raw_ms


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
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT INTO submissions (uuid, answers, created_at) VALUES (?, ?, ?)",
        (str(uuid.uuid4()), answers_json, time.time()),
    )
    conn.execute("COMMIT")


if __name__ == "__main__":
    raise SystemExit(main())
