"""The crash harness in its short mode: kills land, and nothing acknowledged is lost.

The full run (200 trials) is ``python -m bench.crash_harness``; see
docs/reliability.md.
"""

from __future__ import annotations

from pathlib import Path

from bench.crash_harness import Harness, Tally, TrialOutcome, run
from bench.fault_proxy import FaultProxy
from bench.local_central import start_local_central

SHORT_TRIALS = 10
SEED = 20261127


def test_ten_kills_lose_and_double_nothing() -> None:
    figures, calibration = run(SHORT_TRIALS, SEED)

    assert figures.failed_trials == []
    assert figures.trials == SHORT_TRIALS
    assert figures.killed >= SHORT_TRIALS // 2
    assert figures.tally == Tally(acknowledged=3 * SHORT_TRIALS)
    assert calibration.statements > 50


def test_an_application_missing_at_the_centre_is_reported_as_lost(tmp_path: Path) -> None:
    central = start_local_central(tmp_path)
    proxy = FaultProxy(upstream=("127.0.0.1", central.port))
    proxy.start()
    try:
        harness = Harness(central, proxy, tmp_path, seed=SEED)
        harness.calibrate()
        assert harness.trial(0).problems == []
        with central.database.transaction() as connection:
            victim = connection.query(
                "SELECT uuid FROM applications WHERE kiosk_code = 'T0000' LIMIT 1"
            )[0][0]
            connection.execute("DELETE FROM applications WHERE uuid = ?", [victim])

        outcome = TrialOutcome("none")
        harness.check(tmp_path / "T0000", "T0000", outcome)
    finally:
        proxy.stop()
        central.stop()

    assert outcome.tally.lost == 1
    assert any(victim in problem for problem in outcome.problems)
