"""How the benchmarks measure and report: milliseconds per action, and one
JSON line with the kiosk's figure beside a baseline measured in the same run,
their ratio and the target."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Sequence


def ratio_line(
    benchmark: str,
    measured: tuple[str, Sequence[float]],
    baseline: tuple[str, Sequence[float]],
    target_ratio: float,
    digits: int = 3,
    **extra: object,
) -> str:
    """The medians of both series under their names, their ratio, the target, and extras."""
    ours_name, ours = measured
    base_name, base = baseline
    ours_median = statistics.median(ours)
    base_median = statistics.median(base)
    return json.dumps(
        {
            "benchmark": benchmark,
            ours_name: round(ours_median, digits),
            base_name: round(base_median, digits),
            "ratio": round(ours_median / base_median, 2),
            "target_ratio": target_ratio,
            **extra,
        }
    )


def time_ms(action: Callable[[], object]) -> float:
    """Milliseconds one call of `action` takes (wall clock, perf_counter)."""
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000
