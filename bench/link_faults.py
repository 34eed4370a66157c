"""The link fault table: each way a township link fails, then exactly-once once it heals.

For every scenario a fresh kiosk (its own database, enrolled and synced once
over a good link, as a kiosk in service would be) submits applications, then
runs its real sync worker against the real central platform through the
fault: a lossy, slow or narrow link (:class:`bench.link_emulator.LinkEmulator`),
a proxy that resets, cuts, stalls or drops answers
(:class:`bench.fault_proxy.FaultProxy`), a name that does not resolve, or a
captive portal (:class:`bench.captive_portal.CaptivePortal`). It records
what got through and the reason the worker gave (what the clerk's screen
and the log show). Then the fault is removed, the worker syncs until its
outbox is empty, and the platform's own table is checked: every submitted
application stored exactly once.

Run: ``python -m bench.link_faults [--short]``. One JSON line per scenario
on stdout, a summary table on stderr; exit status 1 when any scenario lost
or doubled an application, or failed to deliver after the fault was gone.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import requests

from bench.captive_portal import CaptivePortal
from bench.fault_proxy import Fault, FaultProxy
from bench.link_emulator import LinkEmulator
from bench.local_central import LocalCentral, start_local_central
from bench.sync_sample import answers
from kiosk.applications import ApplicationStore
from kiosk.clock import FixedClock, SystemClock
from kiosk.store import open_database
from sync.client import CentralClient, Timeouts
from sync.transport import RequestsTransport
from sync.worker import SyncReport, SyncWorker

FORM_ID = "rural-pension-enrolment"
FAULT_CYCLES = 2
"""Sync cycles tried while the fault lasts (the clock skips the backoff between them)."""
HEAL_CYCLES = 10
DEFAULT_TIMEOUTS = Timeouts(connect=5, read=20)
STALL_TIMEOUT = Timeouts(connect=2, read=2)
"""Short enough that a stalled link costs the harness seconds, not minutes."""

ANSWER_HEAD_BYTES = 200
"""Past the status line and headers of the platform's answer, inside its JSON body."""

LinkFactory = Callable[[LocalCentral], AbstractContextManager[str]]
"""Puts a fault in front of the platform; yields the URL the kiosk should use."""


@dataclass(frozen=True)
class Scenario:
    """One way the link fails."""

    name: str
    link: LinkFactory
    expected_reason: str | None = None
    """Words the worker's reason must contain (None: a slow link that still delivers)."""
    timeouts: Timeouts = DEFAULT_TIMEOUTS


@dataclass(frozen=True)
class ScenarioResult:
    """What one scenario did and found."""

    scenario: str
    applications: int
    delivered_during_fault: int
    reason: str | None
    fault_seconds: float
    reason_clear: bool
    delivered: int
    lost: int
    duplicated: int

    @property
    def exactly_once(self) -> bool:
        """Every application stored once, none lost, none doubled."""
        return self.delivered == self.applications and self.lost == self.duplicated == 0

    def as_json(self) -> str:
        """The scenario's JSON line."""
        return json.dumps(
            {
                "bench": "link_faults",
                "scenario": self.scenario,
                "applications": self.applications,
                "delivered_during_fault": self.delivered_during_fault,
                "reason": self.reason,
                "reason_clear": self.reason_clear,
                "fault_seconds": round(self.fault_seconds, 2),
                "delivered_after_fault": self.delivered,
                "lost": self.lost,
                "duplicated": self.duplicated,
                "exactly_once": self.exactly_once,
            },
            ensure_ascii=False,
        )


def _emulated(**settings: float) -> LinkFactory:
    @contextmanager
    def link(central: LocalCentral) -> Iterator[str]:
        emulator = LinkEmulator(upstream=("127.0.0.1", central.port), **settings)  # type: ignore[arg-type]
        url = emulator.start()
        try:
            yield url
        finally:
            emulator.stop()

    return link


def _proxied(fault: Fault, **settings: float) -> LinkFactory:
    @contextmanager
    def link(central: LocalCentral) -> Iterator[str]:
        proxy = FaultProxy(upstream=("127.0.0.1", central.port), fault=fault, **settings)  # type: ignore[arg-type]
        url = proxy.start()
        try:
            yield url
        finally:
            proxy.stop()

    return link


def _portal(redirect: bool) -> LinkFactory:
    @contextmanager
    def link(central: LocalCentral) -> Iterator[str]:
        portal = CaptivePortal(redirect=redirect)
        url = portal.start()
        try:
            yield url
        finally:
            portal.stop()

    return link


@contextmanager
def _unresolvable(central: LocalCentral) -> Iterator[str]:
    # .invalid never resolves (RFC 2606), so this is a DNS failure on any machine.
    yield f"https://central.invalid:{central.port}"  # plain http is for loopback only


