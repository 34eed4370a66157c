"""Soak: many applications through the real screens, receipts to PDF, sync to a platform.

    python -m bench.soak [--applications 1000] [--sample-every 100]
        [--diagnose memory|objects|allocations|pixmaps] [--platform-in-process]

The long run that tells a plateau from a leak (issue 19) is
``--applications 10000 --sample-every 500`` (``bench/run --long-soak``).

The real kiosk runs offscreen on a fresh data directory with the PDF printer,
beside a central platform on loopback (the demo's, SQLite); the kiosk's own
sync thread sends the outbox. The platform runs in a process of its own, as it
does in service, so that the figures are the kiosk's: its web server, request
handling and database would otherwise count as the kiosk's memory
(``--platform-in-process`` runs it inside, as the soak did before; each sample
then holds both). Each application goes from the start screen through
identification, every question (each Next press timed as in
bench/screen_switch.py), review and submit, then back to the start.

Every `--sample-every` applications one ``soak_sample`` JSON line gives the
kiosk process's resident memory, open file descriptors, OS threads and the
screen-switch p95 of that stretch, and the platform's resident memory. The
last line, ``soak``, compares the end with the start: memory growth against
the target of at most 10 %, measured from the first sample, once the first
stretch has loaded what is only loaded on first use (receipt fonts, the sync
client, every screen); the figure before the first application is reported
beside it. Beside the percentage it gives the slope: kilobytes per
application, a least-squares line through the samples taken after the warm-up
(the first tenth of the run, at least one sample), which a percentage over a
short run hides. It also checks that every application reached the platform
exactly once and has a receipt.

``--diagnose memory`` prints to standard error, at every sample, where the
resident memory lives (glibc's heap in use and free, SQLite's heap, the main
heap's pages, other anonymous mappings, file pages, Python's arenas, and the
page cache of each SQLite connection), without changing the run. ``--diagnose
objects`` also prints to standard error, at every sample, the live objects
that grew in number since the previous one, by type, Qt's widgets and objects
included; ``--diagnose allocations`` adds the Python allocations that grew
most, by line (tracemalloc: ten times slower). See bench/soak_diagnosis.py.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bench.report import time_ms
from bench.screen_switch import SERVICES, percentile
from bench.soak_diagnosis import Diagnosis

if TYPE_CHECKING:
    from multiprocessing.connection import Connection as MultiprocessingConnection
    from multiprocessing.sharedctypes import Synchronized
    from multiprocessing.synchronize import Event as EventType

    from central.database import Database
    from kiosk.services import KioskServices
    from ui.app import Kiosk
    from ui.walkthrough import Walkthrough

TARGET_RSS_GROWTH_PCT = 10.0
TARGET_SLOPE_KB_PER_APPLICATION = 1.0
"""Issue 19: at most 1 KB more resident memory per application once warmed up."""
TARGET_SWITCH_P95_MS = 16.0
"""The screen-switch target (issue 2), met also at the end of the run."""
WARM_UP_FRACTION = 0.1
"""The first tenth of the run loads what is loaded once; the slope is fitted after it."""
FD_ALLOWANCE = 8
"""Descriptors the end may hold over the start: a sync in flight has a socket at both
ends, and the platform lives in this process too. A leak grows past it."""
THREAD_ALLOWANCE = 2
LANGUAGES = ("zh_CN", "en", "ug")
SYNC_EVERY = 25
"""Applications between two 'sync now' wake-ups (the kiosk's own interval is a minute)."""
DRAIN_SECONDS = 300.0
"""How long the end of the run waits for the last receipts and acknowledgements."""
APPLICATIONS_PER_DAY = 5000
"""A kiosk numbers at most 9,999 applications a day (kiosk.tracking.MAX_SEQUENCE): a
longer run moves its clock to the next day after this many, as a year of days would."""
PLATFORM_START_SECONDS = 120.0
"""How long the platform's own process may take to start serving, or to stop."""
PARENT_CHECK_SECONDS = 1.0
"""How often the platform's process looks whether the soak's is still there."""
TAKEN_QUERY = "SELECT tracking_number FROM applications WHERE state = 'submitted'"
"""The tracking numbers of the applications a kiosk's database holds (sent or not)."""
SPAWN = multiprocessing.get_context("spawn")
"""A fresh interpreter for the platform's process: nothing of the kiosk's is copied in."""


class DayTurningClock:
    """The real clock, moved forward by whole days when the soak says a day has ended.

    The kiosk and the platform share it, so both agree on the date of each
    tracking number and on every timestamp a sync carries: the days passed
    live in shared memory, which the platform's own process reads too.
    """

    def __init__(self, days: Synchronized[int] | None = None) -> None:
        self._days = days if days is not None else SPAWN.Value("i", 0)

    @property
    def days(self) -> Synchronized[int]:
        """The days passed, shareable with a process started by `SPAWN`."""
        return self._days

    def now(self) -> datetime:
        """Return the real UTC time plus the days passed."""
        return datetime.now(UTC) + timedelta(days=self._days.value)

    def next_day(self) -> None:
        """Move on to the same time tomorrow."""
        with self._days.get_lock():
            self._days.value += 1


@dataclass(frozen=True)
class ProcessFigures:
    """What the operating system says this process holds."""

    rss_mb: float
    fds: int
    threads: int

    @classmethod
    def now(cls, process: str = "self") -> ProcessFigures:
        """Read /proc for the resident memory, descriptors and threads of `process`
        (a process id, this process by default)."""
        status = Path(f"/proc/{process}/status").read_text(encoding="ascii").splitlines()
        fields = dict(line.split(":", 1) for line in status if ":" in line)
        rss_kb = int(fields["VmRSS"].split()[0])
        return cls(
            rss_mb=round(rss_kb / 1024, 1),
            fds=len(os.listdir(f"/proc/{process}/fd")),
            threads=int(fields["Threads"]),
        )


@dataclass(frozen=True)
class Sample:
    """The process after `applications` applications, and the switch p95 since the last one."""

    applications: int
    figures: ProcessFigures
    switch_p95_ms: float
    platform_rss_mb: float | None = None
    """The platform's process, when it runs apart from the kiosk's."""


@dataclass(frozen=True)
class SoakResult:
    """Everything the soak measured and checked."""

    applications: int
    before: ProcessFigures
    samples: list[Sample]
    central_received: int
    central_duplicates: int
    missing_at_central: int
    receipts: int
    seconds: float

    def rss_growth_pct(self) -> float:
        """Resident memory growth from the first sample to the last, in percent."""
        first, last = self.samples[0].figures.rss_mb, self.samples[-1].figures.rss_mb
        return round(100 * (last - first) / first, 1)

    @property
    def warm_up(self) -> int:
        """Applications before the samples the slope is fitted to."""
        return warm_up_applications(self.applications, self.samples)

    def slope_kb_per_application(self) -> float:
        """Resident memory added per application after the warm-up (least squares), in KB."""
        slope = self._slope_after_warm_up(lambda sample: sample.figures.rss_mb)
        assert slope is not None  # every sample has the kiosk's figures
        return slope

    def platform_slope_kb_per_application(self) -> float | None:
        """The same slope for the platform's own process; None when it ran in the kiosk's."""
        return self._slope_after_warm_up(lambda sample: sample.platform_rss_mb)

    def _slope_after_warm_up(self, rss_mb: Callable[[Sample], float | None]) -> float | None:
        """KB per application of `rss_mb` over the samples after the warm-up that have it."""
        points = [
            (float(sample.applications), megabytes * 1024)
            for sample in self.samples
            if sample.applications >= self.warm_up and (megabytes := rss_mb(sample)) is not None
        ]
        return round(least_squares_slope(points), 2) if points else None

    def summary(self) -> dict[str, object]:
        """The final JSON line."""
        first, last = self.samples[0], self.samples[-1]
        slope = self.slope_kb_per_application()
        delivered = (
            self.central_received == self.applications
            and self.central_duplicates == 0
            and self.missing_at_central == 0
        )
        return {
            "benchmark": "soak",
            "applications": self.applications,
            "rss_before_mb": self.before.rss_mb,
            "rss_start_mb": first.figures.rss_mb,
            "rss_end_mb": last.figures.rss_mb,
            "rss_growth_pct": self.rss_growth_pct(),
            "target_rss_growth_pct": TARGET_RSS_GROWTH_PCT,
            "warm_up_applications": self.warm_up,
            "rss_slope_kb_per_application": slope,
            "platform_apart": last.platform_rss_mb is not None,
            "platform_rss_slope_kb_per_application": self.platform_slope_kb_per_application(),
            "target_slope_kb_per_application": TARGET_SLOPE_KB_PER_APPLICATION,
            "fds_start": first.figures.fds,
            "fds_end": last.figures.fds,
            "threads_start": first.figures.threads,
            "threads_end": last.figures.threads,
            "switch_p95_start_ms": first.switch_p95_ms,
            "switch_p95_end_ms": last.switch_p95_ms,
            "target_switch_p95_ms": TARGET_SWITCH_P95_MS,
            "central_received": self.central_received,
            "central_duplicates": self.central_duplicates,
            "missing_at_central": self.missing_at_central,
            "receipts": self.receipts,
            "seconds": round(self.seconds, 1),
            "target_met": delivered
            and self.receipts == self.applications
            and self.rss_growth_pct() <= TARGET_RSS_GROWTH_PCT
            and slope <= TARGET_SLOPE_KB_PER_APPLICATION
            and last.switch_p95_ms <= TARGET_SWITCH_P95_MS,
        }


def warm_up_applications(applications: int, samples: list[Sample]) -> int:
    """The first tenth of the run, and at least up to the first sample.

    Fitting from the first sample onwards would count the last things loaded
    on first use as growth; two samples at least are always left to fit.
    """
    first = samples[0].applications if samples else 0
    wanted = max(first, round(applications * WARM_UP_FRACTION))
    taken = [sample.applications for sample in samples if sample.applications >= wanted]
    if len(taken) >= 2 or len(samples) < 2:
        return wanted
    return samples[-2].applications


def least_squares_slope(points: list[tuple[float, float]]) -> float:
    """The slope of the least-squares line through `points` (0 for fewer than two)."""
    if len(points) < 2:
        return 0.0
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread == 0:
        return 0.0
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread


def run_soak(
    applications: int,
    data_dir: Path,
    sample_every: int,
    on_sample: Callable[[Sample], None] = lambda sample: None,
    *,
    platform_apart: bool = True,
) -> SoakResult:
    """Drive `applications` applications through a kiosk on `data_dir` and check the outcome.

    The figures are the kiosk's process's; with `platform_apart` (the
    default) the platform it syncs to runs in a process of its own, whose
    resident memory each sample gives beside.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.app import KIOSK_WINDOW_SIZE, build_kiosk
    from ui.screenshots import settle
    from ui.walkthrough import Walkthrough

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    started = time.perf_counter()
    clock = DayTurningClock()
    with kiosk_beside_platform(data_dir, clock, platform_apart=platform_apart) as (
        services,
        platform,
    ):
        kiosk = build_kiosk(app, services)
        kiosk.window.resize(*KIOSK_WINDOW_SIZE)
        kiosk.window.show()
        settle(kiosk)
        walk = Walkthrough(kiosk, lambda: settle(kiosk))
        languages = [code for code in LANGUAGES if code in walk.screens.start.language_buttons]
        before = ProcessFigures.now()
        samples: list[Sample] = []
        switches: list[float] = []
        try:
            for number in range(applications):
                form_id = SERVICES[number % len(SERVICES)]
                language = languages[(number // len(SERVICES)) % len(languages)]
                _one_application(walk, form_id, language, switches)
                if (number + 1) % APPLICATIONS_PER_DAY == 0:
                    clock.next_day()
                if kiosk.parts.sync is not None and (number + 1) % SYNC_EVERY == 0:
                    kiosk.parts.sync.sync_now()
                if (number + 1) % sample_every == 0 or number + 1 == applications:
                    sample = Sample(
                        number + 1,
                        ProcessFigures.now(),
                        round(percentile(switches, 0.95), 2),
                        _platform_rss_mb(platform),
                    )
                    samples.append(sample)
                    on_sample(sample)
                    switches.clear()
            receipts = _drain(kiosk, platform, data_dir, applications)
        finally:
            kiosk.shut_down()
        taken = _tracking_numbers_taken(services.paths.database)
        received, duplicates, missing = _central_counts(platform, taken, applications)
    return SoakResult(
        applications=applications,
        before=before,
        samples=samples,
        central_received=received,
        central_duplicates=duplicates,
        missing_at_central=missing,
        receipts=receipts,
        seconds=time.perf_counter() - started,
    )


@dataclass(frozen=True)
class SoakPlatform:
    """The central platform the soak's kiosk syncs to, wherever it runs."""

    url: str
    database: Database
    process_id: int | None
    """Its own process, or None when it runs inside the kiosk's."""
    shut_down: Callable[[], None]


@contextmanager
def kiosk_beside_platform(
    data_dir: Path, clock: DayTurningClock, *, platform_apart: bool = True
) -> Iterator[tuple[KioskServices, SoakPlatform]]:
    """The kiosk's services on `data_dir`, enrolled with a local platform, as `kiosk demo` does.

    With `platform_apart` the platform runs in a process of its own, so that
    the kiosk's process holds what a kiosk in service holds and no more: the
    platform's web server, its request handling and its database would
    otherwise count as the kiosk's memory.
    """
    from kiosk.config import DataPaths
    from kiosk.services import load_services
    from kiosk.store import open_database

    paths = DataPaths(data_dir)
    open_database(paths.database).db.conn.close()
    services = load_services(data_dir, clock)
    start = _platform_in_a_process if platform_apart else _platform_in_this_process
    platform = start(data_dir / "central", paths.database, services.config.kiosk_code, clock)
    try:
        config = replace(services.config, central_url=platform.url)
        yield replace(services, config=config), platform
    finally:
        platform.shut_down()


def _platform_in_this_process(
    directory: Path, kiosk_database: Path, kiosk_code: str, clock: DayTurningClock
) -> SoakPlatform:
    from demo.platform import start_demo_platform
    from resources import FORMS_DIR

    platform = start_demo_platform(
        directory,
        kiosk_database,
        kiosk_code,
        FORMS_DIR,
        clock,
        start_sync=False,  # the kiosk's own sync thread sends the outbox
    )
    return SoakPlatform(platform.server.url, platform.database, None, platform.shut_down)


def _platform_in_a_process(
    directory: Path, kiosk_database: Path, kiosk_code: str, clock: DayTurningClock
) -> SoakPlatform:
    from central.database import Database

    started, ready = SPAWN.Pipe(duplex=False)
    stop = SPAWN.Event()
    process = SPAWN.Process(
        target=serve_platform,
        args=(directory, kiosk_database, kiosk_code, clock.days, ready, stop),
        name="soak-platform",
        daemon=True,
    )
    process.start()
    ready.close()
    try:
        if not started.poll(PLATFORM_START_SECONDS):
            raise EOFError
        url = str(started.recv())
    except EOFError:
        process.kill()
        raise RuntimeError("the soak's platform did not start (see its error above)") from None
    finally:
        started.close()

    def shut_down() -> None:
        stop.set()
        process.join(PLATFORM_START_SECONDS)
        if process.is_alive():
            process.kill()

    assert process.pid is not None
    return SoakPlatform(
        url, Database(f"sqlite:///{directory / 'central.db'}"), process.pid, shut_down
    )


def serve_platform(
    directory: Path,
    kiosk_database: Path,
    kiosk_code: str,
    days: Synchronized[int],
    ready: MultiprocessingConnection,
    stop: EventType,
) -> None:
    """The platform's own process: serve until `stop` is set, on the kiosk's days.

    It also stops when the soak's process is gone without setting it (killed):
    a platform left serving would hold its port and its files for nothing.
    """
    soak = os.getppid()
    platform = _platform_in_this_process(
        directory, kiosk_database, kiosk_code, DayTurningClock(days)
    )
    ready.send(platform.url)
    ready.close()
    while not stop.wait(PARENT_CHECK_SECONDS) and os.getppid() == soak:
        pass
    platform.shut_down()


def _one_application(walk: Walkthrough, form_id: str, language: str, switches: list[float]) -> None:
    """Start to tracking number through the screens, timing each Next; back to the start."""
    question = walk.screens.question

    def press_next() -> None:
        question.next_button.click()
        walk.kiosk.window.repaint()

    def timed_next() -> None:
        switches.append(time_ms(press_next))

    walk.begin(form_id, language)
    walk.identify()
    walk.answer_all(form_id, press_next=timed_next)
    walk.agree_and_submit()
    walk.kiosk.navigator.reset(keep_draft=False)
    walk.settle()
    _delete_discarded_widgets()


def _delete_discarded_widgets() -> None:
    """Delete what screens discarded with deleteLater, as the kiosk's idle event loop does.

    The soak drives the screens with processEvents and never returns to a
    running event loop, which is where Qt deletes such objects; without this
    every replaced editor would pile up and pass for a leak of the kiosk.
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _platform_rss_mb(platform: SoakPlatform) -> float | None:
    if platform.process_id is None:
        return None
    return ProcessFigures.now(str(platform.process_id)).rss_mb


def _drain(kiosk: Kiosk, platform: SoakPlatform, data_dir: Path, applications: int) -> int:
    """Wait for the last receipts and acknowledgements; the number of receipt files."""
    from PySide6.QtWidgets import QApplication

    from printing.printer_setup import RECEIPTS_SUBDIR

    receipts_dir = data_dir / RECEIPTS_SUBDIR
    deadline = time.monotonic() + DRAIN_SECONDS
    while time.monotonic() < deadline:
        QApplication.processEvents()
        receipts = len(list(receipts_dir.glob("*.pdf")))
        if receipts >= applications and _central_total(platform) >= applications:
            break
        if kiosk.parts.sync is not None:
            kiosk.parts.sync.sync_now()
        time.sleep(0.2)
    return len(list(receipts_dir.glob("*.pdf")))


def _central_total(platform: SoakPlatform) -> int:
    with platform.database.transaction() as connection:
        return int(connection.query("SELECT COUNT(*) FROM applications")[0][0])


def _tracking_numbers_taken(database: Path) -> set[str]:
    """Every application the kiosk holds, read from its database once the run is over.

    Not collected while the run goes on: a list growing by a tracking number per
    application was the soak's own memory growing in the process it measures,
    and its strings, each made among an application's short-lived objects and
    kept for good, kept Python's memory pools they sat in from being reused.
    """
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
        return {number for (number,) in connection.execute(TAKEN_QUERY)}


def _central_counts(
    platform: SoakPlatform, taken: set[str], applications: int
) -> tuple[int, int, int]:
    """Applications the platform holds, tracking numbers held twice, and how many of the
    `applications` driven it lacks (those the kiosk lost too)."""
    with platform.database.transaction() as connection:
        rows = connection.query("SELECT tracking_number, COUNT(*) FROM applications GROUP BY 1")
    held = {str(number): int(count) for number, count in rows}
    received = sum(held.values())
    duplicates = sum(count - 1 for count in held.values() if count > 1)
    missing = applications - len(taken & held.keys())
    return received, duplicates, missing


def main() -> None:
    """Run the soak and print its JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--applications", type=int, default=1000)
    parser.add_argument("--sample-every", type=int, default=100)
    parser.add_argument(
        "--diagnose",
        choices=("memory", "objects", "allocations", "pixmaps"),
        help="print at each sample where resident memory lives (memory), what grew: "
        "object counts (objects), or with allocations (slow)",
    )
    parser.add_argument(
        "--platform-in-process",
        action="store_true",
        help="run the platform inside the kiosk's process, as the soak did before: "
        "its memory then counts in the figures",
    )
    args = parser.parse_args()
    diagnosis = (
        Diagnosis(
            trace_allocations=args.diagnose == "allocations",
            clear_pixmap_cache=args.diagnose == "pixmaps",
            count_objects=args.diagnose != "memory",
        )
        if args.diagnose
        else None
    )

    def report(sample: Sample) -> None:
        if diagnosis is not None:
            diagnosis.report(sample.applications)
        line: dict[str, object] = {"benchmark": "soak_sample", "applications": sample.applications}
        line |= asdict(sample.figures)
        line["switch_p95_ms"] = sample.switch_p95_ms
        if sample.platform_rss_mb is not None:
            line["platform_rss_mb"] = sample.platform_rss_mb
        print(json.dumps(line), flush=True)

    with tempfile.TemporaryDirectory(prefix="soak-") as directory:
        result = run_soak(
            args.applications,
            Path(directory),
            args.sample_every,
            report,
            platform_apart=not args.platform_in_process,
        )
    print(json.dumps(result.summary()))


if __name__ == "__main__":
    main()
