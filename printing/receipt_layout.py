"""Drawing a receipt as a PDF: 58 mm and 80 mm thermal rolls, and A4.

Rolls have no page length: the page is exactly as long as the receipt, so a
thermal printer feeds no blank paper and a CUPS roll driver cuts after it.
A4 flows onto more pages if a form ever needs it.

Each paragraph is set in the font of its script: Arabic-script text
(Uyghur) in Noto Sans Arabic, shaped by HarfBuzz through reportlab's
``shaping`` style (joined letters, right to left); everything else in
WenQuanYi Micro Hei. A paragraph never mixes the two, because reportlab does
not reorder mixed-direction runs; labels and values are separate paragraphs.
The whole receipt mirrors for a right-to-left language: text aligns right and
label columns sit on the right.

Output is deterministic (reportlab's ``invariant`` mode: no creation time or
random document id), so re-rendering an application gives the same bytes,
and a reprint differs only by its mark.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from printing.fonts import ReceiptFonts
from printing.receipt_content import Bilingual, ReceiptContent, ReceiptItem
from printing.receipt_texts import OFFICIAL_LANGUAGE, is_right_to_left, receipt_text

Align = Literal[0, 1, 2]
"""reportlab's TA_LEFT, TA_CENTER, TA_RIGHT."""

_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_HAN_SCRIPT = re.compile("[\u3000-\u9fff\uff00-\uffef]")


class PaperSize(Enum):
    """The papers a receipt is laid out for; the value is the configuration name."""

    ROLL_58 = "58mm"
    ROLL_80 = "80mm"
    A4 = "a4"


@dataclass(frozen=True)
class PaperGeometry:
    """Page width, margins and type sizes of one paper, in points."""

    width: float
    margin: float
    body_size: float
    tracking_size: float
    qr_size: float
    continuous: bool
    columns: bool
    """Labels beside values (wide paper) rather than above them."""


GEOMETRY: dict[PaperSize, PaperGeometry] = {
    PaperSize.ROLL_58: PaperGeometry(58 * mm, 4 * mm, 8.5, 15, 30 * mm, True, False),
    PaperSize.ROLL_80: PaperGeometry(80 * mm, 4 * mm, 9, 20, 36 * mm, True, True),
    PaperSize.A4: PaperGeometry(A4[0], 20 * mm, 11, 28, 42 * mm, False, True),
}
"""Thermal heads print 48 mm of a 58 mm roll and 72 mm of an 80 mm roll."""


@dataclass(frozen=True)
class ReprintMark:
    """Marks a reprint, with the local time it was made (``YYYY-MM-DD HH:MM``)."""

    at: str


def render_receipt(
    content: ReceiptContent,
    paper: PaperSize,
    fonts: ReceiptFonts,
    *,
    reprint: ReprintMark | None = None,
) -> bytes:
    """The receipt as PDF bytes, laid out for ``paper``."""
    geometry = GEOMETRY[paper]
    styles = _Styles(fonts, geometry, is_right_to_left(content.language))
    story = _story(content, geometry, styles, reprint)
    if geometry.continuous:
        return _build_roll(story, geometry, content.tracking_number)
    return _build_pages(story, geometry, content.tracking_number)