SCENARIOS = (
    Scenario(
        "loss 10% (1 Mbit/s, 100 ms RTT)",
        _emulated(bits_per_second=1e6, one_way_latency=0.05, loss=0.1, retransmit_after=0.3),
    ),
    Scenario(
        "latency 2 s RTT",
        _emulated(bits_per_second=1e7, one_way_latency=1.0),
    ),
    Scenario(
        "bandwidth 9.6 kbit/s",
        _emulated(bits_per_second=9600, one_way_latency=0.3),
    ),
    Scenario("connection reset", _proxied(Fault.RESET), "reset"),
    Scenario("closed at once", _proxied(Fault.REFUSE), "closed before"),
    Scenario("request cut short", _proxied(Fault.CUT_REQUEST, cut_after=200), "closed before"),
    Scenario(
        "answer cut in its headers",
        _proxied(Fault.CUT_RESPONSE, cut_after=60),
        "broke off before its headers",
    ),
    Scenario(
        "answer cut in its body",
        _proxied(Fault.CUT_RESPONSE, cut_after=ANSWER_HEAD_BYTES),
        "closed before",
    ),
    Scenario("answer lost after commit", _proxied(Fault.DROP_RESPONSE), "closed before"),
    Scenario(
        "accepts then stalls", _proxied(Fault.STALL), "sent no answer", timeouts=STALL_TIMEOUT
    ),
    Scenario("DNS failure", _unresolvable, "DNS failure"),
    Scenario(
        "captive portal (200 login page)",
        _portal(redirect=False),
        "not as the central platform",
    ),
    Scenario(
        "captive portal (302 redirect)", _portal(redirect=True), "not as the central platform"
    ),
)


def run_scenario(
    central: LocalCentral, directory: Path, scenario: Scenario, number: int, count: int
) -> ScenarioResult:
    """Submit ``count`` applications, sync through the fault, heal, check."""
    code = f"F{number:03d}"
    database = directory / f"{code}.db"
    central.enrol_new_kiosk(database, code)
    clock = FixedClock(SystemClock().now())
    db = open_database(database, clock=clock).db
    try:
        client = CentralClient(central.url, RequestsTransport(requests.Session()))
        worker = SyncWorker(db, client, clock, rng=random.Random(number))
        worker.run_once()  # in service before the fault: forms installed
        store = ApplicationStore(db, clock, code)
        rng = random.Random(number)
        for _ in range(count):
            draft = store.create_draft(FORM_ID, 1, "zh_CN")
            store.submit(draft.uuid, answers(rng))
        client.timeouts = scenario.timeouts
        started = time.perf_counter()
        with scenario.link(central) as url:
            client.base_url = url
            reports = _cycles(worker, clock, FAULT_CYCLES)
        fault_seconds = time.perf_counter() - started
        client.base_url, client.timeouts = central.url, Timeouts()
        healed = _cycles(worker, clock, HEAL_CYCLES)
        submitted = dict(db.execute("SELECT uuid, tracking_number FROM applications").fetchall())
    finally:
        db.conn.close()
    stored = central.stored(code)
    delivered = sum(1 for key in stored if key in submitted.items())
    reason = next((report.error for report in reports if report.error), None)
    expected = scenario.expected_reason
    reason_clear = reason is None if expected is None else expected in (reason or "")
    if healed[-1].backlog:
        reason = f"{reason}; still {healed[-1].backlog} waiting after the fault was removed"
    return ScenarioResult(
        scenario=scenario.name,
        applications=count,
        delivered_during_fault=sum(report.acknowledged for report in reports),
        reason=reason,
        reason_clear=reason_clear,
        fault_seconds=fault_seconds,
        delivered=delivered,
        lost=count - delivered,
        duplicated=sum(stored.values()) - delivered,
    )


def _cycles(worker: SyncWorker, clock: FixedClock, limit: int) -> list[SyncReport]:
    """Sync until the outbox is empty or ``limit`` cycles, skipping backoff waits."""
    reports: list[SyncReport] = []
    while len(reports) < limit:
        reports.append(worker.run_once())
        if reports[-1].online and reports[-1].backlog == 0:
            break
        clock.advance(timedelta(hours=1))
    return reports


def table(results: list[ScenarioResult]) -> str:
    """The summary as a plain-text table."""
    lines = [
        f"{'scenario':34} {'during':>6} {'s':>6} {'after':>6} {'lost':>4} {'dup':>4}  reason",
    ]
    for result in results:
        lines.append(
            f"{result.scenario:34} {result.delivered_during_fault:>6} {result.fault_seconds:>6.1f}"
            f" {result.delivered:>6} {result.lost:>4} {result.duplicated:>4}"
            f"  {(result.reason or 'ok')[:110]}"
        )
    return "\n".join(lines)


def run(count: int, only: str | None = None) -> list[ScenarioResult]:
    """Every scenario (or those whose name contains ``only``), printing each JSON line."""
    results: list[ScenarioResult] = []
    with tempfile.TemporaryDirectory(prefix="link-faults-") as scratch:
        central = start_local_central(Path(scratch))
        try:
            for number, scenario in enumerate(SCENARIOS):
                if only is not None and only not in scenario.name:
                    continue
                result = run_scenario(central, Path(scratch), scenario, number, count)
                print(result.as_json(), flush=True)
                results.append(result)
        finally:
            central.stop()
    return results


def main(argv: list[str] | None = None) -> int:
    """Run the table; 1 when any scenario lost, doubled or failed to deliver."""
    parser = argparse.ArgumentParser(description="Sync through each kind of broken link.")
    parser.add_argument("--short", action="store_true", help="5 applications per scenario")
    parser.add_argument("--applications", type=int, default=50)
    parser.add_argument("--only", help="run the scenarios whose name contains this")
    args = parser.parse_args(argv)
    results = run(5 if args.short else args.applications, args.only)
    print(table(results), file=sys.stderr)
    return 0 if all(result.exactly_once for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
