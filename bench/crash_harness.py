"""Kill the kiosk at random points and prove nothing acknowledged is lost or doubled.

Each trial enrols a fresh kiosk database with a real central platform on
loopback, starts :mod:`bench.crash_child` (the kiosk's own submit and sync
code) and kills it with SIGKILL at one random point, chosen from the
trial's seed in one of four ways:

- ``statement``: just before the K-th SQL statement (inside transactions,
  before and after COMMIT, in submit, save_draft, create_draft and sync);
- ``step``: inside a statement, after J×20 SQLite virtual-machine steps;
- ``after_central_commit``: the central platform stored a batch and
  answered, and the proxy in front of it kills the kiosk before the answer
  reaches it (the kiosk never learns it was delivered);
- ``timer``: after a random delay, wherever the process happens to be.

Then the child is started again and finishes the same plan (resuming the
drafts it acknowledged, syncing until the outbox is empty), and the trial
checks: ``PRAGMA integrity_check`` right after the kill and at the end, the
audit chain verifies, every journaled draft survived, and every application
whose tracking number was shown exists exactly once at the central
platform, under that number, with nothing else stored for the kiosk.

Run: ``python -m bench.crash_harness [--trials 200] [--seed S] [--trial N]``.
Prints one JSON line of figures; a failing trial is named with the command
that repeats it, and the exit status is 1 when any check failed.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from bench.crash_child import JOURNAL, KILL_POINT, LOST_DRAFT_STATUS, STEP_INTERVAL, Journal
from bench.fault_proxy import FaultProxy
from bench.local_central import LocalCentral, start_local_central
from kiosk import audit
from kiosk.store import connect

DEFAULT_TRIALS = 200
APPLICATIONS_PER_TRIAL = 3
KILL_MODES = ("statement", "statement", "step", "after_central_commit", "timer")
"""Drawn uniformly, so half the kills land exactly on a statement boundary."""
WITHIN = 0.9
"""Kills are drawn from the first 90 % of the calibrated run: plans differ a little in length."""
BATCH_REQUEST = b"POST /api/v1/applications/batch"
CHILD = [sys.executable, "-m", "bench.crash_child"]
REPOSITORY = Path(__file__).resolve().parents[1]
"""The children run from here, so ``bench`` and the kiosk's packages import."""


@dataclass(frozen=True)
class Calibration:
    """How much work one uninterrupted run of the plan does: the range kills are drawn from."""

    statements: int
    steps: int
    seconds: float
    batches: int


@dataclass
class Tally:
    """The counts the exactly-once promise is judged by (all but ``acknowledged`` must be 0)."""

    acknowledged: int = 0
    lost: int = 0
    duplicated: int = 0
    integrity_failures: int = 0
    audit_failures: int = 0
    lost_drafts: int = 0

    def add(self, other: Tally) -> None:
        """Add another tally's counts to this one."""
        for name in (item.name for item in fields(self)):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class TrialOutcome:
    """What one trial found."""

    kill_point: str
    tally: Tally = field(default_factory=Tally)
    problems: list[str] = field(default_factory=list)


