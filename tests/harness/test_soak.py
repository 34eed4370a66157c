"""A kiosk that runs for a year: the soak's figures, and what keeps a year of service small.

The soak in its short mode drives the real kiosk (PDF receipts, sync to a
local platform) through thirty applications: descriptors and threads stay
within a small allowance, every application is at the platform exactly
once with a receipt, and the slope of resident memory per application is
computed from the samples after the warm-up. The memory figures themselves
come from the long runs (`python -m bench.soak`, docs/BENCHMARKS.md), which
are long enough for them to mean something.

The rest is what a year leaves behind: the log file rotates under a size
cap, the receipts of purged applications leave the receipts folder, and the
queries of a submit, a sync and the retention purge find their rows through
an index instead of reading every row a kiosk ever stored.
"""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Iterator
from datetime import timedelta
from itertools import combinations
from pathlib import Path

import pytest
import requests
from pytestqt.qtbot import QtBot

import bench.soak
from bench.soak import FD_ALLOWANCE, THREAD_ALLOWANCE, least_squares_slope, run_soak
from bench.submit_bench import prefill
from central.database import Database
from kiosk.applications import ApplicationStore
from kiosk.clock import FixedClock, SystemClock
from kiosk.config import DataPaths
from kiosk.logs import LOG_FILE_NAME, configure_logging
from kiosk.store import open_database
from printing.pdf_printer import PdfFilePrinter
from printing.printer_status import PrintDocument
from sync.client import CentralClient
from sync.enrolment import enrol
from sync.transport import RequestsTransport
from sync.worker import SyncWorker
from tests.central.platform import Platform, start_platform
from tests.sync.conftest import KIOSK_CODE, START, Kiosk, make_kiosk

APPLICATIONS = 30
RETENTION_DAYS = 30


