"""Cold start to the first usable screen, against a bare PySide6 window, same run.

    python -m bench.cold_start [--runs N]

Each start is a fresh process (offscreen): the time from launching it to its
first screen having been painted. The kiosk's figure includes reading the
configuration, the forms and the address list and building every screen; the
database check runs on the storage thread and does not hold the screen back.
Runs alternate between the two so that machine noise hits both alike.
Prints one JSON line; the target is a ratio of at most 2.0.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import ratio_line

TARGET_RATIO = 2.0


def _first_paint_child(kind: str, data_dir: str) -> None:
    """Inside the child: build the window, report once it has been painted, exit."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication([])
    if kind == "bare":
        window = QLabel("ready")
        window.resize(1280, 800)
        window.show()
    else:
        from kiosk.services import load_services
        from ui.app import KIOSK_WINDOW_SIZE, build_shell

        shell = build_shell(app, load_services(Path(data_dir)))
        shell.window.resize(*KIOSK_WINDOW_SIZE)
        shell.window.show()
        window = shell.window  # type: ignore[assignment]

    def painted() -> None:
        window.repaint()
        if kind == "kiosk":
            shell.complete()  # the screen is usable once its buttons lead somewhere
        print("ready", flush=True)
        os._exit(0)  # teardown is not part of start-up

    QTimer.singleShot(0, painted)
    app.exec()


def time_start(kind: str, data_dir: str) -> float:
    """Seconds from launching a child process to its first painted screen."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    child = subprocess.run(
        [sys.executable, "-m", "bench.cold_start", "--child", kind, data_dir],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    elapsed = time.perf_counter() - started
    if "ready" not in child.stdout:
        raise RuntimeError(f"{kind} start did not report: {child.stderr[-500:]}")
    return elapsed


def main() -> None:
    """Measure both starts, alternating, and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", nargs=2, metavar=("KIND", "DATA_DIR"))
    args = parser.parse_args()
    if args.child:
        _first_paint_child(*args.child)
        return
    # Measure the kiosk as installed: with its bytecode compiled, like the
    # PySide6 it is compared with (pip compiles what it installs).
    project = Path(__file__).resolve().parents[1]
    packages = [str(project / name) for name in ("kiosk", "ui", "resources")]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *packages], check=True)
    with tempfile.TemporaryDirectory() as data_dir:
        time_start("kiosk", data_dir)  # first run creates the database and the config
        kiosk_times: list[float] = []
        bare_times: list[float] = []
        for _ in range(args.runs):
            bare_times.append(time_start("bare", data_dir))
            kiosk_times.append(time_start("kiosk", data_dir))
    print(
        ratio_line(
            "cold_start",
            ("kiosk_ms_median", [seconds * 1000 for seconds in kiosk_times]),
            ("bare_window_ms_median", [seconds * 1000 for seconds in bare_times]),
            TARGET_RATIO,
            digits=1,
            runs=args.runs,
        )
    )


if __name__ == "__main__":
    main()
