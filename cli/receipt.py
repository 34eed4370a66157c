"""``kiosk receipt TRACKING-NO --out FILE.pdf``: a receipt as a file, from the terminal.

For support staff and for an applicant who lost their receipt at a kiosk
without a working printer. The receipt as first issued is written when the
kiosk has it (byte for byte what was printed); otherwise, or for another
paper size, it is rendered again from the stored application, which gives the
same receipt. ``--reprint`` adds the reprint mark. Nothing is queued or
printed, and the database is only read (apart from creating the verification
secret on a kiosk that never issued a receipt).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    Subcommands,
    add_command,
    data_dir_of,
    keys_for_command,
    report,
)
from kiosk.errors import UnlockRefusedError
from kiosk.services import load_services
from kiosk.store import open_database
from printing.receipt_layout import PaperSize
from printing.receipts import ReceiptDesk


def add_commands(commands: Subcommands) -> None:
    """Register ``receipt`` on the ``kiosk`` parser (which provides --data-dir and --json)."""
    receipt = add_command(
        commands, "receipt", receipt_command, help="write the receipt of an application to a PDF"
    )
    receipt.add_argument("tracking_number")
    receipt.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    receipt.add_argument(
        "--paper",
        choices=[paper.value for paper in PaperSize],
        help="paper layout (default: receipt_paper from kiosk.toml)",
    )
    receipt.add_argument("--reprint", action="store_true", help="mark it as a reprint")


def receipt_command(args: argparse.Namespace) -> int:
    """Write the receipt; exit 1 when the kiosk holds no such application."""
    services = load_services(data_dir_of(args))
    paper = PaperSize(args.paper or services.config.receipt_paper)
    db = open_database(services.paths.database, clock=services.clock).db
    try:
        desk = ReceiptDesk(
            db,
            services.clock,
            services.config,
            services.catalogue,
            services.regions,
            services.zone,
            paper,
            keys=keys_for_command(db, args),
        )
        pdf = receipt_pdf(desk, args.tracking_number, reprint=args.reprint)
    except UnlockRefusedError as error:
        report(args, {"ok": False, "problem": error.code}, f"Not unlocked: {error}")
        return EXIT_FAILED
    finally:
        db.close()
    if pdf is None:
        report(args, {"ok": False, "problem": "not_found"}, "No such application here.")
        return EXIT_FAILED
    temporary = args.out.with_name(args.out.name + ".tmp")
    temporary.write_bytes(pdf)
    os.replace(temporary, args.out)
    record = {"ok": True, "file": str(args.out), "paper": paper.value, "reprint": args.reprint}
    report(args, record, f"Receipt written to {args.out}")
    return EXIT_OK


def receipt_pdf(desk: ReceiptDesk, tracking_number: str, *, reprint: bool) -> bytes | None:
    """The stored original when it fits the request, else a fresh rendering."""
    application = desk.applications.find_by_tracking_number(tracking_number)
    if application is None or application.tracking_number is None:
        return None
    original = desk.queue.original_job(application.uuid)
    if original is not None and original.paper is desk.paper and not reprint:
        return desk.queue.document(original.id)
    return desk.render(application, reprint=reprint)
