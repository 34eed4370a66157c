"""The commands that show screens: the kiosk itself, its demo, and screenshots.

Only these import ``ui`` (and so Qt), and only when they run: the terminal
tools beside them start quickly and never need a display.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from pathlib import Path

from cli.common import EXIT_OK, EXIT_UNUSABLE, Subcommands, add_command, data_dir_of
from kiosk.config import DataPaths

DEMO_CLERK_ID = "1001"
DEMO_CLERK_PIN = "1234"
DEMO_RECOVERY_PASSPHRASE = "demo recovery passphrase"
DEMO_DATA_DIR_NAME = "township-kiosk-demo"

LOADED_BEFORE_QT = ("kiosk.services", "kiosk.logs", "resources")
"""What the kiosk's start needs that imports no Qt, imported before Qt is: PySide
reads the source of every module imported after it (looking for its ``__feature__``
switches): 8 million instructions fewer before the first paint."""

NO_DISPLAY_MESSAGE = """\
There is no screen to show the kiosk on (DISPLAY and WAYLAND_DISPLAY are not set).
On the kiosk itself, start it from its graphical session. Elsewhere, use a
virtual screen, for example:

    xvfb-run -a -s "-screen 0 1280x800x24" {command}

To only look at the screens, render them to PNG files instead:

    kiosk screenshots --out docs/screenshots
"""


def add_commands(commands: Subcommands) -> None:
    """Register `kiosk demo` and `kiosk screenshots` (plain `kiosk` runs :func:`run_kiosk`)."""
    demo = add_command(
        commands, "demo", run_demo, help="the kiosk on demo data with the sample forms"
    )
    # Also after the command (`kiosk demo --windowed`, `./setup.sh demo --windowed`);
    # SUPPRESS keeps a --windowed given before it.
    demo.add_argument(
        "--windowed",
        action="store_true",
        default=argparse.SUPPRESS,
        help="a window instead of full screen",
    )
    shots = add_command(
        commands, "screenshots", render_screenshots, help="render every screen to PNG"
    )
    shots.add_argument("--out", type=Path, default=Path("docs/screenshots"))


def has_display() -> bool:
    """Whether Qt can open a window here (or was told to render offscreen)."""
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_kiosk(args: argparse.Namespace) -> int:
    """Start the kiosk on its data directory."""
    if not has_display():
        print(NO_DISPLAY_MESSAGE.format(command="kiosk"), file=sys.stderr)
        return EXIT_UNUSABLE
    gc.disable()  # while Qt and the screens load; `run` collects again after the first paint
    for module in LOADED_BEFORE_QT:
        importlib.import_module(module)
    # PySide's modules are loaded binding each function they call into Qt when first
    # called, as a C program's are, not all of them at load (Python's default): the
    # start calls few of the thousands they link to (20 million instructions fewer).
    flags = sys.getdlopenflags()
    sys.setdlopenflags(os.RTLD_LAZY)
    try:
        from ui.app import run
    finally:
        sys.setdlopenflags(flags)
    return run(data_dir_of(args), windowed=args.windowed)


def run_demo(args: argparse.Namespace) -> int:
    """Start the kiosk on demo data, beside a local central platform on loopback.

    The platform (SQLite in the demo directory) gets the sample forms
    published and the demo kiosk enrolled; a sync thread sends submitted
    applications to it and brings statuses back. Safe to run again.
    """
    if not has_display():
        print(NO_DISPLAY_MESSAGE.format(command="./setup.sh demo"), file=sys.stderr)
        return EXIT_UNUSABLE
    from demo.platform import DEMO_SUPERVISOR_ID, DEMO_SUPERVISOR_PIN, start_demo_platform
    from kiosk.clock import SystemClock
    from kiosk.config import default_data_dir, load_config
    from kiosk.staff import Role, add_staff, has_staff
    from kiosk.store import open_database
    from resources import FORMS_DIR
    from ui.app import run
    from ui.speech_daemon import start_speech_daemon

    start_speech_daemon()  # reading aloud, when speech-dispatcher is installed

    data_dir = args.data_dir or default_data_dir().with_name(DEMO_DATA_DIR_NAME)
    paths = DataPaths(data_dir)
    opened = open_database(paths.database)
    if not has_staff(opened.db):  # a local clerk; the supervisor comes from the platform
        add_staff(opened.db, DEMO_CLERK_ID, "Demo clerk", Role.CLERK, DEMO_CLERK_PIN, SystemClock())
    opened.db.conn.close()
    kiosk_code = load_config(paths.config).kiosk_code if paths.config.exists() else "DEMO01"
    central = start_demo_platform(
        data_dir / "central",
        paths.database,
        kiosk_code,
        FORMS_DIR,
        SystemClock(),
        start_sync=False,  # the kiosk's own sync thread does it, and shows it
        recovery_passphrase=DEMO_RECOVERY_PASSPHRASE,
    )
    print(
        f"Demo data in {data_dir}; clerk {DEMO_CLERK_ID} has PIN {DEMO_CLERK_PIN},"
        f" supervisor {DEMO_SUPERVISOR_ID} (provisioned by the platform at the first sync)"
        f" has PIN {DEMO_SUPERVISOR_PIN}; the recovery passphrase is"
        f" {DEMO_RECOVERY_PASSPHRASE!r}."
    )
    print(f"Central platform at {central.server.url}/api/v1/docs (data in {data_dir / 'central'}).")
    try:
        return run(data_dir, windowed=args.windowed, central_url=central.server.url)
    finally:
        central.shut_down()


def render_screenshots(args: argparse.Namespace) -> int:
    """Render every screen of the flow, in each language, to PNG files."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.screenshots import render_all

    for path in render_all(args.out):
        print(path)
    return EXIT_OK
