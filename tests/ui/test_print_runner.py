"""The print runner: receipts printed off the GUI thread, retried until the printer recovers."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from escpos.printer import Dummy  # type: ignore[import-untyped]
from pytestqt.qtbot import QtBot

from kiosk.applications import Application, ApplicationStore
from kiosk.clock import FixedClock
from kiosk.errors import StorageFullError
from kiosk.services import KioskServices, load_services
from kiosk.store import connect
from printing.escpos_printer import EscposPrinter
from printing.pdf_printer import PdfFilePrinter
from printing.printer_status import Printer, PrinterProblem
from printing.receipt_layout import PaperSize
from printing.receipts import ReceiptDesk
from resources import SAMPLE_APPLICANTS_FILE
from ui.operations import Operations
from ui.print_runner import (
    PrinterStatus,
    PrintRunner,
    ReceiptOutcome,
    applicant_message,
    clerk_message,
)

MakeRunner = Callable[[Printer], PrintRunner]
PAPER_END = 0x12 | 0x60
NORMAL = 0x12

RECEIPT_WAIT_MS = 30_000
"""How long a test waits for the print lane. Not a speed target: the first receipt
loads reportlab and the receipt fonts, which took over 5 s (pytest-qt's default)
on a loaded machine."""


class PaperSensorDummy(Dummy):  # type: ignore[misc]
    """A Dummy answering DLE EOT requests like a printer whose paper sensor can be set."""

    def __init__(self) -> None:
        super().__init__()
        self.paper = NORMAL

    def _raw(self, msg: bytes) -> None:
        if msg[:2] != b"\x10\x04":
            super()._raw(msg)
        self._request = msg[2:3]

    def _read(self) -> bytes:
        return bytes([self.paper if self._request == b"\x04" else NORMAL])


@pytest.fixture
def services(data_dir: Path, clock: FixedClock) -> KioskServices:
    return load_services(data_dir, clock)


@pytest.fixture
def application(services: KioskServices, clock: FixedClock) -> Application:
    db = connect(services.paths.database)
    try:
        store = ApplicationStore(db, clock, services.config.kiosk_code, zone=services.zone)
        sample = json.loads(SAMPLE_APPLICANTS_FILE.read_text(encoding="utf-8"))
        answers = dict(sample["answers"]["rural-pension-enrolment"])
        answers.update({"id_number": sample["id_number"], "gender": "female"})
        answers["birth_date"] = "1949-12-31"
        draft = store.create_draft("rural-pension-enrolment", 1, "zh_CN")
        return store.submit(draft.uuid, answers)
    finally:
        db.close()


@pytest.fixture
def make_runner(services: KioskServices, operations: Operations) -> Iterator[MakeRunner]:
    runners: list[PrintRunner] = []

    def make(printer: Printer) -> PrintRunner:
        runner = PrintRunner(services, lambda: printer, operations.printing)
        runners.append(runner)
        return runner

    yield make
    for runner in runners:
        runner.shutdown()


def test_a_receipt_without_a_printer_is_saved_and_the_applicant_told(
    qtbot: QtBot, make_runner: MakeRunner, application: Application, tmp_path: Path
) -> None:
    runner = make_runner(PdfFilePrinter(tmp_path / "receipts"))

    with qtbot.waitSignal(runner.receipt_outcome, timeout=RECEIPT_WAIT_MS) as outcome_signal:
        runner.print_receipt(application)

    outcome = outcome_signal.args[0]
    assert isinstance(outcome, ReceiptOutcome)
    assert outcome.tracking_number == application.tracking_number
    assert not outcome.printed and not outcome.makes_paper
    assert "no printer" in applicant_message(outcome)
    assert (tmp_path / "receipts" / f"{application.tracking_number}.pdf").exists()


def test_out_of_paper_waits_then_prints_when_the_roll_is_back(
    qtbot: QtBot, make_runner: MakeRunner, application: Application
) -> None:
    device = PaperSensorDummy()
    device.paper = PAPER_END
    runner = make_runner(EscposPrinter(lambda: device, PaperSize.ROLL_80))

    with qtbot.waitSignal(runner.receipt_outcome, timeout=RECEIPT_WAIT_MS) as outcome_signal:
        runner.print_receipt(application)

    outcome = outcome_signal.args[0]
    assert outcome.problem is PrinterProblem.OUT_OF_PAPER
    assert "cannot be printed just now" in applicant_message(outcome)

    device.paper = NORMAL
    with qtbot.waitSignal(runner.status_changed, timeout=RECEIPT_WAIT_MS) as status_signal:
        runner.retry()

    status = status_signal.args[0]
    assert isinstance(status, PrinterStatus)
    assert status.waiting == 0
    assert status.state.ready
    assert clerk_message(status.state) == "The printer is ready."
    assert b"\x1dv0" in device.output


def test_a_receipt_the_kiosk_cannot_queue_is_explained_to_the_applicant(
    qtbot: QtBot,
    services: KioskServices,
    operations: Operations,
    application: Application,
    shown_failures: list[str],
    tmp_path: Path,
) -> None:
    def full_disk() -> ReceiptDesk:
        raise StorageFullError("database or disk is full")

    runner = PrintRunner(
        services,
        lambda: PdfFilePrinter(tmp_path / "receipts"),
        operations.printing,
        desk_factory=full_disk,
    )
    try:
        with (
            qtbot.waitSignal(runner.failed, timeout=RECEIPT_WAIT_MS) as failed,
            qtbot.waitSignal(runner.receipt_outcome, timeout=RECEIPT_WAIT_MS) as outcome_signal,
        ):
            runner.print_receipt(application)
    finally:
        runner.shutdown()

    assert isinstance(failed.args[0], StorageFullError)
    outcome = outcome_signal.args[0]
    assert outcome.tracking_number == application.tracking_number and not outcome.printed
    assert "safely received" in applicant_message(outcome)
    assert shown_failures == []  # told on the confirmation screen, not twice
