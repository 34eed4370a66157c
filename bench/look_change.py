"""Look change: tapping "Large text" or "High contrast", or the reset to the
standard look after a visit, against restyling a bare window of as many widgets.

    python -m bench.look_change [--rounds N]

Drives the real kiosk offscreen with every screen built (as it is once the
start is over): on the start screen, "Large text" on, "High contrast" on,
then the reset to the standard look (both at once), each timed from the tap
to the window repainted. The baseline, measured alternately in the same run:
the kiosk's stylesheet set on a bare window holding the same number of plain
labels and buttons (what Qt charges to restyle that many widgets once), then
repainted. Times are the process's CPU time (the machine is shared; wall
clock is printed beside it). Prints one JSON line; target: a look change
costs at most half again as much as that bare restyle (what Qt must do anyway
for as many widgets; the kiosk's own part is the rest).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from itertools import cycle
from pathlib import Path

from bench.report import ratio_line

TARGET_RATIO = 1.5
PAGES = 15
"""Pages of the bare window, as many as the kiosk's screens."""


def cpu_and_wall_ms(action: Callable[[], object]) -> tuple[float, float]:
    """Milliseconds of this process's CPU and of the wall clock that `action` takes."""
    cpu, wall = time.process_time(), time.perf_counter()
    action()
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000


def main() -> None:
    """Measure both alternately and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import (
        QApplication,
        QLabel,
        QPushButton,
        QStackedWidget,
        QVBoxLayout,
        QWidget,
    )

    from kiosk.services import load_services
    from ui.app import KIOSK_WINDOW_SIZE, build_kiosk
    from ui.screenshots import settle
    from ui.theme import HIGH_CONTRAST_THEME, Look, stylesheet

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as data_dir:
        kiosk = build_kiosk(app, load_services(Path(data_dir)))
        kiosk.window.resize(*KIOSK_WINDOW_SIZE)
        kiosk.window.show()
        settle(kiosk)
        widgets = len(kiosk.window.findChildren(QWidget)) + 1

        bare = QWidget()
        stack = QStackedWidget()
        QVBoxLayout(bare).addWidget(stack)
        pages = [QWidget() for _ in range(PAGES)]
        layouts = [QVBoxLayout(page) for page in pages]
        for page in pages:
            stack.addWidget(page)
        made = 2 + PAGES
        while made < widgets:
            kind = QLabel if made % 2 else QPushButton
            layouts[made % PAGES].addWidget(kind(f"Text {made}"))
            made += 1
        bare.resize(*KIOSK_WINDOW_SIZE)
        bare.show()
        sheets = [stylesheet(Look()), stylesheet(Look(HIGH_CONTRAST_THEME))]
        bare.setStyleSheet(sheets[0])
        app.processEvents()
        start = kiosk.applicant.screens.start
        presentation = kiosk.parts.presentation

        def changed(action: Callable[[], object], window: QWidget) -> Callable[[], None]:
            def run() -> None:
                action()
                app.processEvents()
                window.repaint()

            return run

        changes = {
            "larger_text": changed(start.larger_text_button.click, kiosk.window),
            "high_contrast": changed(start.contrast_button.click, kiosk.window),
            "reset": changed(presentation.reset, kiosk.window),
        }
        ours: dict[str, list[tuple[float, float]]] = {name: [] for name in changes}
        baseline: list[tuple[float, float]] = []
        restyles = cycle(
            changed(partial(bare.setStyleSheet, sheet), bare) for sheet in sheets[::-1]
        )
        for _ in range(args.rounds):
            for name, change in changes.items():
                ours[name].append(cpu_and_wall_ms(change))
                baseline.append(cpu_and_wall_ms(next(restyles)))
        kiosk.shut_down()

    every = [cpu for timings in ours.values() for cpu, _ in timings]
    print(
        ratio_line(
            "look_change",
            ("look_change_cpu_ms_median", every),
            ("bare_restyle_cpu_ms_median", [cpu for cpu, _ in baseline]),
            TARGET_RATIO,
            digits=2,
            by_change_cpu_ms_median={
                name: round(statistics.median(cpu for cpu, _ in timings), 2)
                for name, timings in ours.items()
            },
            look_change_wall_ms_median=round(
                statistics.median(wall for timings in ours.values() for _, wall in timings), 2
            ),
            bare_restyle_wall_ms_median=round(statistics.median(wall for _, wall in baseline), 2),
            look_change_cpu_ms_max=round(max(every), 2),
            widgets=widgets,
            rounds=args.rounds,
        )
    )


if __name__ == "__main__":
    main()
