"""The `kiosk` command: the touchscreen program, its demo, and the terminal tools.

Qt is imported only by the commands that show or render screens
(``cli.screens``), so the terminal tools start quickly and never need a
display; and starting the kiosk does not load the terminal tools.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from cli import screens
from cli.common import EXIT_FAILED, EXIT_UNUSABLE, Subcommands
from kiosk.errors import ConfigError, StorageError
from kiosk.private_files import PRIVATE_UMASK

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
    screens.add_commands(commands)
    if with_tools:
        add_tools(commands)
    parser.set_defaults(handler=screens.run_kiosk)
    return parser


def add_tools(commands: Subcommands) -> None:
    """Register every terminal tool, in the order `kiosk --help` lists them."""
    from cli import audit, forms, guide_card, identity, receipt, security, staff, stats, transfer

    for tool in (forms, transfer, security, staff, audit, identity, stats, receipt, guide_card):
        tool.add_commands(commands)


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
    previous = os.umask(PRIVATE_UMASK)  # whatever the kiosk writes is its own
    try:
        result: int = args.handler(args)
    except ConfigError as error:
        print(f"The kiosk configuration cannot be used: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    except StorageError as error:  # a full or read-only disk, a database from a newer kiosk
        print(f"The kiosk's data cannot be used: {error}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        os.umask(previous)
    return result


if __name__ == "__main__":
    sys.exit(main())
