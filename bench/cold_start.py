"""The real start: the `kiosk` command to its first visible, usable window, against
a bare PySide6 window, on an X server of its own.

    python -m bench.cold_start [--runs N]

What a user starts is measured from outside, as they see it: the installed
`kiosk` console script on an existing, initialised data directory, full
screen, with Qt's real X11 platform plugin (xcb) on an Xvfb this benchmark
starts. The baseline is a bare PySide6 window (one label, full screen) started
and watched the same way. Runs alternate between the two so that machine
noise hits both alike; each figure is the median.

The benchmark is an X client itself (python-xlib), so nothing inside the
kiosk reports on its own start. For each run it records, from the moment the
process is launched:

- mapped: a top-level window whose ``_NET_WM_PID`` is the process is mapped
  (a window manager would now show it);
- painted: the X server reports damage to that window (the DAMAGE extension):
  the first frame has been drawn into it;
- usable: the process answers a ``_NET_WM_PING`` sent after that first frame.
  Qt answers it on the GUI thread, from its event loop, so the window takes
  taps from then on (a process still busy building after its first frame
  answers late).

Usable is the figure judged. When the ping comes back the window's pixels
are read back: a window still one flat colour (a background drawn before
the screen) does not count, and the watch waits for the next drawing and
pings again, so a blank first frame cannot pass for the start screen.

Deferring work past the first frame must not make the first tap slower
than it was, so the line also has the first screen switch (a service tile
tapped, to the identify screen painted), measured inside a kiosk started the
same way on the same screen: tapped at once after the first paint, when the
screens behind the start screen are not built yet (the tap builds them), and
tapped once everything is built.

Prints one JSON line; the target is a ratio of at most 1.5.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy
from Xlib import X, Xatom, display, error, xobject
from Xlib.ext import damage
from Xlib.protocol import event as xevent

from bench.report import ratio_line

TARGET_RATIO = 1.5
SCREEN = "1280x800x24"
GIVE_UP_SECONDS = 60.0
"""A start that shows nothing for this long has failed (a bound, not a target)."""

MIN_COLOURS = 2
"""A window read back in fewer distinct colours than this is a flat first frame."""

BARE_WINDOW = """\
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
window = QLabel("A bare PySide6 window")
window.showFullScreen()
sys.exit(app.exec())
"""
"""The baseline: the least a PySide6 program does to put a window on the screen."""


@dataclass(frozen=True)
class StartTimes:
    """Milliseconds from launching a process to each stage of its first window."""

    mapped_ms: float
    painted_ms: float
    usable_ms: float


@contextmanager
def virtual_screen() -> Iterator[str]:
    """A fresh Xvfb on a display number it picks itself; yields the DISPLAY value."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise RuntimeError("Xvfb is missing: ./setup.sh installs it (package xvfb)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as numbers:
            number = numbers.readline().strip()
        if not number:
            raise RuntimeError(f"Xvfb did not start (exit status {server.wait()})")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait()


