"""What a printer can say about itself, as stable codes the screens translate.

Every back-end reports its state and the outcome of a job as one of these
values instead of raising: an empty paper roll is an everyday event at a
kiosk, not a crash. The UI maps each :class:`PrinterProblem` to a message for
the applicant and the clerk; ``detail`` is for the log only (it may hold
driver text in any language, never personal data).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class PrinterProblem(StrEnum):
    """Why a printer cannot print now. Values are stable: translations key on them."""

    NOT_CONFIGURED = "not_configured"
    """No printer is set up; receipts are kept as PDF files only."""
    OFFLINE = "offline"
    """The printer does not answer (unplugged, switched off, network down)."""
    SPOOLER_DOWN = "spooler_down"
    """CUPS is not running or refuses connections."""
    QUEUE_DISABLED = "queue_disabled"
    """The CUPS queue is stopped or rejects jobs (an administrator must enable it)."""
    OUT_OF_PAPER = "out_of_paper"
    COVER_OPEN = "cover_open"
    PRINTER_ERROR = "printer_error"
    """The printer reports a fault (cutter jam, head too hot) or refused the job."""


@dataclass(frozen=True)
class PrinterState:
    """A printer's condition at one moment; ``problem`` is None when it can print."""

    problem: PrinterProblem | None
    detail: str = ""
    paper_low: bool = False
    """The roll is nearly out: printing still works, the clerk should replace it soon."""

    @property
    def ready(self) -> bool:
        """Whether a job sent now is expected to print."""
        return self.problem is None


READY = PrinterState(problem=None)


@dataclass(frozen=True)
class PrintDocument:
    """One receipt to print: the PDF and a name for it (the tracking number and suffix)."""

    name: str
    pdf: bytes


class Printer(Protocol):
    """A back-end that can report its state and print a receipt PDF.

    Both methods may block (device I/O, subprocesses) and therefore run on a
    worker thread, never on the GUI thread. Neither raises for a printer
    condition: they return a :class:`PrinterState`, ready when the job was
    handed over.
    """

    @property
    def label(self) -> str:
        """A short description for the clerk (``CUPS queue PDF``, ``ESC/POS usb``)."""
        ...

    @property
    def makes_paper(self) -> bool:
        """Whether a printed job is paper in the applicant's hand (not a saved file)."""
        ...

    def state(self) -> PrinterState:
        """Ask the printer how it is."""
        ...

    def print_document(self, document: PrintDocument) -> PrinterState:
        """Print one receipt; READY when it was printed (or accepted by the spooler)."""
        ...
