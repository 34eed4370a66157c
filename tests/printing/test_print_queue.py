"""The persisted print queue: jobs survive a restart and are audited."""

from __future__ import annotations

from pathlib import Path

from kiosk import audit
from kiosk.clock import FixedClock
from kiosk.store import open_database
from printing.print_queue import PrintQueue
from printing.printer_status import PrinterProblem
from printing.receipt_layout import PaperSize
from printing.receipts import ReceiptDesk
from tests.printing.conftest import Submit


def test_a_queued_receipt_survives_closing_the_database(
    desk: ReceiptDesk, submit: Submit, tmp_path: Path, clock: FixedClock
) -> None:
    application = submit()
    job = desk.queue_receipt(application)
    pdf = desk.queue.document(job.id)
    desk.db.close()

    reopened = open_database(tmp_path / "kiosk.db", clock=clock).db
    try:
        queue = PrintQueue(reopened, clock)
        waiting = queue.waiting()
        assert [item.id for item in waiting] == [job.id]
        assert waiting[0].tracking_number == application.tracking_number
        assert waiting[0].paper is PaperSize.ROLL_80
        assert queue.document(job.id) == pdf
        assert pdf.startswith(b"%PDF")
    finally:
        reopened.close()


def test_the_original_receipt_is_queued_once(desk: ReceiptDesk, submit: Submit) -> None:
    application = submit()

    first = desk.queue_receipt(application)
    second = desk.queue_receipt(application)

    assert first == second
    assert desk.queue.waiting_count() == 1


def test_failures_keep_the_job_and_printing_is_audited(desk: ReceiptDesk, submit: Submit) -> None:
    application = submit()
    job = desk.queue_receipt(application)

    failed = desk.queue.record_failure(job.id, PrinterProblem.OUT_OF_PAPER)
    assert failed.state == "queued"
    assert failed.attempts == 1
    assert failed.last_error is PrinterProblem.OUT_OF_PAPER

    printed = desk.queue.record_printed(job.id)
    assert printed.state == "printed"
    assert printed.attempts == 2
    assert printed.last_error is None
    assert desk.queue.record_printed(job.id) == printed, "idempotent"
    assert desk.queue.waiting() == []
    actions = [entry.action for entry in audit.entries(desk.db)]
    assert actions[-2:] == ["receipt_queued", "receipt_printed"]
    details = audit.entries(desk.db)[-1].details
    assert details["print_job_id"] == job.id
    assert details["tracking_number"] == application.tracking_number
    assert audit.verify(desk.db).ok


def test_a_clerk_reprint_is_a_separate_marked_job(desk: ReceiptDesk, submit: Submit) -> None:
    application = submit()
    original = desk.queue_receipt(application)
    assert application.tracking_number is not None

    reprint = desk.queue_reprint(application.tracking_number.lower(), "clerk:07")

    assert reprint is not None
    assert reprint.reprint
    assert reprint.requested_by == "clerk:07"
    assert reprint.name == f"{application.tracking_number}-reprint-{reprint.id}"
    assert desk.queue.original_job(application.uuid) == original
    assert [job.id for job in desk.queue.jobs_for(application.uuid)] == [original.id, reprint.id]
    last = audit.entries(desk.db)[-1]
    assert (last.action, last.actor) == ("receipt_reprint_requested", "clerk:07")
    assert desk.queue_reprint("LQ03-261127-9999-X", "clerk:07") is None


def test_a_cancelled_job_is_no_longer_waiting(desk: ReceiptDesk, submit: Submit) -> None:
    job = desk.queue_receipt(submit())

    cancelled = desk.queue.cancel(job.id, "clerk:clerk07")

    assert cancelled.state == "cancelled"
    assert desk.queue.waiting_count() == 0
    assert audit.entries(desk.db)[-1].action == "receipt_cancelled"