class WindowWatch:
    """An X client that sees top-level windows appear, get drawn, and answer pings."""

    def __init__(self, display_name: str) -> None:
        self.x = display.Display(display_name)
        if not self.x.has_extension("DAMAGE"):
            raise RuntimeError("the X server has no DAMAGE extension")
        self.x.damage_query_version()
        self.x.set_error_handler(self._ignore_vanished_window)
        self.root = self.x.screen().root
        # Substructure: windows created and mapped on the root (there is no
        # window manager); structure: the ping answers Qt sends to the root.
        self.root.change_attributes(event_mask=X.SubstructureNotifyMask | X.StructureNotifyMask)
        self.x.sync()
        self.pid_atom = self.x.intern_atom("_NET_WM_PID")
        self.protocols_atom = self.x.intern_atom("WM_PROTOCOLS")
        self.ping_atom = self.x.intern_atom("_NET_WM_PING")
        self.damage_event = self.x.extension_event.DamageNotify

    @staticmethod
    def _ignore_vanished_window(err: error.XError, request: object) -> None:
        """A short-lived window (Qt's helpers) may be gone before it is looked at."""

    def close(self) -> None:
        self.x.close()

    def time_start(self, command: list[str], env: dict[str, str]) -> StartTimes:
        """Launch `command` and time its first window; the process is ended afterwards."""
        with tempfile.TemporaryFile("w+") as errors:
            launched = time.perf_counter()
            process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=errors)
            try:
                return self._watch(process, launched)
            except RuntimeError as failure:
                errors.seek(0)
                raise RuntimeError(f"{failure}\n{errors.read()[-2000:]}") from None
            finally:
                process.kill()
                process.wait()
                self._drain()

    def _watch(self, process: subprocess.Popen[bytes], launched: float) -> StartTimes:
        """Follow the process's window until a ping sent after it was drawn comes back.

        A drawing that leaves the window one flat colour (a background before
        the screen) does not count: the watch waits for the next one.
        """
        window: xobject.drawable.Window | None = None
        damages: dict[int, int] = {}
        mapped = painted = 0.0
        ping_time = 0
        while True:
            event = self._next_event(process)
            now = time.perf_counter()
            if event.type == X.CreateNotify and event.parent == self.root:
                damages[event.window.id] = event.window.damage_create(damage.DamageReportNonEmpty)
            elif event.type == X.MapNotify and window is None and self._owned_by(event, process):
                window, mapped = event.window, now
            elif window is None:
                continue
            elif event.type == self.damage_event and event.drawable == window:
                self.x.damage_subtract(damages[window.id])  # report the next drawing too
                if not ping_time:
                    painted, ping_time = now, event.timestamp or 1
                    self._ping(window, ping_time)
            elif (
                event.type == X.ClientMessage
                and event.client_type == self.protocols_atom
                and tuple(event.data[1][:3]) == (self.ping_atom, ping_time, window.id)
            ):
                if self._drawn(window):
                    return StartTimes(*(1000 * (t - launched) for t in (mapped, painted, now)))
                ping_time = 0  # a flat first frame: wait for the next drawing

    def _next_event(self, process: subprocess.Popen[bytes]) -> Any:
        deadline = time.perf_counter() + GIVE_UP_SECONDS
        while not self.x.pending_events():
            if process.poll() is not None:
                raise RuntimeError(f"{process.args!r} exited with status {process.returncode}")
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{process.args!r} showed no usable window in time")
            select.select([self.x], [], [], 0.1)
        return self.x.next_event()

    def _owned_by(self, event: Any, process: subprocess.Popen[bytes]) -> bool:
        """A mapped top-level window of `process` (Qt sets _NET_WM_PID on its windows)."""
        if event.event != self.root or event.override:
            return False
        prop = event.window.get_full_property(self.pid_atom, Xatom.CARDINAL)
        return prop is not None and list(prop.value) == [process.pid]

    def _ping(self, window: xobject.drawable.Window, timestamp: int) -> None:
        """Ask the window's owner to answer from its event loop (EWMH _NET_WM_PING)."""
        ping = xevent.ClientMessage(
            window=window,
            client_type=self.protocols_atom,
            data=(32, [self.ping_atom, timestamp, window.id, 0, 0]),
        )
        window.send_event(ping, event_mask=X.NoEventMask)
        self.x.flush()

    @staticmethod
    def _drawn(window: xobject.drawable.Window) -> bool:
        """Whether the window shows a drawn screen, not one flat colour."""
        geometry = window.get_geometry()
        pixels = window.get_image(0, 0, geometry.width, geometry.height, X.ZPixmap, 0xFFFFFFFF).data
        return len(numpy.unique(numpy.frombuffer(pixels, dtype=numpy.uint32))) >= MIN_COLOURS

    def _drain(self) -> None:
        """Forget the events of a finished run."""
        self.x.sync()
        while self.x.pending_events():
            self.x.next_event()