class _Styles:
    """Paragraph styles per role, picking the font by each text's script."""

    def __init__(self, fonts: ReceiptFonts, geometry: PaperGeometry, rtl: bool) -> None:
        self.fonts = fonts
        self.geometry = geometry
        self.rtl = rtl
        self._cache: dict[tuple[str, float, Align, bool, bool], ParagraphStyle] = {}

    @property
    def start(self) -> Align:
        """Alignment at the start of a line in the receipt's direction."""
        return TA_RIGHT if self.rtl else TA_LEFT

    def paragraph(
        self,
        text: str,
        *,
        scale: float = 1.0,
        align: Align | None = None,
        grey: bool = False,
        bold: bool = False,
    ) -> Paragraph:
        """One paragraph of plain text in the right font, shaped if Arabic script."""
        size = round(self.geometry.body_size * scale, 2)
        alignment = self.start if align is None else align
        arabic = bool(_ARABIC_SCRIPT.search(text))
        script = "arabic" if arabic else "han" if _HAN_SCRIPT.search(text) else "latin"
        key = (script, size, alignment, grey, bold)
        style = self._cache.get(key)
        if style is None:
            style = self._make(script, size, alignment, grey, bold)
            self._cache[key] = style
        return Paragraph(_escape(text), style)

    def _make(
        self, script: str, size: float, alignment: Align, grey: bool, bold: bool
    ) -> ParagraphStyle:
        """Han text may break between any two characters; Latin and Arabic at spaces."""
        arabic = script == "arabic"
        font = (self.fonts.arabic_bold if bold else self.fonts.arabic) if arabic else self.fonts.han
        return ParagraphStyle(
            name=f"{font}-{size}-{alignment}-{grey}-{bold}",
            fontName=font,
            fontSize=size,
            leading=size * (1.55 if arabic else 1.3),
            alignment=alignment,
            textColor=colors.HexColor("#444444") if grey else colors.black,
            shaping=1 if arabic else 0,
            wordWrap="CJK" if script == "han" else None,
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _bilingual(
    text: Bilingual,
    styles: _Styles,
    *,
    scale: float = 1.0,
    align: Align | None = None,
    bold: bool = False,
) -> list[Flowable]:
    """The applicant's text, then the official language smaller and grey below it."""
    parts: list[Flowable] = [styles.paragraph(text.text, scale=scale, align=align, bold=bold)]
    if text.official is not None:
        parts.append(styles.paragraph(text.official, scale=scale * 0.85, align=align, grey=True))
    return parts


def _story(
    content: ReceiptContent,
    geometry: PaperGeometry,
    styles: _Styles,
    reprint: ReprintMark | None,
) -> list[Flowable]:
    inner = _frame_width(geometry)
    story: list[Flowable] = []
    story += _bilingual(content.heading, styles, scale=1.5, align=TA_CENTER, bold=True)
    story += _bilingual(content.service, styles, scale=1.15, align=TA_CENTER, bold=True)
    if reprint is not None:
        story += [Spacer(1, 2 * mm), _reprint_box(content.language, reprint, styles, inner)]
    story += [Spacer(1, 2 * mm), _rule(), Spacer(1, 1.5 * mm)]
    story += _bilingual(content.tracking_label, styles, align=TA_CENTER)
    story += [_tracking_number(content.tracking_number, styles, inner)]
    story += [Spacer(1, 1 * mm), _qr(content.qr_payload, geometry.qr_size)]
    code = f"{content.verification_label.text} {content.verification_code}"
    if content.verification_label.official is not None:
        story += _bilingual(content.verification_label, styles, align=TA_CENTER, scale=0.9)
        story += [styles.paragraph(content.verification_code, align=TA_CENTER)]
    elif _ARABIC_SCRIPT.search(code):
        story += [styles.paragraph(content.verification_label.text, align=TA_CENTER)]
        story += [styles.paragraph(content.verification_code, align=TA_CENTER)]
    else:
        story += [styles.paragraph(code, align=TA_CENTER)]
    story += [Spacer(1, 1.5 * mm), _rule()]
    story += _items(content.facts, styles, inner)
    if content.visit is not None:
        story += _section(content.visit.heading, styles)
        story += _items(content.visit.applications, styles, inner)
    story += _section(content.answers_heading, styles)
    story += _items(content.answers, styles, inner)
    if content.documents:
        story += _section(content.documents_heading, styles)
        for document in content.documents:
            story += _bullet(document, styles, inner)
    story += [Spacer(1, 2 * mm), _rule(), Spacer(1, 1.5 * mm)]
    if content.processing is not None:
        story += _bilingual(content.processing, styles, bold=True)
        story += [Spacer(1, 1.5 * mm)]
    story += _bilingual(content.how_to_check, styles)
    story += [Spacer(1, 2 * mm)]
    story += _bilingual(content.privacy, styles, scale=0.85)
    return story


_FRAME_PADDING = 6.0
"""reportlab's default padding inside a page frame, on each side."""


def _frame_width(geometry: PaperGeometry) -> float:
    return geometry.width - 2 * geometry.margin - 2 * _FRAME_PADDING


def _rule() -> HRFlowable:
    return HRFlowable(width="100%", thickness=0.6, color=colors.black, dash=(2, 2))


def _section(heading: Bilingual, styles: _Styles) -> list[Flowable]:
    return [Spacer(1, 2.5 * mm), *_bilingual(heading, styles, scale=1.1, bold=True)]


def _tracking_number(number: str, styles: _Styles, inner: float) -> Paragraph:
    """The tracking number as large as the paper allows on one line."""
    size = styles.geometry.tracking_size
    width = stringWidth(number, styles.fonts.han, size)
    scale = min(1.0, inner * 0.98 / width) * size / styles.geometry.body_size
    return styles.paragraph(number, scale=scale, align=TA_CENTER)


def _qr(payload: str, size: float) -> Drawing:
    widget = QrCodeWidget(payload, barLevel="M", barBorder=4)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    drawing.hAlign = "CENTER"
    return drawing


def _reprint_box(language: str, mark: ReprintMark, styles: _Styles, inner: float) -> Table:
    words = receipt_text("reprint", language)
    official = receipt_text("reprint", OFFICIAL_LANGUAGE)
    cells: list[Flowable] = [styles.paragraph(words, align=TA_CENTER, scale=1.2, bold=True)]
    if official != words:
        cells.append(styles.paragraph(official, align=TA_CENTER, scale=1.1))
    cells.append(styles.paragraph(mark.at, align=TA_CENTER))
    table = Table([[cells]], colWidths=[inner * 0.8])
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, colors.black)]))
    return table