@dataclass
class Harness:
    """One central platform and its proxy, shared by the trials of a run."""

    central: LocalCentral
    proxy: FaultProxy
    scratch: Path
    seed: int
    calibration: Calibration | None = None

    def calibrate(self) -> Calibration:
        """Run the plan once without a kill to learn its size."""
        directory = self._kiosk_dir("CAL0")
        batches = Counter[str]()

        def count_only(head: bytes) -> bool:
            _count_batches(head, batches)
            return False

        self.proxy.answer_filter = count_only
        started = time.perf_counter()
        done = _run_child(directory, self.proxy.url, "CAL0", self.seed)
        seconds = time.perf_counter() - started
        self.proxy.answer_filter = None
        if done.returncode != 0:
            raise RuntimeError(f"the uninterrupted run failed: {_tail(done)}")
        figures = json.loads(done.stdout.splitlines()[-1])
        if not figures["drained"]:
            raise RuntimeError("the uninterrupted run could not empty its outbox")
        self.calibration = Calibration(
            figures["statements"], figures["steps"], seconds, max(batches["batches"], 1)
        )
        return self.calibration

    def trial(self, number: int) -> TrialOutcome:
        """Kill once at a point drawn from (seed, number), finish, check."""
        assert self.calibration is not None
        rng = random.Random(f"{self.seed}:{number}")
        code = f"T{number:04d}"
        directory = self._kiosk_dir(code)
        child_seed = rng.randrange(2**31)
        mode = rng.choice(KILL_MODES)
        kill_point = self._killed_run(directory, code, child_seed, mode, rng)
        outcome = TrialOutcome(kill_point)
        if not _integrity_ok(directory / "kiosk.db", read_only=True):
            outcome.tally.integrity_failures += 1
            outcome.problems.append("integrity_check failed right after the kill")
        finished = _run_child(directory, self.proxy.url, code, child_seed)
        if finished.returncode != 0:
            outcome.tally.lost_drafts += finished.returncode == LOST_DRAFT_STATUS
            outcome.problems.append(f"the restarted kiosk failed: {_tail(finished)}")
            return outcome
        self.check(directory, code, outcome)
        return outcome

    def _killed_run(
        self, directory: Path, code: str, child_seed: int, mode: str, rng: random.Random
    ) -> str:
        """Start the child and kill it as ``mode`` says; return where it died."""
        assert self.calibration is not None
        calibration = self.calibration
        extra: list[str] = []
        if mode == "statement":
            extra = ["--kill-at-statement", str(rng.randint(1, _within(calibration.statements)))]
        elif mode == "step":
            extra = ["--kill-at-step", str(rng.randint(1, _within(calibration.steps)))]
        process = _start_child(directory, self.proxy.url, code, child_seed, extra)
        if mode == "after_central_commit":
            chosen = rng.randint(1, calibration.batches)
            batches = Counter[str]()

            def kill_on_answer(head: bytes) -> bool:
                if _count_batches(head, batches) and batches["batches"] == chosen:
                    process.send_signal(signal.SIGKILL)
                    (directory / KILL_POINT).write_text(
                        "sync: central committed, answer lost", encoding="utf-8"
                    )
                    return True
                return False

            self.proxy.answer_filter = kill_on_answer
        delay = rng.uniform(0, calibration.seconds * WITHIN) if mode == "timer" else None
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
            return "timer"
        finally:
            self.proxy.answer_filter = None
        point = directory / KILL_POINT
        if process.returncode == -signal.SIGKILL and point.exists():
            return point.read_text(encoding="utf-8")
        return "not killed (finished first)" if process.returncode == 0 else "child failed"

    def check(self, directory: Path, code: str, outcome: TrialOutcome) -> None:
        """The end-of-trial checks: integrity, audit chain, exactly once at the centre."""
        database = directory / "kiosk.db"
        if not _integrity_ok(database, read_only=False):
            outcome.tally.integrity_failures += 1
            outcome.problems.append("integrity_check failed at the end")
        db = connect(database)
        try:
            verification = audit.verify(db)
            if not verification.ok:
                outcome.tally.audit_failures += 1
                outcome.problems.append(
                    f"audit chain broken at {verification.first_broken_id}: {verification.reason}"
                )
            kiosk_numbers = {
                str(uuid): str(number)
                for uuid, number in db.execute(
                    "SELECT uuid, tracking_number FROM applications WHERE state = 'submitted'"
                ).fetchall()
            }
        finally:
            db.conn.close()
        journal = Journal.read(directory / JOURNAL)
        stored = self.central.stored(code)
        by_number = Counter(number for (_, number), count in stored.items() for _ in range(count))
        for index, number in journal.submitted.items():
            uuid = journal.drafts[index]
            outcome.tally.acknowledged += 1
            copies = stored.get((uuid, number), 0)
            if copies == 0:
                outcome.tally.lost += 1
                outcome.problems.append(f"{number} ({uuid}) acknowledged, not at the centre")
            elif copies > 1 or by_number[number] > 1:
                outcome.tally.duplicated += 1
                outcome.problems.append(f"{number} stored {by_number[number]} times")
            if kiosk_numbers.get(uuid) != number:
                outcome.problems.append(
                    f"{uuid} shown as {number}, kept as {kiosk_numbers.get(uuid)}"
                )
        extra = sum(stored.values()) - len(kiosk_numbers)
        if extra > 0:
            outcome.tally.duplicated += extra
            outcome.problems.append(f"{extra} more applications at the centre than at the kiosk")
        if len(journal.submitted) != APPLICATIONS_PER_TRIAL:
            outcome.problems.append(f"only {len(journal.submitted)} applications were finished")

    def _kiosk_dir(self, code: str) -> Path:
        directory = self.scratch / code
        directory.mkdir()
        self.central.enrol_new_kiosk(directory / "kiosk.db", code)
        return directory


def _within(total: int) -> int:
    """The part of an uninterrupted run's count that every trial's plan reaches."""
    return max(int(total * WITHIN), 1)


def _count_batches(head: bytes, batches: Counter[str]) -> bool:
    """Count the answers to batch submissions; True for one."""
    if head.startswith(BATCH_REQUEST):
        batches["batches"] += 1
        return True
    return False


