"""The persisted print queue: a receipt waits here until a printer has taken it.

Every receipt is written to the ``print_jobs`` table (with its PDF) before a
printer is even asked, so a crash, a restart or an empty paper roll never
loses one: a job leaves the ``queued`` state only when a printer reported it
printed, or when a clerk cancels it. The first job of an application (not a
reprint) holds the receipt's PDF as first issued and is kept with the
application for as long as the application is (``ON DELETE CASCADE``).

Each state change is one transaction together with its audit entry
(``receipt_queued``, ``receipt_printed``, ``receipt_reprint_requested``,
``receipt_reprinted``, ``receipt_cancelled``), whose details hold only ids.
Failed attempts are not audited, only counted on the job, because a printer
left without paper overnight would otherwise fill the log.

A receipt shows the applicant's name, so its PDF is stored sealed to the
kiosk's public key (:mod:`kiosk.security`): queuing works on a locked kiosk,
reading a stored PDF back (:meth:`PrintQueue.document`) needs it unlocked.

Like every store, an instance belongs to the thread that opened ``db``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from kiosk import audit
from kiosk.clock import Clock, format_timestamp, parse_timestamp
from kiosk.errors import NotFoundError
from kiosk.security.contexts import receipt_context
from kiosk.security.key_material import KioskKeys
from kiosk.security.key_store import open_keys
from kiosk.store import storage_errors, transaction
from printing.printer_status import PrinterProblem
from printing.receipt_layout import PaperSize

_COLUMNS = (
    "id, application_uuid, tracking_number, reprint, requested_by, paper, state, attempts,"
    " last_error, last_attempt_at, created_at, printed_at"
)


@dataclass(frozen=True)
class PrintJob:
    """One receipt to print, as stored (without its PDF; see :meth:`PrintQueue.document`)."""

    id: int
    application_uuid: str
    tracking_number: str
    reprint: bool
    requested_by: str
    """``kiosk`` for the receipt after submit, ``clerk:<staff id>`` for a reprint."""
    paper: PaperSize
    state: str
    attempts: int
    last_error: PrinterProblem | None
    last_attempt_at: datetime | None
    created_at: datetime
    printed_at: datetime | None

    @property
    def name(self) -> str:
        """The document name a printer or file shows: tracking number, and the job for reprints."""
        return f"{self.tracking_number}-reprint-{self.id}" if self.reprint else self.tracking_number


class PrintQueue:
    """Adds receipts to the queue and records what became of them."""

    def __init__(self, db: Database, clock: Clock, keys: KioskKeys | None = None) -> None:
        self._db = db
        self._clock = clock
        with storage_errors():
            self._keys = keys or open_keys(db)

    def enqueue(
        self,
        application_uuid: str,
        tracking_number: str,
        pdf: bytes,
        paper: PaperSize,
        *,
        requested_by: str = "kiosk",
        reprint: bool = False,
    ) -> PrintJob:
        """Store a receipt to print; the original receipt of an application only once.

        Asking again for the original of an application that already has one
        returns the existing job: a retried "print after submit" must not
        produce a second receipt.
        """
        if not reprint:
            existing = self.original_job(application_uuid)
            if existing is not None:
                return existing
        now = format_timestamp(self._clock.now())
        sealed = self._keys.seal(pdf, receipt_context(application_uuid))
        with transaction(self._db):
            cursor = self._db.execute(
                "INSERT INTO print_jobs (application_uuid, tracking_number, reprint, requested_by,"
                " paper, document, state, created_at) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?)",
                [
                    application_uuid,
                    tracking_number,
                    int(reprint),
                    requested_by,
                    paper.value,
                    sealed,
                    now,
                ],
            )
            job_id = int(cursor.lastrowid or 0)
            action = "receipt_reprint_requested" if reprint else "receipt_queued"
            self._audit(action, job_id, application_uuid, tracking_number, requested_by, paper)
        return self.job(job_id)

    def record_printed(self, job_id: int) -> PrintJob:
        """Mark a job printed (idempotent), with its audit entry."""
        job = self.job(job_id)
        if job.state != "queued":
            return job
        now = format_timestamp(self._clock.now())
        with transaction(self._db):
            self._db.execute(
                "UPDATE print_jobs SET state = 'printed', printed_at = ?, attempts = attempts + 1,"
                " last_attempt_at = ?, last_error = NULL WHERE id = ?",
                [now, now, job_id],
            )
            action = "receipt_reprinted" if job.reprint else "receipt_printed"
            self._audit(
                action, job_id, job.application_uuid, job.tracking_number, "kiosk", job.paper
            )
        return self.job(job_id)

    def record_failure(self, job_id: int, problem: PrinterProblem) -> PrintJob:
        """Count a failed attempt; the job stays queued for the next try."""
        now = format_timestamp(self._clock.now())
        with transaction(self._db):
            self._db.execute(
                "UPDATE print_jobs SET attempts = attempts + 1, last_error = ?,"
                " last_attempt_at = ? WHERE id = ? AND state = 'queued'",
                [problem.value, now, job_id],
            )
        return self.job(job_id)

    def cancel(self, job_id: int, actor: str) -> PrintJob:
        """Stop trying a queued job (the clerk printed it some other way)."""
        job = self.job(job_id)
        if job.state != "queued":
            return job
        with transaction(self._db):
            self._db.execute("UPDATE print_jobs SET state = 'cancelled' WHERE id = ?", [job_id])
            self._audit(
                "receipt_cancelled",
                job_id,
                job.application_uuid,
                job.tracking_number,
                actor,
                job.paper,
            )
        return self.job(job_id)

    def waiting(self) -> list[PrintJob]:
        """Queued jobs, oldest first: the order receipts were promised in."""
        return self._select("WHERE state = 'queued' ORDER BY id")

    def waiting_count(self) -> int:
        """How many receipts wait for a printer (for the clerk's screen)."""
        with storage_errors():
            row = self._db.execute(
                "SELECT COUNT(*) FROM print_jobs WHERE state = 'queued'"
            ).fetchone()
        return int(row[0])

    def jobs_for(self, application_uuid: str) -> list[PrintJob]:
        """Every job of one application, the original first."""
        return self._select("WHERE application_uuid = ? ORDER BY id", [application_uuid])

    def original_job(self, application_uuid: str) -> PrintJob | None:
        """The job holding the receipt as first issued, if there is one."""
        jobs = self._select("WHERE application_uuid = ? AND reprint = 0", [application_uuid])
        return jobs[0] if jobs else None

    def job(self, job_id: int) -> PrintJob:
        """One job; NotFoundError when there is none with this id."""
        jobs = self._select("WHERE id = ?", [job_id])
        if not jobs:
            raise NotFoundError(f"no print job {job_id}")
        return jobs[0]

    def document(self, job_id: int) -> bytes:
        """The PDF of a job, exactly as it is sent to the printer.

        Raises :class:`~kiosk.errors.KioskLockedError` while the kiosk is locked.
        """
        with storage_errors():
            row = self._db.execute(
                "SELECT application_uuid, document FROM print_jobs WHERE id = ?", [job_id]
            ).fetchone()
        if row is None:
            raise NotFoundError(f"no print job {job_id}")
        return self._keys.unseal(bytes(row[1]), receipt_context(str(row[0])))

    def _select(self, where: str, params: list[Any] | None = None) -> list[PrintJob]:
        with storage_errors():
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM print_jobs {where}", params or []
            ).fetchall()
        return [_from_row(row) for row in rows]

    def _audit(
        self,
        action: str,
        job_id: int,
        application_uuid: str,
        tracking_number: str,
        actor: str,
        paper: PaperSize,
    ) -> None:
        audit.append(
            self._db,
            action,
            application_uuid,
            actor,
            {
                "print_job_id": job_id,
                "tracking_number": tracking_number,
                "paper": paper.value,
            },
            self._clock,
        )


def _from_row(row: tuple[Any, ...]) -> PrintJob:
    (
        job_id,
        uuid,
        tracking_number,
        reprint,
        requested_by,
        paper,
        state,
        attempts,
        last_error,
        last_attempt_at,
        created_at,
        printed_at,
    ) = row
    return PrintJob(
        id=int(job_id),
        application_uuid=str(uuid),
        tracking_number=str(tracking_number),
        reprint=bool(reprint),
        requested_by=str(requested_by),
        paper=PaperSize(paper),
        state=str(state),
        attempts=int(attempts),
        last_error=PrinterProblem(last_error) if last_error else None,
        last_attempt_at=parse_timestamp(last_attempt_at) if last_attempt_at else None,
        created_at=parse_timestamp(created_at),
        printed_at=parse_timestamp(printed_at) if printed_at else None,
    )
