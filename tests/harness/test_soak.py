"""The soak in its short mode: the real kiosk, PDF receipts and sync to a local platform.

Thirty applications through every screen must leave the process holding no
more descriptors or threads than a small allowance over its first sample,
and every application must be at the platform exactly once with a receipt.
The memory figure is reported by the full run (`python -m bench.soak`),
which is long enough for growth to mean something.
"""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from bench.soak import FD_ALLOWANCE, THREAD_ALLOWANCE, run_soak

APPLICATIONS = 30


def test_thirty_applications_reach_the_platform_once_without_growing_fds_or_threads(
    qtbot: QtBot, tmp_path: Path
) -> None:
    result = run_soak(APPLICATIONS, tmp_path / "kiosk-data", sample_every=10)

    first, last = result.samples[0].figures, result.samples[-1].figures
    assert [sample.applications for sample in result.samples] == [10, 20, 30]
    assert result.central_received == APPLICATIONS
    assert result.central_duplicates == 0
    assert result.missing_at_central == 0
    assert result.receipts == APPLICATIONS
    assert last.fds <= first.fds + FD_ALLOWANCE
    assert last.threads <= first.threads + THREAD_ALLOWANCE
