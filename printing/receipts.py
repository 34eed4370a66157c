"""From a submitted application to a receipt in the queue, and from the queue to paper.

:class:`ReceiptDesk` is what the screens (through a worker thread) and the
terminal commands call: it renders receipts, queues them, and works through
the queue with whatever printer it is given. The database, clock, printer
and configuration are all passed in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo

from sqlite_utils import Database

from kiosk.applications import Application, ApplicationStore
from kiosk.catalogue import FormCatalogue
from kiosk.clock import Clock
from kiosk.config import KioskConfig
from kiosk.device_state import record_printer_state
from kiosk.errors import KioskLockedError
from kiosk.forms import RegionTree
from kiosk.receipt_verification import reference_for
from kiosk.security.key_material import KioskKeys
from kiosk.visit import VisitApplication
from printing.fonts import ReceiptFonts, register_fonts
from printing.print_queue import PrintJob, PrintQueue
from printing.printer_status import PrintDocument, Printer, PrinterState
from printing.receipt_content import ReceiptContent, build_receipt_content
from printing.receipt_layout import PaperSize, ReprintMark, render_receipt


@dataclass(frozen=True)
class PrintRound:
    """What one pass over the queue achieved, for the clerk's screen and the applicant's."""

    printed: tuple[PrintJob, ...]
    state: PrinterState
    """The printer's state after the pass: ready, or why the remaining jobs wait."""
    waiting: int
    """Jobs still queued."""


@dataclass
class ReceiptDesk:
    """Receipts for one kiosk database; use from the thread that opened ``db``."""

    db: Database
    clock: Clock
    config: KioskConfig
    catalogue: FormCatalogue
    regions: RegionTree
    zone: tzinfo
    paper: PaperSize
    fonts: ReceiptFonts = field(default_factory=register_fonts)
    keys: KioskKeys | None = None
    """The process's shared keys; see :class:`kiosk.applications.ApplicationStore`."""

    def __post_init__(self) -> None:
        self.applications = ApplicationStore(
            self.db, self.clock, self.config.kiosk_code, zone=self.zone, keys=self.keys
        )
        self.queue = PrintQueue(self.db, self.clock, self.applications.keys)
        # PDFs rendered by this process, by job: printed from memory, so the
        # receipt of an application just submitted prints on a locked kiosk.
        self._rendered: dict[int, bytes] = {}

    def content(self, application: Application) -> ReceiptContent:
        """What the receipt of a submitted application says; after others of the same
        visit (one person applying for several services), every tracking number of the
        visit up to this one, as stored, so a reprint says what the first print said."""
        form = self.catalogue.get(application.form_id, application.form_version)
        return build_receipt_content(
            application,
            form,
            reference=reference_for(self.db, application.tracking_number or ""),
            config=self.config,
            regions=self.regions,
            zone=self.zone,
            visit=self._visit(application),
        )

    def _visit(self, application: Application) -> list[VisitApplication]:
        """The applications of the visit up to this one, each named by its service."""
        return [
            VisitApplication(
                entry.form_id,
                self.catalogue.get(entry.form_id, entry.form_version).title,
                entry.tracking_number,
            )
            for entry in self.applications.visit_of(application.uuid)
        ]

    def render(
        self, application: Application, paper: PaperSize | None = None, *, reprint: bool = False
    ) -> bytes:
        """The receipt PDF; a reprint carries a mark with the local time it was made."""
        mark = None
        if reprint:
            mark = ReprintMark(self.clock.now().astimezone(self.zone).strftime("%Y-%m-%d %H:%M"))
        return render_receipt(
            self.content(application), paper or self.paper, self.fonts, reprint=mark
        )

    def queue_receipt(self, application: Application) -> PrintJob:
        """Queue the receipt of a just-submitted application (once, however often asked).

        Takes the application as the submit returned it, answers included, so
        nothing sealed has to be read back (the visit's tracking numbers are not sealed).
        """
        existing = self.queue.original_job(application.uuid)
        if existing is not None:
            return existing
        pdf = self.render(application)
        job = self.queue.enqueue(
            application.uuid, application.tracking_number or "", pdf, self.paper
        )
        self._rendered[job.id] = pdf
        return job

    def queue_reprint(self, tracking_number: str, actor: str) -> PrintJob | None:
        """Queue a marked reprint for a member of staff, named as the audit log names
        them (``clerk:1001``, ``supervisor:2001``); None when no such application is here."""
        application = self.applications.find_by_tracking_number(tracking_number)
        if application is None or application.tracking_number is None:
            return None
        pdf = self.render(application, reprint=True)
        job = self.queue.enqueue(
            application.uuid,
            application.tracking_number,
            pdf,
            self.paper,
            requested_by=actor,
            reprint=True,
        )
        self._rendered[job.id] = pdf
        return job

    def print_waiting(self, printer: Printer) -> PrintRound:
        """Send queued jobs oldest first, stopping at the first the printer cannot take.

        A job queued before a restart cannot be read while the kiosk is locked;
        it is skipped (and stays queued) until the kiosk is unlocked.
        """
        printed: list[PrintJob] = []
        state = printer.state()
        if state.ready:
            for job in self.queue.waiting():
                pdf = self._document(job)
                if pdf is None:
                    continue
                state = printer.print_document(PrintDocument(job.name, pdf))
                if state.problem is not None:
                    self.queue.record_failure(job.id, state.problem)
                    break
                printed.append(self.queue.record_printed(job.id))
                self._rendered.pop(job.id, None)
        record_printer_state(self.db, _state_code(state), self.clock.now())  # for the centre
        return PrintRound(tuple(printed), state, self.queue.waiting_count())

    def _document(self, job: PrintJob) -> bytes | None:
        """The job's PDF from memory or, unlocked, from the queue; None while locked."""
        if job.id in self._rendered:
            return self._rendered[job.id]
        try:
            return self.queue.document(job.id)
        except KioskLockedError:
            return None


def _state_code(state: PrinterState) -> str:
    """The state as the kiosk reports it: ``ready``, ``paper_low`` or the problem's code."""
    if state.problem is not None:
        return state.problem.value
    return "paper_low" if state.paper_low else "ready"
