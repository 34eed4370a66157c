"""Printing receipts off the GUI thread, retrying until the printer takes them.

Every printer call, which may block on a USB device or a spooler for
seconds, runs on the ``printing`` lane of :mod:`ui.operations`, with the
print queue's own database connection (opened with :func:`kiosk.store.connect`
on that lane's thread, after the storage lane has opened and migrated the
file). Outcomes come back on the GUI thread and are passed on as signals.

While receipts wait (no paper, cover open, printer off), a timer on the GUI
thread asks for another pass every ``print_retry_seconds``. Jobs queued
before a crash or a restart are printed by the first pass. A failure of the
kiosk itself (its database, not the printer) reaches the applicant as a
receipt that cannot be printed now, and the clerk through ``failed``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.services import KioskServices
from ui.i18n import translate
from ui.operations import Lane

if TYPE_CHECKING:  # the printing code loads on the printing lane, not at start-up
    from kiosk.applications import Application
    from printing.printer_status import Printer, PrinterProblem, PrinterState
    from printing.receipts import PrintRound, ReceiptDesk

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrinterStatus:
    """What the clerk's screen shows about printing."""

    printer: str
    """The printer as the log names it (a queue, a device, a folder): not for the screen."""
    state: PrinterState
    waiting: int
    makes_paper: bool
    """False when receipts are only saved as files (no printer connected)."""


@dataclass(frozen=True)
class ReceiptOutcome:
    """What became of one applicant's receipt, for the confirmation screen."""

    tracking_number: str
    printed: bool
    """True when the receipt came out of a printer."""
    problem: PrinterProblem | None
    """Why it waits; None when printed (or saved as a file when no printer is set up)."""
    makes_paper: bool


