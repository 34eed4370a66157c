"""Soak: many applications through the real screens, receipts to PDF, sync to a platform.

    python -m bench.soak [--applications 1000] [--sample-every 100]

The real kiosk runs offscreen on a fresh data directory with the PDF
printer, beside a central platform on loopback (the demo's, SQLite); the
kiosk's own sync thread sends the outbox. Each application goes from the
start screen through identification, every question (each Next press timed
as in bench/screen_switch.py), review and submit, then back to the start.

Every `--sample-every` applications one ``soak_sample`` JSON line gives the
process's resident memory, open file descriptors, OS threads and the
screen-switch p95 of that stretch. The last line, ``soak``, compares the end
with the start: memory growth against the target of at most 10 %, measured
from the first sample, once the first stretch has loaded what is only loaded
on first use (receipt fonts, the sync client, every screen); the figure
before the first application is reported beside it. It also checks that
every application reached the platform exactly once and has a receipt.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from bench.report import time_ms
from bench.screen_switch import SERVICES, percentile

if TYPE_CHECKING:
    from demo.platform import DemoPlatform
    from kiosk.services import KioskServices
    from ui.app import Kiosk
    from ui.walkthrough import Walkthrough

TARGET_RSS_GROWTH_PCT = 10.0
FD_ALLOWANCE = 8
"""Descriptors the end may hold over the start: a sync in flight has a socket at both
ends, and the platform lives in this process too. A leak grows past it."""
THREAD_ALLOWANCE = 2
LANGUAGES = ("zh_CN", "en", "ug")
SYNC_EVERY = 25
"""Applications between two 'sync now' wake-ups (the kiosk's own interval is a minute)."""
DRAIN_SECONDS = 300.0
"""How long the end of the run waits for the last receipts and acknowledgements."""


@dataclass(frozen=True)
class ProcessFigures:
    """What the operating system says this process holds."""

    rss_mb: float
    fds: int
    threads: int

    @classmethod
    def now(cls) -> ProcessFigures:
        """Read /proc/self for resident memory, descriptors and threads."""
        status = Path("/proc/self/status").read_text(encoding="ascii").splitlines()
        fields = dict(line.split(":", 1) for line in status if ":" in line)
        rss_kb = int(fields["VmRSS"].split()[0])
        return cls(
            rss_mb=round(rss_kb / 1024, 1),
            fds=len(os.listdir("/proc/self/fd")),
            threads=int(fields["Threads"]),
        )


@dataclass(frozen=True)
class Sample:
    """The process after `applications` applications, and the switch p95 since the last one."""

    applications: int
    figures: ProcessFigures
    switch_p95_ms: float


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

    def summary(self) -> dict[str, object]:
        """The final JSON line."""
        first, last = self.samples[0], self.samples[-1]
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
            "fds_start": first.figures.fds,
            "fds_end": last.figures.fds,
            "threads_start": first.figures.threads,
            "threads_end": last.figures.threads,
            "switch_p95_start_ms": first.switch_p95_ms,
            "switch_p95_end_ms": last.switch_p95_ms,
            "central_received": self.central_received,
            "central_duplicates": self.central_duplicates,
            "missing_at_central": self.missing_at_central,
            "receipts": self.receipts,
            "seconds": round(self.seconds, 1),
            "target_met": delivered
            and self.receipts == self.applications
            and self.rss_growth_pct() <= TARGET_RSS_GROWTH_PCT,
        }


