"""The receipt of a later application of a visit lists every tracking number of the
visit, as stored with the applications, so a clerk's reprint says the same as the first
print: the queued PDFs read back with poppler's pdftotext, on every paper."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.visit import Visit
from printing.print_queue import PrintJob
from printing.receipt_layout import PaperSize
from printing.receipts import ReceiptDesk
from tests.printing.conftest import Submit

HEADING = {"zh_CN": "本次办理的全部申请", "en": "Every application of this visit"}


def pdftotext(pdf: bytes, tmp_path: Path) -> str:
    """The PDF's text as poppler extracts it, lines joined (labels wrap in their column)."""
    source = tmp_path / "receipt.pdf"
    source.write_bytes(pdf)
    found = subprocess.run(
        ["pdftotext", "-layout", str(source), "-"], check=True, capture_output=True, text=True
    )
    return " ".join(found.stdout.split())


@pytest.mark.parametrize("paper", list(PaperSize))
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_receipts_of_a_visit_and_their_reprints_list_every_tracking_number(
    desk_for: Callable[[PaperSize], ReceiptDesk],
    submit: Submit,
    paper: PaperSize,
    language: str,
    tmp_path: Path,
) -> None:
    desk = desk_for(paper)
    visit = Visit().id
    pension = submit("rural-pension-enrolment", language, visit=visit)
    someone_else = submit("minimum-living-allowance", language, visit=Visit().id)
    alone = submit("minimum-living-allowance", language)
    medical = submit("medical-insurance-enrolment", language, visit=visit)
    numbers = [application.tracking_number for application in (pension, someone_else, medical)]
    pension_number, other_number, medical_number = numbers
    assert pension_number and other_number and medical_number and alone.tracking_number

    def text(job_id: int) -> str:
        return pdftotext(desk.queue.document(job_id), tmp_path)

    first = text(desk.queue_receipt(pension).id)
    last = text(desk.queue_receipt(medical).id)
    reprinted = text(_job(desk.queue_reprint(medical_number, "clerk:1001")))
    first_reprinted = text(_job(desk.queue_reprint(pension_number, "clerk:1001")))

    heading = HEADING[language]
    assert heading not in first  # one application so far: no visit section
    assert first.count(pension_number) == 1
    assert heading not in first_reprinted  # nor on its reprint, printed after the second
    for receipt in (last, reprinted):
        assert heading in receipt
        assert receipt.count(medical_number) == 2  # its own, and in the visit's list
        assert receipt.count(pension_number) == 1
        assert other_number not in receipt  # another person's visit, submitted in between
        section = receipt[receipt.index(heading) :]
        assert section.index(pension_number) < section.index(medical_number)
        # both services named in the section, before the answers (titles wrap beside
        # the numbers)
        listed = section[: section.index({"zh_CN": "申请内容", "en": "Your application"}[language])]
        for word in {"zh_CN": ("养老", "医疗"), "en": ("pension", "medical")}[language]:
            assert word in listed, listed
    assert heading not in text(desk.queue_receipt(alone).id)  # outside any visit


def _job(job: PrintJob | None) -> int:
    """The id of a queued reprint (None would mean the application was not found)."""
    assert job is not None
    return job.id
