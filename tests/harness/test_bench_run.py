"""bench/run: a missing, failing or silent benchmark is reported as a failure, never hidden."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bench.benchmarks_page import Machine, write_page
from bench.run import json_lines, run_benchmark
from bench.suite import SUITE, Benchmark


def _benchmark(module: str, arguments: tuple[str, ...] = ()) -> Benchmark:
    """A suite entry running `module`, judged as the cold start is."""
    cold_start = next(b for b in SUITE if b.module == "bench.cold_start")
    return Benchmark("probe", 8, module, arguments, arguments, "a probe", cold_start.judge)


def test_a_missing_module_is_a_failure_that_names_it() -> None:
    outcome = run_benchmark(_benchmark("bench.no_such_benchmark"), short=True)
    assert not outcome.passed
    assert outcome.problem == "module bench.no_such_benchmark is missing from this checkout"


def test_a_benchmark_that_prints_no_figures_fails() -> None:
    outcome = run_benchmark(_benchmark("bench.report"), short=True)  # imports, prints nothing
    assert not outcome.passed
    assert outcome.problem is not None and "figures missing" in outcome.problem


def test_a_benchmark_that_exits_with_an_error_fails_with_its_message() -> None:
    outcome = run_benchmark(_benchmark("bench.submit_bench", ("--n", "oops")), short=True)
    assert not outcome.passed
    assert outcome.problem is not None and outcome.problem.startswith("exit status 2")
    assert "invalid int value" in outcome.problem


def test_json_lines_keeps_objects_and_skips_other_output() -> None:
    text = 'warming up\n{"benchmark": "x", "ratio": 1.2}\n{broken\n[1, 2]\n{"bench": "y"}\n'
    assert json_lines(text) == [{"benchmark": "x", "ratio": 1.2}, {"bench": "y"}]


def test_a_real_benchmark_is_judged_and_written_to_the_page(tmp_path: Path) -> None:
    outcome = run_benchmark(next(b for b in SUITE if b.module == "bench.submit_bench"), True)
    assert outcome.problem is None, outcome.problem
    assert [v.target for v in outcome.verdicts] == ["≤ 3.0×", "≤ 3.0×"]
    assert "with 2,000 applications stored" in outcome.verdicts[1].figure
    page = tmp_path / "BENCHMARKS.md"
    write_page(page, [outcome], Machine.describe(), datetime.now(UTC), short=True, partial=True)
    text = page.read_text(encoding="utf-8")
    assert "| durable submit | submit " in text and "(issue 2)" in text
    assert "| durable submit | with 2,000 applications stored: submit " in text
    assert "(issue 19)" in text
    assert "| cores | " in text and "PySide6" in text


def test_the_console_benchmark_is_judged_on_each_of_its_three_targets() -> None:
    console = next(b for b in SUITE if b.module == "bench.console_bench")
    line = {
        "benchmark": "console",
        "applications": 1_000_000,
        "health_ms_p95": 3.1,
        "queue_ms_p95": 120.0,
        "queue_ms_p95_by_filter": {"default": 40.0, "township": 120.0},
        "queue_target_ms": 100.0,
        "detail_ms_p95": 20.0,
        "detail_target_ms": 50.0,
        "export_rows": 100_000,
        "export_rows_per_s": 42_000,
        "export_target_rows_per_s": 20_000.0,
        "export_rss_growth_mb": 60.0,
        "export_rss_target_mb": 50.0,
    }
    verdicts = console.judge([line])
    assert [verdict.passed for verdict in verdicts] == [False, True, False]
    assert "township 120.0" in verdicts[0].figure
    assert verdicts[2].target == "≥ 20,000 rows/s, RSS growth ≤ 50 MB"


def test_the_look_change_is_judged_against_the_bare_restyle() -> None:
    look_change = next(b for b in SUITE if b.module == "bench.look_change")
    line = {
        "benchmark": "look_change",
        "look_change_cpu_ms_median": 134.53,
        "bare_restyle_cpu_ms_median": 84.08,
        "ratio": 1.6,
        "target_ratio": 1.5,
        "by_change_cpu_ms_median": {"larger_text": 56.81, "high_contrast": 134.53, "reset": 169.6},
        "look_change_wall_ms_median": 639.61,
        "bare_restyle_wall_ms_median": 577.06,
        "widgets": 565,
    }

    (verdict,) = look_change.judge([line])

    assert not verdict.passed
    assert verdict.target == "≤ 1.5×"
    assert "565 widgets" in verdict.figure and "larger text 56.81" in verdict.figure
