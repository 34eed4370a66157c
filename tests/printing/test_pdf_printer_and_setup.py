"""The PDF-file fallback, and choosing a back-end from the configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import KioskConfig
from kiosk.errors import ConfigError
from printing.cups_printer import CupsPrinter
from printing.escpos_printer import EscposPrinter
from printing.pdf_printer import PdfFilePrinter
from printing.printer_setup import RECEIPTS_SUBDIR, printer_from_config
from printing.printer_status import PrintDocument, PrinterProblem
from printing.receipts import ReceiptDesk
from tests.printing.conftest import Submit


def test_without_a_printer_receipts_are_saved_as_pdf_files(
    desk: ReceiptDesk, submit: Submit, tmp_path: Path
) -> None:
    application = submit()
    job = desk.queue_receipt(application)
    printer = PdfFilePrinter(tmp_path / "receipts")

    result = desk.print_waiting(printer)

    assert [item.id for item in result.printed] == [job.id]
    saved = tmp_path / "receipts" / f"{application.tracking_number}.pdf"
    assert saved.read_bytes() == desk.queue.document(job.id)
    assert not list((tmp_path / "receipts").glob("*.tmp"))


def test_an_unusable_directory_is_a_printer_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x", encoding="utf-8")
    printer = PdfFilePrinter(blocker / "receipts")

    state = printer.print_document(PrintDocument("LQ03-261127-0001-3", b"%PDF-1.4"))

    assert state.problem is PrinterProblem.PRINTER_ERROR


def test_names_that_are_not_file_names_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="safe file name"):
        PdfFilePrinter(tmp_path).print_document(PrintDocument("../escape", b"%PDF"))


def test_configuration_picks_the_back_end(tmp_path: Path) -> None:
    default = printer_from_config(KioskConfig(), tmp_path)
    assert default == PdfFilePrinter(tmp_path / RECEIPTS_SUBDIR)

    cups = printer_from_config(
        KioskConfig(printer="cups", printer_queue="Receipts", receipt_paper="a4"), tmp_path
    )
    assert cups == CupsPrinter(queue="Receipts", options=("media=A4",))

    escpos = printer_from_config(
        KioskConfig(printer="escpos", printer_device="tcp:192.0.2.7", receipt_paper="58mm"),
        tmp_path,
    )
    assert isinstance(escpos, EscposPrinter)
    assert escpos.label == "ESC/POS tcp:192.0.2.7"


@pytest.mark.parametrize(
    ("settings", "key"),
    [
        ({"printer": "laser"}, "printer"),
        ({"receipt_paper": "letter"}, "receipt_paper"),
        ({"printer": "escpos"}, "printer_device"),
        (
            {"printer": "escpos", "printer_device": "usb:0416:5011", "receipt_paper": "a4"},
            "receipt_paper",
        ),
        ({"printer_device": "usb:xyz"}, "printer_device"),
        ({"print_retry_seconds": 1}, "print_retry_seconds"),
    ],
)
def test_bad_printer_settings_are_refused_by_name(settings: dict[str, object], key: str) -> None:
    with pytest.raises(ConfigError) as raised:
        KioskConfig(**settings)  # type: ignore[arg-type]
    assert raised.value.key == key


@pytest.mark.parametrize(
    "device", ["tcp:127.0.0.1:9", "file:/nonexistent/usb/lp0", "usb:0416:5011"]
)
def test_an_absent_escpos_printer_is_reported_offline(device: str, tmp_path: Path) -> None:
    config = KioskConfig(printer="escpos", printer_device=device, receipt_paper="58mm")

    state = printer_from_config(config, tmp_path).state()

    assert state.problem is PrinterProblem.OFFLINE
