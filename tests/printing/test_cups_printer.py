"""Printing through a real CUPS scheduler with a virtual PDF printer (cups-pdf).

The set-up starts the system's cupsd if it is not running and adds its own
queues, as ENVIRONMENT.md describes; jobs come out as PDF files in the
directory cups-pdf is configured to write to, where the test finds them by
the job title (the receipt's name) and reads them back.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from printing.commands import run_command
from printing.cups_printer import CupsPrinter
from printing.printer_status import PrinterProblem
from printing.receipts import ReceiptDesk
from tests.printing.conftest import Submit, decode_qr

# The scheduler and its queues are the machine's: each test process (a
# pytest-xdist worker, or another run of the suite) adds and removes queues of
# its own, so that one ending never deletes a queue another is printing to.
QUEUE = f"KioskReceiptsTest-{os.getpid()}"
PAUSED_QUEUE = f"KioskReceiptsPaused-{os.getpid()}"
CUPS_PDF_PPD = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
POLL_INTERVAL = 0.25
OUTPUT_WAIT_POLLS = 240
"""How many times to look for a job's output before declaring it lost (not a speed test)."""


def scheduler_running() -> bool:
    return "scheduler is running" in run_command(["lpstat", "-r"]).stdout


def ensure_scheduler() -> None:
    if scheduler_running():
        return
    # Another test process may be starting it at the same moment: the second
    # cupsd then fails to bind and exits, and the first one serves both.
    subprocess.run(["/usr/sbin/cupsd"], check=False)
    for _ in range(OUTPUT_WAIT_POLLS):
        if scheduler_running():
            return
        time.sleep(POLL_INTERVAL)
    raise AssertionError("cupsd did not start")


def add_queue(name: str) -> None:
    added = subprocess.run(
        ["lpadmin", "-p", name, "-E", "-v", "cups-pdf:/", "-P", CUPS_PDF_PPD],
        capture_output=True,
        text=True,
    )
    assert added.returncode == 0, f"lpadmin could not add {name}: {added.stderr.strip()}"


def cups_pdf_output_dir() -> Path:
    """Where cups-pdf writes jobs of the current user (its ``Out`` setting)."""
    out = "${HOME}/PDF"
    for line in CUPS_PDF_CONF.read_text(encoding="utf-8").splitlines():
        if line.startswith("Out "):
            out = line.split(None, 1)[1].strip()
    return Path(out.replace("${HOME}", str(Path.home())))


@pytest.fixture(scope="session")
def cups_queue() -> Iterator[str]:
    """A running scheduler with a cups-pdf queue for these tests."""
    ensure_scheduler()
    add_queue(QUEUE)
    yield QUEUE
    subprocess.run(["lpadmin", "-x", QUEUE], check=False, capture_output=True)


@pytest.fixture
def paused_queue() -> Iterator[str]:
    """A second cups-pdf queue, stopped by its administrator."""
    ensure_scheduler()
    add_queue(PAUSED_QUEUE)
    subprocess.run(["cupsdisable", PAUSED_QUEUE], check=True)
    yield PAUSED_QUEUE
    subprocess.run(["lpadmin", "-x", PAUSED_QUEUE], check=False, capture_output=True)


def job_numbers(queue: str) -> set[str]:
    """The numbers of the jobs sent to ``queue``, done or not (``lpstat -W all -o``)."""
    listing = run_command(["lpstat", "-W", "all", "-o", queue]).stdout
    prefix = f"{queue}-"
    return {
        line.split()[0].removeprefix(prefix)
        for line in listing.splitlines()
        if line.startswith(prefix)
    }


def wait_for_output(directory: Path, title: str, queue: str, before: set[Path]) -> Path:
    """The new file cups-pdf wrote for a job titled ``title`` sent to ``queue``.

    cups-pdf writes every queue's jobs to one folder per user, and receipts of
    tests on a pinned clock share their titles: the job number (which cups-pdf
    puts in the name) tells this queue's file from one another test process printed.
    """
    pattern = re.compile(re.escape(title) + r"(__\S*)?-job_(\d+)\.pdf")
    for _ in range(OUTPUT_WAIT_POLLS):
        if directory.is_dir():
            ours = job_numbers(queue)
            found = [
                path
                for path in directory.iterdir()
                if path not in before
                and (match := pattern.fullmatch(path.name))
                and match.group(2) in ours
                and path.stat().st_size > 0
            ]
            if found:
                return found[0]
        time.sleep(POLL_INTERVAL)
    raise AssertionError(f"no output for job {title} on {queue} in {directory}")


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_a_receipt_prints_through_cups_and_comes_out_readable(
    cups_queue: str, desk: ReceiptDesk, submit: Submit, tmp_path: Path
) -> None:
    application = submit()
    job = desk.queue_receipt(application)
    output_dir = cups_pdf_output_dir()
    before = set(output_dir.iterdir()) if output_dir.is_dir() else set()
    printer = CupsPrinter(queue=cups_queue)

    assert printer.state().ready
    result = desk.print_waiting(printer)

    assert [item.id for item in result.printed] == [job.id]
    output = wait_for_output(output_dir, job.name, cups_queue, before)
    text = pdftotext(output)
    printed = output.read_bytes()
    output.unlink()
    assert application.tracking_number is not None
    assert application.tracking_number in text
    assert "1101**********002X" in text
    # cups-pdf re-distils the job through Ghostscript, which drops the mapping of
    # Chinese glyphs back to text; the printed image must still carry the QR.
    payloads = decode_qr(printed, tmp_path)
    assert payloads == [
        f"TSK1:{application.tracking_number}:{desk.content(application).verification_code}"
    ]


def test_a_stopped_queue_keeps_the_receipt_until_it_is_enabled(
    paused_queue: str, desk: ReceiptDesk, submit: Submit
) -> None:
    job = desk.queue_receipt(submit())
    printer = CupsPrinter(queue=paused_queue)

    stalled = desk.print_waiting(printer)

    assert stalled.state.problem is PrinterProblem.QUEUE_DISABLED
    assert desk.queue.job(job.id).state == "queued"

    subprocess.run(["cupsenable", paused_queue], check=True)
    resumed = desk.print_waiting(printer)

    assert [item.id for item in resumed.printed] == [job.id]


def test_an_unknown_queue_is_not_configured(cups_queue: str) -> None:
    assert CupsPrinter(queue="NoSuchQueue").state().problem is PrinterProblem.NOT_CONFIGURED


def test_a_scheduler_that_does_not_answer_is_spooler_down(
    desk: ReceiptDesk, submit: Submit, tmp_path: Path
) -> None:
    job = desk.queue_receipt(submit())
    printer = CupsPrinter(queue=QUEUE, server=str(tmp_path / "no-cupsd.sock"))

    result = desk.print_waiting(printer)

    assert result.state.problem is PrinterProblem.SPOOLER_DOWN
    assert desk.queue.job(job.id).state == "queued"
