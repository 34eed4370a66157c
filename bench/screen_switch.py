"""Screen switch: from pressing Next to the next question painted, p95 in ms.

    python -m bench.screen_switch [--rounds N]

Drives the real kiosk offscreen through every sample service (both
languages), timing each press of Next that moves to another question: the
answer is checked, the next question's screen is built and the window is
repainted. The draft saved on each step goes to the storage thread and is not
part of the switch, as on the kiosk. Prints one JSON line; target p95 ≤ 16 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

TARGET_P95_MS = 16.0
SERVICES = ("rural-pension-enrolment", "medical-insurance-enrolment", "minimum-living-allowance")


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of the sorted values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(rounds: int) -> list[float]:
    """Milliseconds per Next press that changed the question."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kiosk.services import load_services
    from ui.app import KIOSK_WINDOW_SIZE, build_kiosk
    from ui.screenshots import settle
    from ui.walkthrough import Walkthrough

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    timings: list[float] = []
    with tempfile.TemporaryDirectory() as data_dir:
        kiosk = build_kiosk(app, load_services(Path(data_dir)))
        kiosk.window.resize(*KIOSK_WINDOW_SIZE)
        kiosk.window.show()
        walk = Walkthrough(kiosk, lambda: settle(kiosk))
        question = kiosk.applicant.screens.question

        def timed_next() -> None:
            started = time.perf_counter()
            question.next_button.click()
            kiosk.window.repaint()
            timings.append((time.perf_counter() - started) * 1000)

        for _ in range(rounds):
            for form_id in SERVICES:
                for language in ("zh_CN", "en"):
                    walk.begin(form_id, language)
                    walk.identify()

                    walk.answer_all(form_id, press_next=timed_next)
                    kiosk.navigator.reset(keep_draft=False)
                    settle(kiosk)
        kiosk.shut_down()
    return timings


def main() -> None:
    """Run the walk and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    timings = measure(args.rounds)
    print(
        json.dumps(
            {
                "benchmark": "screen_switch",
                "p50_ms": round(statistics.median(timings), 2),
                "p95_ms": round(percentile(timings, 0.95), 2),
                "max_ms": round(max(timings), 2),
                "switches": len(timings),
                "target_p95_ms": TARGET_P95_MS,
            }
        )
    )


if __name__ == "__main__":
    main()
