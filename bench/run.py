"""Run every benchmark of the project and write docs/BENCHMARKS.md.

    bench/run [--short] [--long-soak] [--only NAME ...] [--out docs/BENCHMARKS.md]

(``bench/run`` is ``python -m bench.run`` with the project's interpreter.)
Each benchmark runs in its own process, one after another, against the
baseline it measures in the same run (see bench/suite.py); its JSON lines
are collected, judged against the targets the issues set, and written with
the machine's description to the report. A benchmark whose module is not
there, that exits with an error, or whose figures miss a target is shown as
a failure in the report and makes the command exit 1: nothing is left out.
``--short`` runs each with fewer iterations (a quick check, not figures to
quote). ``--long-soak`` runs the soak for 10,000 applications sampled every
500 instead of 1,000 (about an hour on a quiet machine): long enough to tell
a plateau of memory from a leak. Each JSON line is printed as the benchmark
prints it, so a long run can be followed (``nohup bench/run ... > file``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.benchmarks_page import Machine, write_page
from bench.outcome import Outcome
from bench.suite import LONG_SOAK_ARGS, SUITE, Benchmark, Line, MissingFigures

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = PROJECT / "docs" / "BENCHMARKS.md"
STDERR_TAIL = 800
"""Characters of a failed benchmark's error output kept for the report."""


def run_benchmark(
    benchmark: Benchmark, short: bool, arguments: tuple[str, ...] | None = None
) -> Outcome:
    """Run one benchmark in a child process, echoing its JSON lines, and judge them."""
    if arguments is None:
        arguments = benchmark.short_args if short else benchmark.full_args
    outcome = Outcome(benchmark, arguments)
    if importlib.util.find_spec(benchmark.module) is None:
        outcome.problem = f"module {benchmark.module} is missing from this checkout"
        return outcome
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        child = subprocess.Popen(
            [sys.executable, "-m", benchmark.module, *arguments],
            cwd=PROJECT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        assert child.stdout is not None
        for raw in child.stdout:
            for line in json_lines(raw):
                outcome.lines.append(line)
                print(json.dumps(line, ensure_ascii=False), flush=True)
        returncode = child.wait()
        errors.seek(0)
        stderr = errors.read()
    outcome.seconds = time.perf_counter() - started
    outcome.load_after = os.getloadavg()[0]
    if returncode != 0:
        outcome.problem = f"exit status {returncode}: {stderr[-STDERR_TAIL:].strip()}"
    try:
        outcome.verdicts = benchmark.judge(outcome.lines)
    except (MissingFigures, KeyError, TypeError) as error:
        outcome.problem = outcome.problem or f"figures missing from its output ({error})"
    return outcome


def json_lines(text: str) -> list[Line]:
    """The JSON objects among a benchmark's output lines (other lines are ignored)."""
    found: list[Line] = []
    for raw in text.splitlines():
        if not raw.startswith("{"):
            continue
        try:
            decoded = json.loads(raw)
        except json.JSONDecodeError:
            continue
        if isinstance(decoded, dict):
            found.append(decoded)
    return found


def selected(names: list[str] | None) -> list[Benchmark]:
    """The benchmarks to run: all, or those whose name or module contains one of `names`."""
    if not names:
        return list(SUITE)
    chosen = [b for b in SUITE if any(n in b.name or n in b.module for n in names)]
    if not chosen:
        raise SystemExit(f"no benchmark matches {names}; known: {[b.name for b in SUITE]}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    """Run the suite, print each verdict as it comes, write the report; 1 if anything failed."""
    parser = argparse.ArgumentParser(description="Run every benchmark; write docs/BENCHMARKS.md.")
    parser.add_argument("--short", action="store_true", help="fewer iterations: a quick check")
    parser.add_argument(
        "--long-soak",
        action="store_true",
        help="the soak for 10,000 applications, sampled every 500 (about an hour)",
    )
    parser.add_argument("--only", action="append", help="run only benchmarks matching this")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the report to write")
    args = parser.parse_args(argv)
    started = datetime.now(UTC)
    outcomes: list[Outcome] = []
    for benchmark in selected(args.only):
        print(f"{benchmark.name}: running python -m {benchmark.module} ...", file=sys.stderr)
        long_soak = args.long_soak and benchmark.module == "bench.soak"
        outcome = run_benchmark(benchmark, args.short, LONG_SOAK_ARGS if long_soak else None)
        outcomes.append(outcome)
        verdict = "PASS" if outcome.passed else f"FAIL {outcome.problem or ''}".strip()
        print(f"{benchmark.name}: {verdict} ({outcome.seconds:.0f} s)", file=sys.stderr)
    write_page(
        args.out, outcomes, Machine.describe(), started, short=args.short, partial=bool(args.only)
    )
    print(f"wrote {args.out}", file=sys.stderr)
    return 0 if all(outcome.passed for outcome in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
