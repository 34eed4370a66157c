"""``kiosk guide-card --out card.pdf``: the A4 card to stand beside the kiosk.

The card names the service centre from the kiosk's ``kiosk.toml`` when the
data directory has one (it is only read, never created), and shows the
screens as ``kiosk screenshots`` rendered them, from ``docs/screenshots`` of
this checkout unless ``--screenshots`` names another folder.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from cli.common import EXIT_FAILED, EXIT_OK, Subcommands, add_command, data_dir_of, report
from kiosk.config import load_config
from kiosk.errors import ConfigError
from printing.guide_card import MissingScreenshotError, render_guide_card
from printing.guide_card_texts import MissingTranslationError

PROJECT_SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
"""The pictures of the screens committed with the kiosk's documentation."""


def add_commands(commands: Subcommands) -> None:
    """Register ``guide-card`` on the ``kiosk`` parser (which provides --data-dir and --json)."""
    card = add_command(
        commands,
        "guide-card",
        guide_card_command,
        help="write the A4 guide card (Chinese and Uyghur) to stand beside the kiosk",
    )
    card.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    card.add_argument(
        "--screenshots",
        type=Path,
        default=PROJECT_SCREENSHOTS,
        help="the pictures made by `kiosk screenshots` (default: docs/screenshots)",
    )


def guide_card_command(args: argparse.Namespace) -> int:
    """Write the card; exit 1 when a picture, a translation or kiosk.toml is missing or wrong."""
    config_file = data_dir_of(args) / "kiosk.toml"
    try:
        township = load_config(config_file).township if config_file.exists() else None
        pdf = render_guide_card(args.screenshots, township)
    except (ConfigError, MissingScreenshotError, MissingTranslationError) as error:
        report(args, {"ok": False, "problem": str(error)}, f"No card written: {error}")
        return EXIT_FAILED
    temporary = args.out.with_name(args.out.name + ".tmp")
    temporary.write_bytes(pdf)
    os.replace(temporary, args.out)
    report(args, {"ok": True, "file": str(args.out)}, f"Guide card written to {args.out}")
    return EXIT_OK
