"""Screenshots settle on the receipts too (ui.screenshots.settle)."""

from __future__ import annotations

import threading

from ui.app import Kiosk
from ui.screenshots import settle


def a_slow_receipt(kiosk: Kiosk) -> tuple[threading.Event, list[str]]:
    """A job on the printing lane that waits until released, and what it reported."""
    release = threading.Event()
    reported: list[str] = []
    kiosk.operations.printing.run(lambda: release.wait(5), lambda _: reported.append("printed"))
    return release, reported


def test_settling_for_a_screenshot_waits_for_the_receipt_queued_meanwhile(kiosk: Kiosk) -> None:
    release, reported = a_slow_receipt(kiosk)
    threading.Timer(0.3, release.set).start()

    settle(kiosk, with_receipts=True)

    assert reported == ["printed"]  # the confirmation's printer note is drawn from this


def test_plain_settling_waits_for_storage_only(kiosk: Kiosk) -> None:
    release, reported = a_slow_receipt(kiosk)

    settle(kiosk)

    assert reported == []  # tests and benchmarks do not wait on the printer
    release.set()
    settle(kiosk, with_receipts=True)
    assert reported == ["printed"]
