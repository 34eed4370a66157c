"""docs/BENCHMARKS.md: the machine, the method, the figures beside their targets.

Written by bench/run from what the benchmarks printed in that run, so the
page never holds a figure nobody measured. The machine is read at run time:
a figure means little without the CPU, memory and versions it came from.
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bench.outcome import Outcome


@dataclass(frozen=True)
class Machine:
    """What the figures were measured on."""

    cpu: str
    cores: int
    memory_gib: float
    system: str
    python: str
    qt: str
    sqlite: str
    load_average: str

    @classmethod
    def describe(cls) -> Machine:
        """Read this machine's description from /proc, /etc/os-release and the libraries."""
        from PySide6 import QtCore, __version__

        return cls(
            cpu=_proc_field("/proc/cpuinfo", "model name") or platform.processor() or "unknown",
            cores=os.cpu_count() or 0,
            memory_gib=round(
                int((_proc_field("/proc/meminfo", "MemTotal") or "0 kB").split()[0]) / 2**20, 1
            ),
            system=f"{_os_name()} (Linux {platform.release()})",
            python=platform.python_version(),
            qt=f"PySide6 {__version__}, Qt {QtCore.qVersion()}",
            sqlite=sqlite3.sqlite_version,
            load_average=" ".join(f"{value:.2f}" for value in os.getloadavg()),
        )

    def rows(self) -> list[tuple[str, str]]:
        """The description as table rows."""
        return [
            ("CPU", self.cpu),
            ("cores", str(self.cores)),
            ("memory", f"{self.memory_gib} GiB"),
            ("system", self.system),
            ("Python", self.python),
            ("Qt", self.qt),
            ("SQLite", self.sqlite),
            ("load average at the start (1, 5, 15 min)", self.load_average),
        ]


def _proc_field(path: str, name: str) -> str | None:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in lines:
        key, _, value = line.partition(":")
        if key.strip() == name:
            return value.strip()
    return None


def _os_name() -> str:
    try:
        release = Path("/etc/os-release").read_text(encoding="utf-8").splitlines()
    except OSError:
        return platform.system()
    fields = dict(line.split("=", 1) for line in release if "=" in line)
    return fields.get("PRETTY_NAME", platform.system()).strip('"')


def write_page(
    path: Path,
    outcomes: Sequence[Outcome],
    machine: Machine,
    started: datetime,
    *,
    short: bool,
    partial: bool,
) -> None:
    """Write the whole report to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "\n".join(_page(outcomes, machine, started, short, partial)) + "\n", encoding="utf-8"
    )


def _page(
    outcomes: Sequence[Outcome], machine: Machine, started: datetime, short: bool, partial: bool
) -> list[str]:
    passed = sum(outcome.passed for outcome in outcomes)
    mode = (
        "short run (`bench/run --short`): fewer iterations, not figures to quote"
        if short
        else "full run"
    )
    lines = [
        "# Benchmarks",
        "",
        "Written by `bench/run` (one command: every benchmark, each against its baseline"
        " measured in the same run). Do not edit by hand: run it again.",
        "",
        f"Run of {started:%Y-%m-%d %H:%M} UTC, {mode}"
        + (", some benchmarks only (`--only`)" if partial else "")
        + f": **{passed} of {len(outcomes)} benchmarks met every target.**",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
        *(f"| {name} | {value} |" for name, value in machine.rows()),
        "",
        "The machine is shared: other work running at the same time shows in the timings,"
        " which is why every figure is set against a baseline measured alternately with it.",
        "",
        "## Figures",
        "",
        "| benchmark | figure | target | result |",
        "| --- | --- | --- | --- |",
    ]
    for outcome in outcomes:
        lines.extend(_figure_rows(outcome))
    lines += ["", "## Method", ""]
    for outcome in outcomes:
        command = " ".join(["python -m", outcome.benchmark.module, *outcome.arguments])
        seconds = f", {outcome.seconds:.0f} s" if outcome.seconds else ""
        if outcome.load_after is not None:
            seconds += f", load {outcome.load_after:.1f} at the end"
        lines.append(
            f"- **{outcome.benchmark.name}** (`{command}`{seconds}): {outcome.benchmark.method}"
        )
    lines += _soak_samples(outcomes)
    lines += [
        "",
        "## Raw output",
        "",
        "Every JSON line the benchmarks printed in this run:",
        "",
        "```",
    ]
    for outcome in outcomes:
        lines.extend(json.dumps(line, ensure_ascii=False) for line in outcome.lines)
    lines.append("```")
    return lines


def _figure_rows(outcome: Outcome) -> list[str]:
    name, issue = outcome.benchmark.name, outcome.benchmark.issue
    rows = [
        f"| {name} | {_cell(v.figure)} | {_cell(v.target)} (issue {v.issue or issue}) |"
        f" {'pass' if v.passed else '**FAIL**'} |"
        for v in outcome.verdicts
    ]
    if outcome.problem is not None:
        rows.append(f"| {name} | {_cell(outcome.problem)} | runs cleanly | **FAIL** |")
    return rows


def _soak_samples(outcomes: Sequence[Outcome]) -> list[str]:
    samples = [line for o in outcomes for line in o.lines if line.get("benchmark") == "soak_sample"]
    if not samples:
        return []
    return [
        "",
        "## Soak, sample by sample",
        "",
        "| applications | RSS (MB) | open descriptors | threads | screen switch p95 (ms) |",
        "| ---: | ---: | ---: | ---: | ---: |",
        *(
            "| "
            + " | ".join(str(s[key]) for key in ("applications", "rss_mb", "fds", "threads"))
            + f" | {s['switch_p95_ms']} |"
            for s in samples
        ),
    ]


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.replace("|", "\\|").split())