def _child_command(directory: Path, url: str, code: str, seed: int) -> list[str]:
    return [
        *CHILD,
        str(directory),
        url,
        code,
        "--seed",
        str(seed),
        "--applications",
        str(APPLICATIONS_PER_TRIAL),
    ]


def _start_child(
    directory: Path, url: str, code: str, seed: int, extra: list[str]
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*_child_command(directory, url, code, seed), *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=REPOSITORY,
    )


def _run_child(directory: Path, url: str, code: str, seed: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _child_command(directory, url, code, seed),
        capture_output=True,
        text=True,
        check=False,
        cwd=REPOSITORY,
    )


def _integrity_ok(database: Path, *, read_only: bool) -> bool:
    """``PRAGMA integrity_check`` says ok (read-only right after a kill: change nothing)."""
    uri = database.resolve().as_uri() + ("?mode=ro" if read_only else "")
    conn = sqlite3.connect(uri, uri=True)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return [str(row[0]) for row in rows] == ["ok"]


def _tail(process: subprocess.CompletedProcess[str]) -> str:
    text = (process.stdout + process.stderr).strip().splitlines()
    return f"status {process.returncode}: {text[-1] if text else ''}"


@dataclass
class RunFigures:
    """The sums over every trial of a run."""

    trials: int = 0
    killed: int = 0
    tally: Tally = field(default_factory=Tally)
    failed_trials: list[int] = field(default_factory=list)
    kill_points: Counter[str] = field(default_factory=Counter)

    def add(self, number: int, outcome: TrialOutcome) -> None:
        """Fold one trial in."""
        self.trials += 1
        self.killed += not outcome.kill_point.startswith(("not killed", "child failed"))
        self.kill_points[outcome.kill_point] += 1
        self.tally.add(outcome.tally)
        if outcome.problems:
            self.failed_trials.append(number)


def run(trials: int, seed: int, only: int | None = None) -> tuple[RunFigures, Calibration]:
    """Run the trials (or just trial ``only``); failing ones are described on stderr."""
    figures = RunFigures()
    with tempfile.TemporaryDirectory(prefix="crash-harness-") as scratch:
        central = start_local_central(Path(scratch))
        proxy = FaultProxy(upstream=("127.0.0.1", central.port))
        proxy.start()
        try:
            harness = Harness(central, proxy, Path(scratch), seed)
            calibration = harness.calibrate()
            for number in range(trials) if only is None else [only]:
                outcome = harness.trial(number)
                figures.add(number, outcome)
                for problem in outcome.problems:
                    print(
                        f"trial {number} (killed at {outcome.kill_point}): {problem}"
                        f" -- repeat with: python -m bench.crash_harness --seed {seed}"
                        f" --trial {number}",
                        file=sys.stderr,
                    )
        finally:
            proxy.stop()
            central.stop()
    return figures, calibration


def summary_line(figures: RunFigures, calibration: Calibration, seed: int, seconds: float) -> str:
    """The run's figures as one JSON line."""
    kinds = Counter[str]()
    for point, count in figures.kill_points.items():
        kinds[point.split(":")[0]] += count
    return json.dumps(
        {
            "bench": "crash_harness",
            "seed": seed,
            "trials": figures.trials,
            "killed": figures.killed,
            **asdict(figures.tally),
            "failed_trials": figures.failed_trials,
            "kill_points_covered": len(figures.kill_points),
            "kills_by_operation": dict(sorted(kinds.items())),
            "statements_per_run": calibration.statements,
            "vm_steps_per_run": calibration.steps * STEP_INTERVAL,
            "seconds": round(seconds, 1),
            "exactly_once": not figures.failed_trials,
        },
        ensure_ascii=False,
    )


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run, print the JSON line; 1 when any check failed."""
    parser = argparse.ArgumentParser(description="SIGKILL the kiosk at random points.")
    parser.add_argument("--trials", type=int, default=DEFAULT_TRIALS)
    parser.add_argument("--seed", type=int, default=None, help="default: a new random seed")
    parser.add_argument("--trial", type=int, default=None, help="repeat only this trial")
    parser.add_argument("--kill-points", action="store_true", help="also list every kill point")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    started = time.perf_counter()
    figures, calibration = run(args.trials, seed, args.trial)
    print(summary_line(figures, calibration, seed, time.perf_counter() - started))
    if args.kill_points:
        for point, count in sorted(figures.kill_points.items()):
            print(f"{count:5d}  {point}", file=sys.stderr)
    return 1 if figures.failed_trials else 0


if __name__ == "__main__":
    sys.exit(main())
