"""Choosing the printer back-end from the kiosk's configuration.

Kept apart from the back-ends so that each of them can be built directly in
tests and benchmarks, and so that the configuration is read in one place.
"""

from __future__ import annotations

from pathlib import Path

from escpos.escpos import Escpos  # type: ignore[import-untyped]

from kiosk.config import RECEIPTS_SUBDIR, KioskConfig
from printing.cups_printer import CupsPrinter
from printing.escpos_printer import Connect, EscposPrinter
from printing.pdf_printer import PdfFilePrinter
from printing.printer_status import Printer
from printing.receipt_layout import PaperSize

__all__ = ["RECEIPTS_SUBDIR", "escpos_connector", "printer_from_config"]

DEFAULT_RAW_PORT = 9100
NETWORK_TIMEOUT_SECONDS = 10
"""A network printer that has not answered in this long is reported offline."""


def printer_from_config(config: KioskConfig, data_dir: Path) -> Printer:
    """The back-end the configuration names (values were checked when it was loaded)."""
    paper = PaperSize(config.receipt_paper)
    if config.printer == "cups":
        options = ("media=A4",) if paper is PaperSize.A4 else ()
        return CupsPrinter(queue=config.printer_queue, options=options)
    if config.printer == "escpos" and config.printer_device is not None:
        return EscposPrinter(
            escpos_connector(config.printer_device), paper, f"ESC/POS {config.printer_device}"
        )
    return PdfFilePrinter(data_dir / RECEIPTS_SUBDIR)


def escpos_connector(device: str) -> Connect:
    """A function opening the printer named by ``usb:…``, ``tcp:…`` or ``file:…``.

    The python-escpos classes are imported when the printer is first opened,
    so a kiosk without USB libraries still starts (and reports the printer
    offline instead).
    """
    kind, _, rest = device.partition(":")

    def connect() -> Escpos:
        if kind == "usb":
            from escpos.printer import Usb  # type: ignore[import-untyped]

            vendor, product = (int(part, 16) for part in rest.split(":"))
            return Usb(vendor, product)
        if kind == "tcp":
            from escpos.printer import Network

            host, _, port = rest.partition(":")
            return Network(
                host, int(port) if port else DEFAULT_RAW_PORT, timeout=NETWORK_TIMEOUT_SECONDS
            )
        from escpos.printer import File

        return File(rest)

    return connect
