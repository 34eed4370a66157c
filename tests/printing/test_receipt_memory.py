"""A receipt leaves nothing behind once the kiosk is back at its start screen (issue 19).

Found by the soak: a receipt's reportlab document is a web of objects
pointing at each other (canvas, page templates, PDF objects, the PDF's
bytes), which only Python's cycle collector frees. One that outlived two
young collections while it was rendered waited for a full collection, which
Python starts only after hundreds of applications: resident memory climbed
with every receipt until then.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator

import pytest
from reportlab.pdfbase.pdfdoc import PDFDocument

from printing.receipt_layout import PaperSize
from printing.receipts import ReceiptDesk
from tests.printing.conftest import Submit
from ui.memory import BetweenApplicants


@pytest.fixture
def no_automatic_collection() -> Iterator[None]:
    """As between two full collections of a running kiosk: only what the kiosk collects goes."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()


def documents_alive() -> int:
    return sum(1 for thing in gc.get_objects() if isinstance(thing, PDFDocument))


def test_a_printed_receipt_is_freed_when_the_kiosk_is_back_at_the_start(
    desk_for: Callable[[PaperSize], ReceiptDesk], submit: Submit, no_automatic_collection: None
) -> None:
    between = BetweenApplicants()
    desk = desk_for(PaperSize.ROLL_80)
    before = documents_alive()

    for _ in range(3):
        pdf = desk.render(submit())
        assert pdf.startswith(b"%PDF")
        del pdf
        assert documents_alive() > before  # garbage now, waiting for the collector

        between.release()

        assert documents_alive() == before


def test_after_the_first_applicant_only_new_objects_are_walked(
    no_automatic_collection: None,
) -> None:
    between = BetweenApplicants()
    kept = [[index] for index in range(1000)]  # what a kiosk keeps for good

    between.release()
    frozen = gc.get_freeze_count()
    between.release()

    assert frozen >= len(kept)
    assert gc.get_freeze_count() == frozen  # frozen once, not at every applicant
