"""Raw ESC/POS thermal printers (USB, network, device file) through python-escpos.

The receipt is sent as one raster image of the same PDF every other path
prints (``GS v 0``), followed by a cut. Printing the text natively would need
the printer's own Chinese code page and has no Arabic-script shaping at all;
a raster prints Chinese, Uyghur and the QR identically on every printer.

The printer's state is read with the real-time status requests
(``DLE EOT 1`` online, ``DLE EOT 2`` cover and paper stop, ``DLE EOT 4``
paper sensor). A printer that answers nothing (many network models) is
taken as ready. The paper sensor is read again after the job: if the roll
ran out while printing, the receipt is reported as not printed, so the queue
prints it again in full once paper is back (a torn half receipt plus a full
one beats none).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pypdfium2  # type: ignore[import-untyped]
from escpos.escpos import Escpos  # type: ignore[import-untyped]
from PIL import Image

from printing.printer_status import READY, PrintDocument, PrinterProblem, PrinterState
from printing.receipt_layout import PaperSize

DOTS_PER_MM = 8
"""203 dpi, the resolution of practically every receipt printer."""

PRINTABLE_DOTS: dict[PaperSize, int] = {PaperSize.ROLL_58: 384, PaperSize.ROLL_80: 576}
"""Width of the print head: 48 mm of a 58 mm roll, 72 mm of an 80 mm roll."""

_STATUS_ONLINE = b"\x10\x04\x01"
_STATUS_OFFLINE_CAUSE = b"\x10\x04\x02"
_STATUS_PAPER = b"\x10\x04\x04"
_OFFLINE_BIT = 0x08
_COVER_OPEN_BIT = 0x04
_PAPER_STOP_BIT = 0x20
_ERROR_BIT = 0x40
_PAPER_NEAR_END = 0x0C
_PAPER_END = 0x60

Connect = Callable[[], Escpos]
"""Opens the printer (``lambda: Usb(0x0416, 0x5011)``); may raise when it is absent."""


@dataclass(frozen=True)
class EscposPrinter:
    """A thermal printer spoken to in ESC/POS, for a 58 mm or 80 mm roll."""

    connect: Connect
    paper: PaperSize
    description: str = "ESC/POS printer"

    def __post_init__(self) -> None:
        if self.paper not in PRINTABLE_DOTS:
            raise ValueError(f"ESC/POS printers take rolls, not {self.paper.value}")

    @property
    def label(self) -> str:
        """How the printer is connected."""
        return self.description

    @property
    def makes_paper(self) -> bool:
        """Yes: a thermal printer."""
        return True

    def state(self) -> PrinterState:
        """Online, cover closed, paper present; unreachable is OFFLINE."""
        try:
            device = self.connect()
        except Exception as exc:  # any driver failure to open means: not reachable now
            return PrinterState(PrinterProblem.OFFLINE, _detail(exc))
        try:
            return _read_state(device)
        except Exception as exc:  # a printer that vanishes mid-query is offline too
            return PrinterState(PrinterProblem.OFFLINE, _detail(exc))
        finally:
            _close(device)

    def print_document(self, document: PrintDocument) -> PrinterState:
        """Print the receipt as a raster, cut, and confirm the paper held out."""
        try:
            device = self.connect()
        except Exception as exc:  # see state()
            return PrinterState(PrinterProblem.OFFLINE, _detail(exc))
        try:
            return self._print_on(device, document)
        finally:
            _close(device)

    def _print_on(self, device: Escpos, document: PrintDocument) -> PrinterState:
        try:
            before = _read_state(device)
        except Exception as exc:  # see state()
            return PrinterState(PrinterProblem.OFFLINE, _detail(exc))
        if not before.ready:
            return before
        image = raster_receipt(document.pdf, self.paper)  # a bad PDF is a bug: let it raise
        try:
            device.image(image, impl="bitImageRaster", center=True)
            device.cut()
            return _read_state(device)
        except Exception as exc:  # see state()
            return PrinterState(PrinterProblem.OFFLINE, _detail(exc))


def raster_receipt(pdf: bytes, paper: PaperSize) -> Image.Image:
    """The first page of a roll receipt as a 1-bit image as wide as the print head."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        width_points = page.get_width()
        scale = DOTS_PER_MM * 25.4 / 72
        bitmap = page.render(scale=scale, grayscale=True)
        image = bitmap.to_pil().convert("L")
    finally:
        document.close()
    head = PRINTABLE_DOTS[paper]
    page_dots = round(width_points * scale)
    left = max(0, (page_dots - head) // 2)
    cropped = image.crop((left, 0, left + head, image.height))
    black_and_white: Image.Image = cropped.point(lambda value: 0 if value < 160 else 255)
    return black_and_white.convert("1")


def _read_state(device: Escpos) -> PrinterState:
    online = _query(device, _STATUS_ONLINE)
    cause = _query(device, _STATUS_OFFLINE_CAUSE)
    paper = _query(device, _STATUS_PAPER)
    if cause is not None and cause & _COVER_OPEN_BIT:
        return PrinterState(PrinterProblem.COVER_OPEN, "cover open")
    if (paper is not None and paper & _PAPER_END == _PAPER_END) or (
        cause is not None and cause & _PAPER_STOP_BIT
    ):
        return PrinterState(PrinterProblem.OUT_OF_PAPER, "paper end sensor")
    if cause is not None and cause & _ERROR_BIT:
        return PrinterState(PrinterProblem.PRINTER_ERROR, "printer reports an error")
    if online is not None and online & _OFFLINE_BIT:
        return PrinterState(PrinterProblem.OFFLINE, "printer reports offline")
    low = paper is not None and paper & _PAPER_NEAR_END == _PAPER_NEAR_END
    return PrinterState(None, "paper near end" if low else "", paper_low=low) if low else READY


def _query(device: Escpos, request: bytes) -> int | None:
    """One status byte, or None when the printer does not report status."""
    try:
        answer = device.query_status(request)
    except NotImplementedError:
        return None
    if not answer:
        return None
    return int(answer[0])


def _close(device: Escpos) -> None:
    try:
        device.close()
    except Exception:  # closing a vanished device must not hide the real outcome
        return


def _detail(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:200]
