"""How much a receipt costs to render compared with a bare reportlab page.

The first receipt after start is timed on its own: it registers the shipped
TrueType fonts (parsing several megabytes of CJK font), which happens once
per process. Then, in the same process, the benchmark alternates one full
receipt (content from the database, layout, shaping, QR, PDF) with one bare
reportlab page drawing the same strings with ``drawString`` in the same font
plus the same QR code, swapping which goes first on each iteration. Both
embed a subset of the same font. The target is a median ratio of at most
1.5.

Run: ``python -m bench.receipt_bench [--n 200] [--paper 80mm]``; prints one
JSON line.
"""

from __future__ import annotations

import argparse
import io
import json
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from bench.report import ratio_line, time_ms
from kiosk.applications import Application, ApplicationStore
from kiosk.catalogue import FormCatalogue
from kiosk.clock import FixedClock
from kiosk.config import KioskConfig
from kiosk.forms import load_regions
from kiosk.store import open_database
from printing.fonts import ReceiptFonts, register_fonts
from printing.receipt_content import Bilingual, ReceiptContent
from printing.receipt_layout import GEOMETRY, PaperSize
from printing.receipts import ReceiptDesk
from resources import FORMS_DIR, REGIONS_FILE, SAMPLE_APPLICANTS_FILE

TARGET_RATIO = 1.5
_WARMUP = 10
_ZONE = ZoneInfo("Asia/Shanghai")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=200, help="measured iterations per side")
    parser.add_argument("--paper", default="80mm", choices=[paper.value for paper in PaperSize])
    args = parser.parse_args(argv)
    paper = PaperSize(args.paper)
    with tempfile.TemporaryDirectory(prefix="receipt-bench-") as directory:
        desk, application = _set_up(Path(directory), paper)
        first_ms = time_ms(partial(_first_receipt, desk, application))
        content = desk.content(application)
        receipt_ms, bare_ms = _measure(
            partial(desk.render, application),
            partial(_bare_page, content, desk.fonts, paper),
            args.n,
        )
        desk.db.close()
    print(
        ratio_line(
            "receipt_render",
            ("receipt_ms_p50", receipt_ms),
            ("bare_page_ms_p50", bare_ms),
            TARGET_RATIO,
            paper=paper.value,
            first_receipt_ms=round(first_ms, 1),
            n=args.n,
        )
    )
    return 0


def _set_up(directory: Path, paper: PaperSize) -> tuple[ReceiptDesk, Application]:
    """A database with one submitted application; fonts not registered yet."""
    clock = FixedClock(datetime(2026, 11, 27, 3, 30, tzinfo=UTC))
    db = open_database(directory / "kiosk.db", clock=clock).db
    store = ApplicationStore(db, clock, "BENCH", zone=_ZONE)
    sample = json.loads(SAMPLE_APPLICANTS_FILE.read_text(encoding="utf-8"))
    answers: dict[str, Any] = dict(sample["answers"]["rural-pension-enrolment"])
    answers.update({"id_number": sample["id_number"], "birth_date": "1949-12-31"})
    answers.update({"gender": "female", "residence_address": ["520000", "522634"]})
    draft = store.create_draft("rural-pension-enrolment", 1, "zh_CN", assisted_by="clerk07")
    application = store.submit(draft.uuid, answers)
    desk = ReceiptDesk(
        db,
        clock,
        KioskConfig(kiosk_code="BENCH"),
        FormCatalogue.load(FORMS_DIR),
        load_regions(REGIONS_FILE),
        _ZONE,
        paper,
        fonts=ReceiptFonts(),
    )
    return desk, application


def _first_receipt(desk: ReceiptDesk, application: Application) -> bytes:
    """What the first receipt after start costs: registering the fonts, then rendering."""
    desk.fonts = register_fonts()
    return desk.render(application)


def _bare_page(content: ReceiptContent, fonts: ReceiptFonts, paper: PaperSize) -> bytes:
    """The same strings drawn one per line in the same font, and the same QR: no layout."""
    geometry = GEOMETRY[paper]
    lines = _strings(content)
    height = 60 * mm + len(lines) * geometry.body_size * 1.4 + geometry.qr_size
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(geometry.width, height), invariant=1)
    y = height - geometry.margin - 12
    canvas.setFont(fonts.han, geometry.tracking_size)
    canvas.drawString(geometry.margin, y, content.tracking_number)
    y -= geometry.qr_size + 6
    widget = QrCodeWidget(content.qr_payload, barLevel="M", barBorder=4)
    x0, y0, x1, y1 = widget.getBounds()
    size = geometry.qr_size
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, geometry.margin, y)
    canvas.setFont(fonts.han, geometry.body_size)
    for line in lines:
        y -= geometry.body_size * 1.4
        canvas.drawString(geometry.margin, y, line)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _strings(content: ReceiptContent) -> list[str]:
    texts: list[Bilingual] = [content.heading, content.service, content.tracking_label]
    for item in (*content.facts, *content.answers):
        texts += [item.label, item.value]
    texts += [content.answers_heading, content.documents_heading, *content.documents]
    texts += [content.how_to_check, content.privacy]
    if content.processing is not None:
        texts.append(content.processing)
    lines = [text.text for text in texts]
    lines += [text.official for text in texts if text.official is not None]
    return lines


def _measure(
    receipt: Callable[[], bytes], bare: Callable[[], bytes], n: int
) -> tuple[list[float], list[float]]:
    """Alternate receipts and bare pages; return both timings in milliseconds."""
    receipt_ms: list[float] = []
    bare_ms: list[float] = []
    for iteration in range(_WARMUP + n):
        if iteration % 2 == 0:
            receipt_time, bare_time = time_ms(receipt), time_ms(bare)
        else:
            bare_time, receipt_time = time_ms(bare), time_ms(receipt)
        if iteration >= _WARMUP:
            receipt_ms.append(receipt_time)
            bare_ms.append(bare_time)
    return receipt_ms, bare_ms


if __name__ == "__main__":
    raise SystemExit(main())
