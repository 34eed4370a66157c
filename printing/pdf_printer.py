"""The fallback "printer" when none is configured: receipts saved as PDF files.

A kiosk without a printer still owes the applicant a receipt: the file is
written to a directory the clerk can open or print elsewhere, and the screen
shows the tracking number to note down. Files are written to a temporary
name and renamed, so a power cut never leaves half a receipt behind.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from printing.printer_status import READY, PrintDocument, PrinterProblem, PrinterState

_SAFE_NAME = re.compile(r"[A-Za-z0-9_.-]{1,80}")


@dataclass(frozen=True)
class PdfFilePrinter:
    """Writes each receipt to ``directory/<name>.pdf``."""

    directory: Path

    @property
    def label(self) -> str:
        """Where the files go."""
        return f"PDF files in {self.directory}"

    @property
    def makes_paper(self) -> bool:
        """No: the receipt is a file the clerk prints later."""
        return False

    def state(self) -> PrinterState:
        """Ready when the directory exists or can be created, and is writable."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return PrinterState(PrinterProblem.PRINTER_ERROR, f"cannot create directory: {exc}")
        if not os.access(self.directory, os.W_OK):
            return PrinterState(PrinterProblem.PRINTER_ERROR, "directory is not writable")
        return READY

    def print_document(self, document: PrintDocument) -> PrinterState:
        """Save the receipt; an existing file of the same name is replaced."""
        if not _SAFE_NAME.fullmatch(document.name):
            raise ValueError(f"receipt name {document.name!r} is not a safe file name")
        state = self.state()
        if not state.ready:
            return state
        target = self.directory / f"{document.name}.pdf"
        temporary = target.with_name(target.name + ".tmp")
        try:
            with open(temporary, "wb") as handle:
                handle.write(document.pdf)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, target)
        except OSError as exc:
            return PrinterState(PrinterProblem.PRINTER_ERROR, f"cannot write {target}: {exc}")
        return READY
