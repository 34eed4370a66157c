"""bench.cold_start runs end to end: the real command on an Xvfb of its own, watched
from outside, and its one JSON line has every figure bench/run and the docs use.

Times are not judged here (that is the benchmark's job, against its baseline);
only that each figure was measured and is a sane number.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.run import json_lines
from bench.suite import SUITE

PROJECT = Path(__file__).resolve().parents[2]


def test_one_run_prints_the_figures_the_suite_judges() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "bench.cold_start", "--runs", "1"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    lines = json_lines(finished.stdout)
    assert len(lines) == 1, finished.stdout
    line = lines[0]

    assert line["benchmark"] == "cold_start" and line["runs"] == 1
    assert line["target_ratio"] == 1.5
    for stage in ("mapped", "painted"):
        for program in ("kiosk", "bare"):
            assert line[f"{program}_{stage}_ms_median"] > 0
    # Each stage follows the one before it: mapped, drawn, then answering.
    assert line["kiosk_mapped_ms_median"] <= line["kiosk_painted_ms_median"]
    assert line["kiosk_painted_ms_median"] <= line["kiosk_ms_median"]
    ratio = line["kiosk_ms_median"] / line["bare_window_ms_median"]
    assert abs(line["ratio"] - ratio) < 0.02  # the ratio of the medians (before rounding)
    assert line["first_tap_early_ms_median"] > 0 and line["first_tap_late_ms_median"] > 0
    assert line["load_average"] >= 0

    cold_start = next(b for b in SUITE if b.module == "bench.cold_start")
    (verdict,) = cold_start.judge(lines)
    assert verdict.target == "≤ 1.5×"
