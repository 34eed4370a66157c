"""What one benchmark run gave: its lines, verdicts and problem.

Shared by the runner that fills it (bench/run.py) and the page that shows it
(bench/benchmarks_page.py), so neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bench.suite import Benchmark, Line, Verdict


@dataclass
class Outcome:
    """What one benchmark printed, how it ended, and its verdicts."""

    benchmark: Benchmark
    arguments: tuple[str, ...]
    lines: list[Line] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    problem: str | None = None
    seconds: float = 0.0
    load_after: float | None = None
    """The machine's 1-minute load average when it ended: a shared machine skews timings."""

    @property
    def passed(self) -> bool:
        """Ran cleanly and met every target."""
        return self.problem is None and bool(self.verdicts) and all(v.passed for v in self.verdicts)