def test_thirty_applications_reach_the_platform_once_without_growing_fds_or_threads(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two day turns inside the run, as the 10,000-application run makes to stay
    # under a day's 9,999 tracking numbers: kiosk and platform move together.
    monkeypatch.setattr(bench.soak, "APPLICATIONS_PER_DAY", 12)
    result = run_soak(APPLICATIONS, tmp_path / "kiosk-data", sample_every=10)

    first, last = result.samples[0].figures, result.samples[-1].figures
    assert [sample.applications for sample in result.samples] == [10, 20, 30]
    assert result.central_received == APPLICATIONS
    assert result.central_duplicates == 0
    assert result.missing_at_central == 0
    assert result.receipts == APPLICATIONS
    assert last.fds <= first.fds + FD_ALLOWANCE
    assert last.threads <= first.threads + THREAD_ALLOWANCE

    # The slope is fitted to the samples after the warm-up (here all three):
    # a least-squares slope lies between the steepest and the flattest line
    # through two of its points, and is given in KB per application.
    summary = result.summary()
    assert summary["warm_up_applications"] == 10
    pairwise = [
        (b.figures.rss_mb - a.figures.rss_mb) * 1024 / (b.applications - a.applications)
        for a, b in combinations(result.samples, 2)
    ]
    slope = summary["rss_slope_kb_per_application"]
    assert isinstance(slope, float)
    assert min(pairwise) - 0.01 <= slope <= max(pairwise) + 0.01


def test_the_slope_is_the_least_squares_line_through_the_samples() -> None:
    assert least_squares_slope([(500, 100.0), (1000, 150.0), (1500, 200.0)]) == 0.1
    # A single outlier pulls a least-squares line less than a first-to-last slope.
    assert least_squares_slope([(1, 0.0), (2, 10.0), (3, 0.0), (4, 0.0)]) == pytest.approx(-1.0)
    assert least_squares_slope([(1, 5.0)]) == 0.0


def test_the_log_file_rotates_under_its_size_cap(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    configure_logging(logs)
    log = logging.getLogger("kiosk.test_soak")
    try:
        line = "application submitted " + "x" * 200
        for _ in range(40_000):  # about 10 MiB of lines: twice what the cap keeps
            log.info(line)
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "kiosk_handler", False):
                logging.getLogger().removeHandler(handler)
                handler.close()

    files = sorted(path.name for path in logs.iterdir())
    assert files == [LOG_FILE_NAME] + [f"{LOG_FILE_NAME}.{n}" for n in range(1, 6)]
    assert all((logs / name).stat().st_size <= 1 << 20 for name in files)


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[Platform]:
    """A central platform on loopback (SQLite) with the sample forms published."""
    started = start_platform(
        Database(f"sqlite:///{tmp_path / 'central.db'}"), FixedClock(START), tmp_path
    )
    yield started
    started.server.stop()


@pytest.fixture
def kiosk(tmp_path: Path, platform: Platform) -> Iterator[Kiosk]:
    """An enrolled kiosk whose sync worker applies the retention rule to its receipts folder."""
    made = make_kiosk(tmp_path / "kiosk.db", platform.url)
    enrol(made.db, made.client, platform.enrolment_code(KIOSK_CODE), made.clock)
    made.worker = SyncWorker(
        made.db,
        CentralClient(platform.url, RequestsTransport(requests.Session())),
        made.clock,
        rng=random.Random(7),
        retention_days=RETENTION_DAYS,
        paths=DataPaths(tmp_path),
    )
    yield made
    made.db.close()


def print_receipts(kiosk: Kiosk, names: list[str]) -> PdfFilePrinter:
    """Save receipt files as the PDF printer does after a submit."""
    printer = PdfFilePrinter(kiosk.path.parent / "receipts")
    for name in names:
        assert printer.print_document(PrintDocument(name, b"%PDF-1.4 receipt")).ready
    return printer


def test_receipt_pdfs_leave_with_the_personal_data_they_show(kiosk: Kiosk) -> None:
    old = [application.tracking_number or "" for application in kiosk.submit(2)]
    printer = print_receipts(kiosk, [*old, f"{old[0]}-reprint-7", "printer-test-page"])
    kiosk.worker.run_once()  # both acknowledged by the centre

    kiosk.clock.advance(timedelta(days=RETENTION_DAYS, hours=1))
    recent = kiosk.submit(1)[0].tracking_number or ""
    print_receipts(kiosk, [recent])
    report = kiosk.worker.run_once()  # sends the new one, then purges the old ones

    assert report.online and report.acknowledged == 1
    left = sorted(path.name for path in printer.directory.iterdir())
    assert left == sorted([f"{recent}.pdf", "printer-test-page.pdf"])
    jobs_of_old = kiosk.db.execute(
        "SELECT COUNT(*) FROM print_jobs j JOIN applications a ON a.uuid = j.application_uuid"
        " WHERE a.tracking_number IN (?, ?)",
        old,
    ).fetchone()[0]
    assert jobs_of_old == 0


LARGE_TABLES = {"applications", "outbox", "audit"}


def test_submit_sync_and_purge_find_their_rows_through_an_index(kiosk: Kiosk) -> None:
    kiosk.submit(3)
    kiosk.worker.run_once()
    kiosk.clock.advance(timedelta(days=RETENTION_DAYS, hours=1))
    statements: list[str] = []
    kiosk.db.conn.set_trace_callback(statements.append)
    try:
        kiosk.submit(1)
        report = kiosk.worker.run_once()  # outbox, acknowledgement, audit, purge
    finally:
        kiosk.db.conn.set_trace_callback(None)
    assert report.online and report.acknowledged == 1

    scanned: dict[str, list[str]] = {}
    for sql in statements:
        if not re.match(r"\s*(SELECT|UPDATE|DELETE|INSERT)", sql, re.IGNORECASE):
            continue
        aliases = dict(re.findall(r"\b(applications|outbox|audit)\s+(?:AS\s+)?(\w+)", sql))
        names = LARGE_TABLES | {alias for alias in aliases.values() if alias.isidentifier()}
        for row in kiosk.db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall():
            table = re.fullmatch(r"SCAN (\w+)", str(row[-1]))
            if table and table.group(1) in names and not _newest_by_rowid(sql):
                scanned.setdefault(sql[:120], []).append(str(row[-1]))
    assert scanned == {}
    assert any("FROM outbox" in sql for sql in statements)
    assert any("INSERT INTO audit" in sql for sql in statements)
    assert any("purged_at IS NULL" in sql for sql in statements)


def _newest_by_rowid(sql: str) -> bool:
    """The audit chain's tail (``ORDER BY id DESC LIMIT 1``): SQLite reads one row of the
    rowid tree from its end, which its plan also calls a SCAN."""
    return bool(re.search(r"ORDER BY id DESC LIMIT 1\s*$", sql))


def submit_steps(directory: Path, stored: int) -> int:
    """SQLite virtual-machine steps of one durable submit after `stored` applications."""
    clock = SystemClock()
    db = open_database(directory / "kiosk.db", clock=clock).db
    try:
        store = ApplicationStore(db, clock, "BENCH")
        prefill(db, store.keys, stored, clock)
        draft = store.create_draft("rural-pension-enrolment", 1, "zh_CN")
        steps = [0]

        def count() -> int:
            steps[0] += 1
            return 0

        db.conn.set_progress_handler(count, 1)
        store.submit(draft.uuid, {"name": "申请人"})
        return steps[0]
    finally:
        db.close()


def test_stored_applications_add_no_work_to_a_submit(tmp_path: Path) -> None:
    """Four times the rows, (almost) the same steps: nothing is scanned.

    A scan of the 1,500 extra rows would cost thousands of steps; a handful may
    differ because today's applications in the prefill (it spreads over the year
    before the real date) are looked up by the day's tracking sequence.
    (bench/submit_bench.py times the same with 100,000 rows; this counts, so a
    busy machine cannot blur it.)"""
    (tmp_path / "fewer").mkdir()
    (tmp_path / "more").mkdir()
    fewer = submit_steps(tmp_path / "fewer", 500)
    more = submit_steps(tmp_path / "more", 2000)
    assert abs(more - fewer) <= 16, (fewer, more)
