"""ESC/POS: the byte stream a thermal printer receives, and its status at the driver boundary.

The printer is python-escpos's Dummy, which records every byte sent. A real
printer answers the real-time status requests (DLE EOT n) with one byte;
:class:`StatusDummy` answers them the same way from its ``status`` table,
which is the only thing the tests change to put paper in or take it out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from unittest.mock import ANY

import pytest
from escpos.printer import Dummy  # type: ignore[import-untyped]

from kiosk import audit
from kiosk.device_state import PrinterRecord, printer_record
from printing.escpos_printer import PRINTABLE_DOTS, EscposPrinter, raster_receipt
from printing.printer_status import PrintDocument, PrinterProblem
from printing.receipt_layout import PaperSize
from printing.receipts import ReceiptDesk
from tests.printing.conftest import Submit

RASTER_COMMAND = b"\x1dv0"
CUT_COMMAND = b"\x1dV"
NORMAL = {1: 0x12, 2: 0x12, 4: 0x12}
"""Status bytes of a healthy printer: the fixed bits 1 and 4 set, nothing else."""


@dataclass
class Board:
    """The printer's sensors: status byte per DLE EOT request number."""

    status: dict[int, int] = field(default_factory=lambda: dict(NORMAL))
    reachable: bool = True


class StatusDummy(Dummy):  # type: ignore[misc]
    """Dummy whose reads answer status requests like a real printer does."""

    def __init__(self, board: Board) -> None:
        super().__init__()
        self.board = board
        self._last_request = 0
        self.run_out_after_cut = False

    def _raw(self, msg: bytes) -> None:
        if msg[:2] == b"\x10\x04" and len(msg) == 3:
            self._last_request = msg[2]
            return
        super()._raw(msg)
        if self.run_out_after_cut and msg.startswith(CUT_COMMAND):
            self.board.status[4] = 0x12 | 0x60  # the roll ended under the cutter

    def _read(self) -> bytes:
        return bytes([self.board.status[self._last_request]])


def printer_for(paper: PaperSize, board: Board) -> tuple[EscposPrinter, StatusDummy]:
    device = StatusDummy(board)

    def connect() -> StatusDummy:
        if not board.reachable:
            raise OSError("USB device not found")
        return device

    return EscposPrinter(connect, paper), device


@pytest.mark.parametrize("paper", [PaperSize.ROLL_58, PaperSize.ROLL_80])
def test_a_receipt_is_sent_as_a_raster_as_wide_as_the_head_then_cut(
    paper: PaperSize, desk_for: Callable[[PaperSize], ReceiptDesk], submit: Submit
) -> None:
    desk = desk_for(paper)
    pdf = desk.render(submit())
    printer, device = printer_for(paper, Board())

    state = printer.print_document(PrintDocument("LQ03-261127-0001-3", pdf))

    assert state.ready
    stream = device.output
    header = stream.index(RASTER_COMMAND)
    width_bytes = stream[header + 4] | stream[header + 5] << 8
    assert width_bytes * 8 == PRINTABLE_DOTS[paper]
    assert stream.rindex(CUT_COMMAND) > header
    image = raster_receipt(pdf, paper)
    assert image.width == PRINTABLE_DOTS[paper]
    assert image.mode == "1"


def test_paper_out_keeps_the_job_queued_then_it_prints_on_recovery(
    desk: ReceiptDesk, submit: Submit
) -> None:
    application = submit()
    job = desk.queue_receipt(application)
    board = Board()
    board.status[4] = 0x12 | 0x60  # paper end sensor
    printer, device = printer_for(PaperSize.ROLL_80, board)

    stalled = desk.print_waiting(printer)

    assert stalled.state.problem is PrinterProblem.OUT_OF_PAPER
    assert stalled.printed == ()
    assert stalled.waiting == 1
    assert RASTER_COMMAND not in device.output
    assert desk.queue.job(job.id).state == "queued"
    assert printer_record(desk.db) == PrinterRecord("out_of_paper", ANY)  # for the centre

    board.status = dict(NORMAL)
    recovered = desk.print_waiting(printer)
    assert printer_record(desk.db) == PrinterRecord("ready", ANY)

    assert [item.id for item in recovered.printed] == [job.id]
    assert recovered.waiting == 0
    assert RASTER_COMMAND in device.output
    assert audit.entries(desk.db)[-1].action == "receipt_printed"


def test_running_out_during_the_job_prints_it_again_in_full(
    desk: ReceiptDesk, submit: Submit
) -> None:
    job = desk.queue_receipt(submit())
    board = Board()
    printer, device = printer_for(PaperSize.ROLL_80, board)

    device.run_out_after_cut = True
    first = desk.print_waiting(printer)

    assert first.state.problem is PrinterProblem.OUT_OF_PAPER
    assert desk.queue.job(job.id).state == "queued"


@pytest.mark.parametrize(
    ("request_number", "value", "problem"),
    [
        (2, 0x12 | 0x04, PrinterProblem.COVER_OPEN),
        (2, 0x12 | 0x40, PrinterProblem.PRINTER_ERROR),
        (1, 0x12 | 0x08, PrinterProblem.OFFLINE),
    ],
)
def test_status_bits_map_to_stable_codes(
    request_number: int, value: int, problem: PrinterProblem
) -> None:
    board = Board()
    board.status[request_number] = value
    printer, _ = printer_for(PaperSize.ROLL_58, board)

    assert printer.state().problem is problem


def test_paper_near_end_still_prints_but_says_so() -> None:
    board = Board()
    board.status[4] = 0x12 | 0x0C
    printer, _ = printer_for(PaperSize.ROLL_58, board)

    state = printer.state()

    assert state.ready
    assert state.paper_low


def test_an_unplugged_printer_is_offline() -> None:
    board = Board(reachable=False)
    printer, _ = printer_for(PaperSize.ROLL_58, board)

    assert printer.state().problem is PrinterProblem.OFFLINE
    assert printer.print_document(PrintDocument("x", b"%PDF")).problem is PrinterProblem.OFFLINE


def test_a_printer_that_reports_no_status_is_taken_as_ready() -> None:
    device = Dummy()
    printer = EscposPrinter(lambda: device, PaperSize.ROLL_58)

    assert printer.state().ready
