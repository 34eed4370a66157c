"""The A4 guide card that stands beside the kiosk, in Chinese and Uyghur.

Each step is a row: the Chinese on the left, reading left to right, the
Uyghur on the right, reading right to left, and between them the screen the
step is about, as the kiosk shows it in each of the two languages (taken
from the pictures ``kiosk screenshots`` makes). The words come from the
kiosk's translation files (:mod:`printing.guide_card_texts`), so the card
names every button as the screen does.

Fonts follow the receipts (:mod:`printing.fonts`): Chinese in WenQuanYi
Micro Hei, Uyghur in Noto Sans Arabic, shaped by HarfBuzz and set line by
line right to left (:mod:`printing.right_to_left`). A paragraph never mixes
the two scripts, and the steps' numbers stand in a cell of their own, on the
right of the Uyghur. Output is deterministic (reportlab's
``invariant`` mode), so the same kiosk gives the same card.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Image,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from printing.fonts import register_fonts
from printing.guide_card_texts import CARD_STEPS, CardWording, card_wording
from printing.right_to_left import RightToLeftParagraph

CARD_LANGUAGES = ("zh_CN", "ug")
"""Left column, right column: the official language and the one read right to left."""

SCREENSHOT_ASPECT = 800 / 1280
"""Height over width of the kiosk's screen, as ``kiosk screenshots`` renders it."""

_MARGIN = 10 * mm
_PICTURE_WIDTH = 34 * mm
_GAP = 4 * mm
_LEFT_WIDTH = 58 * mm
"""Chinese needs less room than Uyghur for the same sentence."""
_RIGHT_WIDTH = A4[0] - 2 * _MARGIN - _PICTURE_WIDTH - 2 * _GAP - _LEFT_WIDTH
_BADGE = 9 * mm
"""The square holding a step's number."""
_INK = colors.HexColor("#0b3d6e")
"""The kiosk's dark blue, for titles and rules."""


class MissingScreenshotError(FileNotFoundError):
    """The card needs a picture of a screen that has not been rendered."""


def screenshot_for(screenshots: Path, language: str, screen: str) -> Path:
    """The picture of ``screen`` in ``language`` (normal look), whatever its number."""
    found = sorted(screenshots.glob(f"{language}-[0-9][0-9]-{screen}.png"))
    if not found:
        raise MissingScreenshotError(
            f"no picture of the {screen!r} screen in {language} under {screenshots}:"
            f" run `kiosk screenshots --out {screenshots}` first"
        )
    return found[0]


@dataclass(frozen=True)
class _Styles:
    """The card's paragraph styles for one language."""

    right_to_left: bool
    number: ParagraphStyle
    title: ParagraphStyle
    centre: ParagraphStyle
    step: ParagraphStyle
    body: ParagraphStyle


def _styles(language: str) -> _Styles:
    """Large type: the card is read standing, often without glasses."""
    fonts = register_fonts()
    arabic = language == "ug"
    regular = fonts.arabic if arabic else fonts.han
    bold = fonts.arabic_bold if arabic else fonts.han
    leading = 1.4 if arabic else 1.35

    def style(name: str, font: str, size: float, colour: colors.Color) -> ParagraphStyle:
        return ParagraphStyle(
            name=f"card-{language}-{name}",
            fontName=font,
            fontSize=size,
            leading=size * leading,
            alignment=TA_RIGHT if arabic else TA_LEFT,
            textColor=colour,
            shaping=1 if arabic else 0,
            wordWrap=None if arabic else "CJK",
        )

    return _Styles(
        right_to_left=arabic,
        number=ParagraphStyle(
            name="card-number",
            fontName=fonts.han,
            fontSize=20,
            leading=24,
            alignment=TA_CENTER,
            textColor=colors.white,
        ),
        title=style("title", bold, 20, _INK),
        centre=style("centre", regular, 12, colors.black),
        step=style("step", bold, 16, _INK),
        body=style("body", regular, 14, colors.black),
    )


def _paragraph(text: str, style: ParagraphStyle, styles: _Styles) -> Flowable:
    if styles.right_to_left:
        return RightToLeftParagraph(text, style)
    return Paragraph(escape(text), style)


def _heading(wording: CardWording, styles: _Styles) -> list[Flowable]:
    flowables = [_paragraph(wording.title, styles.title, styles)]
    if wording.centre:
        flowables.append(_paragraph(wording.centre, styles.centre, styles))
    return flowables


def _numbered(number: int, title: str, styles: _Styles) -> Table:
    """The step's title beside its number in a dark square, on the side reading starts."""
    badge = Paragraph(str(number), styles.number)
    heading = _paragraph(title, styles.step, styles)
    cells = [[heading, badge]] if styles.right_to_left else [[badge, heading]]
    badge_column = 0 if not styles.right_to_left else 1
    widths = [None, _BADGE] if styles.right_to_left else [_BADGE, None]
    table = Table(cells, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (badge_column, 0), (badge_column, 0), _INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (badge_column, 0), (badge_column, 0), 1),
                ("BOTTOMPADDING", (badge_column, 0), (badge_column, 0), 3),
                ("LEFTPADDING", (1, 0), (1, 0), 0 if styles.right_to_left else 2 * mm),
                ("RIGHTPADDING", (0, 0), (0, 0), 2 * mm if styles.right_to_left else 0),
            ]
        )
    )
    return table


def _step(number: int, title: str, body: str, styles: _Styles) -> list[Flowable]:
    return [
        _numbered(number, title, styles),
        Spacer(0, 1.5 * mm),
        _paragraph(body, styles.body, styles),
    ]


def _pictures(paths: Sequence[Path]) -> Table:
    """The step's screen in each language, one above the other, framed."""
    height = _PICTURE_WIDTH * SCREENSHOT_ASPECT
    cells = [[Image(str(path), width=_PICTURE_WIDTH, height=height)] for path in paths]
    table = Table(cells, colWidths=[_PICTURE_WIDTH], rowHeights=[height] * len(paths))
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (0, 0), 0.6, colors.grey),
                ("BOX", (0, 1), (0, 1), 0.6, colors.grey),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def render_guide_card(screenshots: Path, township: Mapping[str, str] | None = None) -> bytes:
    """The card as an A4 PDF: one page, Chinese left, Uyghur right, a row per step."""
    left, right = (card_wording(language, township) for language in CARD_LANGUAGES)
    left_styles, right_styles = (_styles(language) for language in CARD_LANGUAGES)
    rows: list[list[object]] = [
        [_heading(left, left_styles), "", _heading(right, right_styles)],
    ]
    for number, (step, left_text, right_text) in enumerate(
        zip(CARD_STEPS, left.steps, right.steps, strict=True), start=1
    ):
        pictures = [
            screenshot_for(screenshots, language, step.screen) for language in CARD_LANGUAGES
        ]
        rows.append(
            [
                _step(number, *left_text, left_styles),
                _pictures(pictures),
                _step(number, *right_text, right_styles),
            ]
        )
    table = Table(rows, colWidths=[_LEFT_WIDTH + _GAP, _PICTURE_WIDTH, _RIGHT_WIDTH + _GAP])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("SPAN", (0, 0), (0, 0)),
                ("LINEBELOW", (0, 0), (-1, -2), 1, _INK),
                ("TOPPADDING", (0, 0), (-1, -1), 1.3 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.3 * mm),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), _GAP),
                ("LEFTPADDING", (2, 0), (2, -1), _GAP),
            ]
        )
    )
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=_MARGIN,
        bottomMargin=_MARGIN,
        title="Guide card",
        invariant=True,
    )
    document.build([table])
    return buffer.getvalue()