def run_soak(
    applications: int,
    data_dir: Path,
    sample_every: int,
    on_sample: Callable[[Sample], None] = lambda sample: None,
) -> SoakResult:
    """Drive `applications` applications through a kiosk on `data_dir` and check the outcome."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.app import KIOSK_WINDOW_SIZE, build_kiosk
    from ui.screenshots import settle
    from ui.walkthrough import Walkthrough

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    started = time.perf_counter()
    with kiosk_beside_platform(data_dir) as (services, platform):
        kiosk = build_kiosk(app, services)
        kiosk.window.resize(*KIOSK_WINDOW_SIZE)
        kiosk.window.show()
        settle(kiosk)
        walk = Walkthrough(kiosk, lambda: settle(kiosk))
        languages = [code for code in LANGUAGES if code in walk.screens.start.language_buttons]
        before = ProcessFigures.now()
        samples: list[Sample] = []
        tracking_numbers: list[str] = []
        switches: list[float] = []
        try:
            for number in range(applications):
                form_id = SERVICES[number % len(SERVICES)]
                language = languages[(number // len(SERVICES)) % len(languages)]
                tracking_numbers.append(_one_application(walk, form_id, language, switches))
                if kiosk.applicant.sync is not None and (number + 1) % SYNC_EVERY == 0:
                    kiosk.applicant.sync.sync_now()
                if (number + 1) % sample_every == 0 or number + 1 == applications:
                    sample = Sample(
                        number + 1, ProcessFigures.now(), round(percentile(switches, 0.95), 2)
                    )
                    samples.append(sample)
                    on_sample(sample)
                    switches.clear()
            receipts = _drain(kiosk, platform, data_dir, applications)
        finally:
            kiosk.shut_down()
        received, duplicates, missing = _central_counts(platform, tracking_numbers)
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


@contextmanager
def kiosk_beside_platform(data_dir: Path) -> Iterator[tuple[KioskServices, DemoPlatform]]:
    """The kiosk's services on `data_dir`, enrolled with a local platform, as `kiosk demo` does."""
    from demo.platform import start_demo_platform
    from kiosk.clock import SystemClock
    from kiosk.config import DataPaths
    from kiosk.services import load_services
    from kiosk.store import open_database
    from resources import FORMS_DIR

    paths = DataPaths(data_dir)
    open_database(paths.database).db.conn.close()
    services = load_services(data_dir)
    platform = start_demo_platform(
        data_dir / "central",
        paths.database,
        services.config.kiosk_code,
        FORMS_DIR,
        SystemClock(),
        start_sync=False,  # the kiosk's own sync thread sends the outbox
    )
    try:
        config = replace(services.config, central_url=platform.server.url)
        yield replace(services, config=config), platform
    finally:
        platform.shut_down()


def _one_application(walk: Walkthrough, form_id: str, language: str, switches: list[float]) -> str:
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
    tracking_number = walk.agree_and_submit()
    walk.kiosk.applicant.reset(keep_draft=False)
    walk.settle()
    _delete_discarded_widgets()
    return tracking_number


def _delete_discarded_widgets() -> None:
    """Delete what screens discarded with deleteLater, as the kiosk's idle event loop does.

    The soak drives the screens with processEvents and never returns to a
    running event loop, which is where Qt deletes such objects; without this
    every replaced editor would pile up and pass for a leak of the kiosk.
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _drain(kiosk: Kiosk, platform: DemoPlatform, data_dir: Path, applications: int) -> int:
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
        if kiosk.applicant.sync is not None:
            kiosk.applicant.sync.sync_now()
        time.sleep(0.2)
    return len(list(receipts_dir.glob("*.pdf")))


def _central_total(platform: DemoPlatform) -> int:
    with platform.database.transaction() as connection:
        return int(connection.query("SELECT COUNT(*) FROM applications")[0][0])


def _central_counts(platform: DemoPlatform, tracking_numbers: list[str]) -> tuple[int, int, int]:
    """Applications the platform holds, tracking numbers held twice, and numbers it lacks."""
    with platform.database.transaction() as connection:
        rows = connection.query("SELECT tracking_number, COUNT(*) FROM applications GROUP BY 1")
    held = {str(number): int(count) for number, count in rows}
    received = sum(held.values())
    duplicates = sum(count - 1 for count in held.values() if count > 1)
    missing = sum(1 for number in tracking_numbers if number not in held)
    return received, duplicates, missing


def main() -> None:
    """Run the soak and print its JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--applications", type=int, default=1000)
    parser.add_argument("--sample-every", type=int, default=100)
    args = parser.parse_args()

    def report(sample: Sample) -> None:
        line = {"benchmark": "soak_sample", "applications": sample.applications}
        print(
            json.dumps({**line, **asdict(sample.figures), "switch_p95_ms": sample.switch_p95_ms}),
            flush=True,
        )

    with tempfile.TemporaryDirectory(prefix="soak-") as directory:
        result = run_soak(args.applications, Path(directory), args.sample_every, report)
    print(json.dumps(result.summary()))


if __name__ == "__main__":
    main()