class PrintRunner(QObject):
    """Queues and prints receipts on the printing lane."""

    status_changed = Signal(object)
    """A :class:`PrinterStatus`, after every pass over the queue."""
    receipt_outcome = Signal(object)
    """A :class:`ReceiptOutcome` for the receipt asked for by :meth:`print_receipt`."""
    failed = Signal(object)
    """The exception of a pass that failed (the lane logged it); the queue is kept."""

    def __init__(
        self,
        services: KioskServices,
        printer_factory: Callable[[], Printer],
        lane: Lane,
        parent: QObject | None = None,
        *,
        desk_factory: Callable[[], ReceiptDesk] | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._printer_factory = printer_factory
        self._printer_instance: Printer | None = None
        self._desk_factory = desk_factory or self._open_desk
        self._desk: ReceiptDesk | None = None
        self._lane = lane
        self._retry = QTimer(self)
        self._retry.setInterval(services.config.print_retry_seconds * 1000)
        self._retry.timeout.connect(self.retry)
        self.status_changed.connect(self._schedule_retry)

    def start(self) -> None:
        """Print whatever waited from before; call once the database is open."""
        self.retry()

    def print_receipt(self, application: Application) -> None:
        """Queue and print the receipt of a just-submitted application (as submit returned
        it); after others of the same visit, it lists every tracking number of the visit."""

        def work() -> tuple[PrinterStatus, ReceiptOutcome]:
            desk = self._require_desk()
            job = desk.queue_receipt(application)
            result = self._run_round(desk)
            printed = any(item.id == job.id for item in result.printed)
            outcome = ReceiptOutcome(
                tracking_number=job.tracking_number,
                printed=printed and self._printer.makes_paper,
                problem=None if printed else result.state.problem,
                makes_paper=self._printer.makes_paper,
            )
            return self._status_after(result), outcome

        def not_printed(error: Exception) -> None:
            self.failed.emit(error)
            self.receipt_outcome.emit(
                ReceiptOutcome(
                    tracking_number=application.tracking_number or "",
                    printed=False,
                    problem=None,
                    makes_paper=True,
                )
            )

        self._lane.run(work, self._receipt_printed, not_printed)

    def reprint(self, tracking_number: str, actor: str) -> None:
        """Queue a marked reprint for a member of staff (``clerk:1001``) and try to print it."""

        def work() -> PrinterStatus:
            desk = self._require_desk()
            if desk.queue_reprint(tracking_number, actor) is None:
                log.warning("reprint asked for an unknown tracking number")
            return self._status_after(self._run_round(desk))

        self._lane.run(work, self.status_changed.emit, self.failed.emit)

    def retry(self) -> None:
        """Try the waiting receipts again (the timer calls this; so may the clerk)."""
        self._lane.run(
            lambda: self._status_after(self._run_round(self._require_desk())),
            self.status_changed.emit,
            self.failed.emit,
        )

    def shutdown(self) -> None:
        """Stop retrying, finish the job in hand and close the connection."""
        self._retry.stop()

        def close() -> None:
            if self._desk is not None:
                self._desk.db.close()
                self._desk = None

        self._lane.run(close)
        self._lane.wait_for_idle()

    # -- printing lane ----------------------------------------------------------

    def _run_round(self, desk: ReceiptDesk) -> PrintRound:
        result = desk.print_waiting(self._printer)
        if result.state.problem is not None:
            log.warning(
                "receipts wait: %s (%s), %d queued",
                result.state.problem.value,
                result.state.detail,
                result.waiting,
            )
        return result

    def _status_after(self, result: PrintRound) -> PrinterStatus:
        printer = self._printer
        return PrinterStatus(printer.label, result.state, result.waiting, printer.makes_paper)

    @property
    def _printer(self) -> Printer:
        """The printer, made on the printing lane the first time it is needed."""
        if self._printer_instance is None:
            self._printer_instance = self._printer_factory()
        return self._printer_instance

    def _require_desk(self) -> ReceiptDesk:
        if self._desk is None:
            self._desk = self._desk_factory()
        return self._desk

    def _open_desk(self) -> ReceiptDesk:
        from kiosk.store import connect
        from printing.receipt_layout import PaperSize
        from printing.receipts import ReceiptDesk

        services = self._services
        db = connect(services.paths.database)
        return ReceiptDesk(
            db,
            services.clock,
            services.config,
            services.catalogue,
            services.regions,
            services.zone,
            PaperSize(services.config.receipt_paper),
            keys=services.keys.keys_for(db),
        )

    # -- GUI thread -----------------------------------------------------------

    def _receipt_printed(self, found: tuple[PrinterStatus, ReceiptOutcome]) -> None:
        status, outcome = found
        self.status_changed.emit(status)
        self.receipt_outcome.emit(outcome)

    def _schedule_retry(self, status: PrinterStatus) -> None:
        if status.waiting > 0:
            if not self._retry.isActive():
                self._retry.start()
        else:
            self._retry.stop()


def applicant_message(outcome: ReceiptOutcome) -> str:
    """What the confirmation screen tells the applicant about their receipt."""
    if outcome.printed:
        return translate("Printing", "Your receipt is printing. Please take it with you.")
    if not outcome.makes_paper and outcome.problem is None:
        return translate(
            "Printing",
            "This kiosk has no printer. Please write down your tracking number shown on"
            " the screen; the clerk can print your receipt for you.",
        )
    return translate(
        "Printing",
        "Your receipt cannot be printed just now. Your application is safely received."
        " Please write down your tracking number shown on the screen and ask the clerk"
        " for your receipt.",
    )


def clerk_line(status: PrinterStatus) -> str:
    """The printer line of the clerk's screen, in the current language: the state in
    words and the receipts waiting (where files go is in the log, not on screen)."""
    return f"{clerk_message(status.state, status.makes_paper)} {waiting_message(status.waiting)}"


def clerk_message(state: PrinterState, makes_paper: bool = True) -> str:
    """The printer's state in words for the clerk's screen; a kiosk that only saves
    files says so, as the applicant is told (never "ready")."""
    from printing.printer_status import PrinterProblem

    if not makes_paper and state.problem is None:
        return translate(
            "Printing",
            "No printer is connected. Receipts are saved as PDF files to print elsewhere.",
        )
    if state.problem is None:
        if state.paper_low:
            return translate("Printing", "The printer works, but the paper roll is nearly used up.")
        return translate("Printing", "The printer is ready.")
    messages = {
        PrinterProblem.NOT_CONFIGURED: translate(
            "Printing", "No printer is set up. Receipts are saved as PDF files."
        ),
        PrinterProblem.OFFLINE: translate(
            "Printing", "The printer does not answer. Check that it is switched on and connected."
        ),
        PrinterProblem.SPOOLER_DOWN: translate(
            "Printing", "The printing service (CUPS) is not running."
        ),
        PrinterProblem.QUEUE_DISABLED: translate(
            "Printing", "The printer queue is stopped. Enable it in the printer settings."
        ),
        PrinterProblem.OUT_OF_PAPER: translate(
            "Printing", "The printer is out of paper. Put in a new roll."
        ),
        PrinterProblem.COVER_OPEN: translate("Printing", "The printer cover is open. Close it."),
        PrinterProblem.PRINTER_ERROR: translate(
            "Printing", "The printer reports a fault. Switch it off and on again."
        ),
    }
    return messages[state.problem]


def waiting_message(waiting: int) -> str:
    """How many receipts wait, for the clerk's screen."""
    return translate("Printing", "Receipts waiting to print: {count}").format(count=waiting)
