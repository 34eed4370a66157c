"""The `kiosk` command: the touchscreen program, its demo, and the terminal tools.

Qt is imported only by the commands that show or render screens, so the
terminal tools start quickly and never need a display.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kiosk.config import DataPaths

DEMO_CLERK_ID = "1001"
DEMO_CLERK_PIN = "1234"
DEMO_RECOVERY_PASSPHRASE = "demo recovery passphrase"
DEMO_DATA_DIR_NAME = "township-kiosk-demo"

NO_DISPLAY_MESSAGE = """\
There is no screen to show the kiosk on (DISPLAY and WAYLAND_DISPLAY are not set).
On the kiosk itself, start it from its graphical session. Elsewhere, use a
virtual screen, for example:

    xvfb-run -a -s "-screen 0 1280x800x24" {command}

To only look at the screens, render them to PNG files instead:

    kiosk screenshots --out docs/screenshots
"""


GUI_COMMANDS = (None, "demo", "screenshots")
"""Commands that show screens: they start without loading the terminal tools."""


def build_parser(with_tools: bool = True) -> argparse.ArgumentParser:
    """The command line of `kiosk`; `with_tools` adds the terminal commands.

    The tools pull in the database, QR and receipt code; starting the kiosk
    itself must not wait for them (the first screen comes first).
    """
    parser = argparse.ArgumentParser(prog="kiosk", description="Township service kiosk")
    parser.add_argument("--data-dir", type=Path, help="where the kiosk keeps its data")
    parser.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    commands = parser.add_subparsers(dest="command")
    demo = commands.add_parser("demo", help="the kiosk on demo data with the sample forms")
    # Also after the command (`kiosk demo --windowed`, `./setup.sh demo --windowed`);
    # SUPPRESS keeps a --windowed given before it.
    demo.add_argument(
        "--windowed",
        action="store_true",
        default=argparse.SUPPRESS,
        help="a window instead of full screen",
    )
    demo.set_defaults(handler=run_demo)
    shots = commands.add_parser("screenshots", help="render every screen to PNG")
    shots.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    shots.set_defaults(handler=render_screenshots)
    if with_tools:
        from kiosk import cli, cli_dashboard, cli_identity
        from printing import receipt_command

        cli.add_commands(commands)
        cli_identity.add_commands(commands)
        cli_dashboard.add_commands(commands)
        receipt_command.add_commands(commands)
    parser.set_defaults(handler=run_kiosk)
    return parser


def _wants_tools(argv: list[str]) -> bool:
    """Whether the command line names a terminal tool (or asks for help)."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--data-dir")
    _, rest = options.parse_known_args(argv)
    positional = [arg for arg in rest if not arg.startswith("-")]
    command = positional[0] if positional else None
    return command not in GUI_COMMANDS or "-h" in rest or "--help" in rest


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `kiosk` command."""
    arguments = sys.argv[1:] if argv is None else argv
    args = build_parser(with_tools=_wants_tools(arguments)).parse_args(arguments)
    result: int = args.handler(args)
    return result


def has_display() -> bool:
    """Whether Qt can open a window here (or was told to render offscreen)."""
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_kiosk(args: argparse.Namespace) -> int:
    """Start the kiosk on its data directory."""
    if not has_display():
        print(NO_DISPLAY_MESSAGE.format(command="kiosk"), file=sys.stderr)
        return 2
    from kiosk.cli import data_dir_of
    from ui.app import run

    return run(data_dir_of(args), windowed=args.windowed)


def run_demo(args: argparse.Namespace) -> int:
    """Start the kiosk on demo data, beside a local central platform on loopback.

    The platform (SQLite in the demo directory) gets the sample forms
    published and the demo kiosk enrolled; a sync thread sends submitted
    applications to it and brings statuses back. Safe to run again.
    """
    if not has_display():
        print(NO_DISPLAY_MESSAGE.format(command="./setup.sh demo"), file=sys.stderr)
        return 2
    from central.demo import DEMO_SUPERVISOR_ID, DEMO_SUPERVISOR_PIN, start_demo_platform
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