def _items(items: tuple[ReceiptItem, ...], styles: _Styles, inner: float) -> list[Flowable]:
    if not styles.geometry.columns:
        flow: list[Flowable] = []
        for item in items:
            flow.append(Spacer(1, 1 * mm))
            flow += _bilingual(item.label, styles, scale=0.85, bold=True)
            flow += _bilingual(item.value, styles)
        return flow
    rows = []
    for item in items:
        label = _bilingual(item.label, styles, scale=0.9, bold=True)
        value = _bilingual(item.value, styles)
        rows.append([value, label] if styles.rtl else [label, value])
    if not rows:
        return []
    widths = [inner * 0.36, inner * 0.64]
    table = Table(rows, colWidths=widths[::-1] if styles.rtl else widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    table.hAlign = "CENTER"
    return [Spacer(1, 1 * mm), table]


def _bullet(document: Bilingual, styles: _Styles, inner: float) -> list[Flowable]:
    mark = styles.paragraph("□", align=TA_CENTER)
    text = _bilingual(document, styles)
    row = [text, mark] if styles.rtl else [mark, text]
    widths = [inner - 5 * mm, 5 * mm] if styles.rtl else [5 * mm, inner - 5 * mm]
    table = Table([row], colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return [table]


def _build_roll(story: list[Flowable], geometry: PaperGeometry, title: str) -> bytes:
    """A single page exactly as long as the receipt."""
    inner = _frame_width(geometry)
    height = 2 * geometry.margin + 2 * _FRAME_PADDING
    for flowable in story:
        _, used = flowable.wrap(inner, 10_000 * mm)
        height += used + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    height += 8 * mm  # feed past the tear bar
    buffer = io.BytesIO()
    document = _template(buffer, (geometry.width, height), geometry, title)
    try:
        document.build(story)
    except LayoutError as exc:  # a single flowable taller than any roll: a programming error
        raise RuntimeError(f"receipt does not fit its roll: {exc}") from exc
    return buffer.getvalue()


def _build_pages(story: list[Flowable], geometry: PaperGeometry, title: str) -> bytes:
    buffer = io.BytesIO()
    _template(buffer, A4, geometry, title).build(story)
    return buffer.getvalue()


def _template(
    buffer: io.BytesIO, size: tuple[float, float], geometry: PaperGeometry, title: str
) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=geometry.margin,
        rightMargin=geometry.margin,
        topMargin=geometry.margin,
        bottomMargin=geometry.margin,
        title=title,
        invariant=1,
    )