def first_tap_child(when: str, data_dir: str) -> None:
    """Inside a child: start as `kiosk` does, tap the first service tile `when`
    ("early": right after the first paint; "late": once every screen is built),
    print the milliseconds until the identify screen is painted, and exit."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.services import load_services
    from ui.app import Kiosk, after_first_paint, build_shell

    app = QApplication(sys.argv[:1])
    shell = build_shell(app, load_services(Path(data_dir)), None, speech_in_background=True)

    def tap(kiosk: Kiosk) -> None:
        tile = next(iter(shell.start.service_tiles.values()))
        started = time.perf_counter()
        tile.click()
        kiosk.window.repaint()
        elapsed_ms = (time.perf_counter() - started) * 1000
        if kiosk.window.current_screen() is not kiosk.applicant.screens.identify:
            raise RuntimeError("the tap did not lead to the identify screen")
        print(json.dumps({"first_tap_ms": round(elapsed_ms, 1)}), flush=True)
        os._exit(0)  # teardown is not part of the measurement

    def painted() -> None:
        kiosk = shell.complete()
        if when == "early":
            tap(kiosk)

        def tap_when_built() -> None:
            if kiosk.built and kiosk.operations.pending() == 0:
                tap(kiosk)

        waiting = QTimer(app, interval=10)
        waiting.timeout.connect(tap_when_built)
        waiting.start()

    after_first_paint(shell.start, painted)
    shell.window.showFullScreen()
    app.exec()


def time_first_tap(when: str, env: dict[str, str], data_dir: str) -> float:
    """Milliseconds of the first screen switch in a fresh kiosk process (see `first_tap_child`)."""
    child = subprocess.run(
        [sys.executable, "-m", "bench.cold_start", "--first-tap", when, data_dir],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=GIVE_UP_SECONDS,
    )
    figure: float = json.loads(child.stdout.strip().splitlines()[-1])["first_tap_ms"]
    return figure


def initialise(
    watch: WindowWatch, kiosk: list[str], bare: list[str], env: dict[str, str], data_dir: Path
) -> None:
    """Make `data_dir` a kiosk's that has run before (configuration written, database
    created) and start both programs once untimed, so the file cache is warm for each."""
    subprocess.run([*kiosk, "stats"], env=env, check=True, capture_output=True)
    watch.time_start(kiosk, env)
    watch.time_start(bare, env)
    if not (data_dir / "kiosk.db").exists():
        raise RuntimeError(f"the kiosk did not create its database in {data_dir}")


def kiosk_command() -> list[str]:
    """The installed `kiosk` console script beside this Python, full screen as a kiosk starts."""
    script = Path(sys.executable).with_name("kiosk")
    if not script.exists():
        raise RuntimeError(f"{script} is missing: ./setup.sh installs the kiosk")
    return [str(script)]


def x11_environment(display_name: str) -> dict[str, str]:
    """This environment on `display_name` with Qt's X11 plugin (not offscreen).

    Python may write bytecode (PYTHONDONTWRITEBYTECODE is dropped): an installed
    kiosk has its modules compiled, and the untimed first start compiles any
    changed since, so no timed start pays for compiling source.
    """
    left_out = ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in left_out}
    return {**env, "DISPLAY": display_name, "QT_QPA_PLATFORM": "xcb"}


def load_average() -> float:
    """The one-minute load average, to read the figures against."""
    return round(os.getloadavg()[0], 2)


def main() -> None:
    """Measure both starts, alternating, and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--first-tap", nargs=2, metavar=("WHEN", "DATA_DIR"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.first_tap:
        first_tap_child(*args.first_tap)
        return
    bare = [sys.executable, "-c", BARE_WINDOW]
    with tempfile.TemporaryDirectory() as data_dir, virtual_screen() as display_name:
        kiosk = [*kiosk_command(), "--data-dir", data_dir]
        env = x11_environment(display_name)
        watch = WindowWatch(display_name)
        try:
            initialise(watch, kiosk, bare, env, Path(data_dir))
            kiosk_runs: list[StartTimes] = []
            bare_runs: list[StartTimes] = []
            for _ in range(args.runs):
                bare_runs.append(watch.time_start(bare, env))
                kiosk_runs.append(watch.time_start(kiosk, env))
            taps: dict[str, list[float]] = {"early": [], "late": []}
            for _ in range(args.runs):
                for when, figures in taps.items():
                    figures.append(time_first_tap(when, env, data_dir))
        finally:
            watch.close()
    print(
        ratio_line(
            "cold_start",
            ("kiosk_ms_median", [run.usable_ms for run in kiosk_runs]),
            ("bare_window_ms_median", [run.usable_ms for run in bare_runs]),
            TARGET_RATIO,
            digits=1,
            runs=args.runs,
            kiosk_mapped_ms_median=_median(run.mapped_ms for run in kiosk_runs),
            kiosk_painted_ms_median=_median(run.painted_ms for run in kiosk_runs),
            bare_mapped_ms_median=_median(run.mapped_ms for run in bare_runs),
            bare_painted_ms_median=_median(run.painted_ms for run in bare_runs),
            first_tap_early_ms_median=_median(iter(taps["early"])),
            first_tap_late_ms_median=_median(iter(taps["late"])),
            kiosk_usable_ms=[round(run.usable_ms, 1) for run in kiosk_runs],
            bare_usable_ms=[round(run.usable_ms, 1) for run in bare_runs],
            load_average=load_average(),
        )
    )


def _median(values: Iterator[float]) -> float:
    return round(statistics.median(values), 1)


if __name__ == "__main__":
    main()
