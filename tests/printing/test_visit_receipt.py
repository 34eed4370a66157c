"""The receipt of the last application of a visit lists every tracking number of the
visit: the queued PDF read back with poppler's pdftotext, on every paper."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.catalogue import FormCatalogue
from kiosk.visit import VisitApplication
from printing.receipt_layout import PaperSize
from printing.receipts import ReceiptDesk
from tests.printing.conftest import Submit


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
def test_the_last_receipt_of_a_visit_lists_every_tracking_number(
    desk_for: Callable[[PaperSize], ReceiptDesk],
    submit: Submit,
    catalogue: FormCatalogue,
    paper: PaperSize,
    language: str,
    tmp_path: Path,
) -> None:
    desk = desk_for(paper)
    pension = submit("rural-pension-enrolment", language)
    medical = submit("medical-insurance-enrolment", language)
    assert pension.tracking_number and medical.tracking_number
    visit = [
        VisitApplication(
            form_id, catalogue.newest(form_id).title, application.tracking_number or ""
        )
        for form_id, application in (
            ("rural-pension-enrolment", pension),
            ("medical-insurance-enrolment", medical),
        )
    ]

    first = pdftotext(desk.queue.document(desk.queue_receipt(pension, visit[:1]).id), tmp_path)
    last = pdftotext(desk.queue.document(desk.queue_receipt(medical, visit).id), tmp_path)

    heading = {"zh_CN": "本次办理的全部申请", "en": "Every application of this visit"}[language]
    assert heading not in first  # one application so far: no visit section
    assert first.count(pension.tracking_number) == 1
    assert heading in last
    assert last.count(medical.tracking_number) == 2  # its own, and in the visit's list
    assert last.count(pension.tracking_number) == 1
    section = last[last.index(heading) :]
    assert section.index(pension.tracking_number) < section.index(medical.tracking_number)
    # both services named in the section, before the answers (titles wrap beside the numbers)
    listed = section[: section.index({"zh_CN": "申请内容", "en": "Your application"}[language])]
    for word in {"zh_CN": ("养老", "医疗"), "en": ("pension", "medical")}[language]:
        assert word in listed, listed
