"""Receipts read back from real PDFs: text, page width, QR, scripts and direction."""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image, ImageChops, ImageOps, ImageStat
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate

from kiosk.receipt_verification import code_matches, kiosk_secret, parse_qr_payload
from printing.fonts import ReceiptFonts
from printing.receipt_layout import GEOMETRY, PaperSize
from printing.receipts import ReceiptDesk
from tests.printing.conftest import ID_NUMBER, UYGHUR_NAME, Submit, decode_qr

PAGE_WIDTHS_MM = {PaperSize.ROLL_58: 58, PaperSize.ROLL_80: 80, PaperSize.A4: 210}


def pdf_text(pdf: bytes) -> str:
    """All text of the PDF, as pdfplumber extracts it."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


@pytest.mark.parametrize("paper", list(PaperSize))
def test_every_paper_prints_the_facts_and_has_its_width(
    paper: PaperSize, desk_for: Callable[[PaperSize], ReceiptDesk], submit: Submit
) -> None:
    application = submit(assisted_by="clerk07")
    pdf = desk_for(paper).render(application)

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == 1
        assert document.pages[0].width == pytest.approx(PAGE_WIDTHS_MM[paper] * mm, abs=0.5)
    text = pdf_text(pdf)
    assert application.tracking_number is not None
    assert application.tracking_number in text
    for expected in (
        "受理回执",
        "城乡居民基本养老保险参保登记",
        "王秀英",
        "1101**********002X",
        "138****5678",
        "贵州省 雷山县 丹江镇 乌东村",
        "本人居民身份证原件",
        "预计15个工作日内办结",
        "clerk07",
        "丹江镇",
        "LQ03",
    ):
        assert expected in text.replace("\n", ""), expected
    assert ID_NUMBER not in text
    assert "6228480012345678901" not in text, "bank details never go on paper"


def test_roll_receipts_are_one_page_as_long_as_their_content(
    desk_for: Callable[[PaperSize], ReceiptDesk], submit: Submit
) -> None:
    application = submit()
    heights = {}
    for paper in (PaperSize.ROLL_58, PaperSize.ROLL_80):
        with pdfplumber.open(io.BytesIO(desk_for(paper).render(application))) as document:
            page = document.pages[0]
            heights[paper] = page.height
            lowest_text = max(char["bottom"] for char in page.chars)
            assert page.height - lowest_text < 20 * mm, "no long blank tail"
    assert heights[PaperSize.ROLL_58] > heights[PaperSize.ROLL_80], "narrower roll, longer slip"


@pytest.mark.parametrize("paper", list(PaperSize))
def test_the_qr_decodes_to_the_tracking_number_and_a_valid_code(
    paper: PaperSize, desk_for: Callable[[PaperSize], ReceiptDesk], submit: Submit, tmp_path: Path
) -> None:
    application = submit()
    desk = desk_for(paper)

    decoded = decode_qr(desk.render(application), tmp_path)

    assert len(decoded) == 1
    reference = parse_qr_payload(decoded[0])
    assert reference is not None
    assert reference.tracking_number == application.tracking_number
    assert code_matches(kiosk_secret(desk.db), reference)
    assert reference.code in pdf_text(desk.render(application)), "code printed for typing"


def test_english_receipt_has_the_official_chinese_alongside(
    desk: ReceiptDesk, submit: Submit
) -> None:
    text = pdf_text(desk.render(submit(language="en"))).replace("\n", " ")

    assert "Application receipt" in text
    assert "受理回执" in text
    assert "Enrol in the residents' basic pension" in text
    assert "城乡居民基本养老保险参保登记" in text
    assert "Expected within 15 working days" in text


def test_chinese_receipt_is_not_printed_twice(desk: ReceiptDesk, submit: Submit) -> None:
    text = pdf_text(desk.render(submit(language="zh_CN")))

    assert text.count("受理回执") == 1
    assert "Application receipt" not in text


RASTER_DPI = 200


def rasterise(pdf: bytes, tmp_path: Path, name: str) -> Image.Image:
    """The first page as a greyscale image at RASTER_DPI, through poppler's pdftoppm."""
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    prefix = tmp_path / name
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(RASTER_DPI),
            "-gray",
            "-png",
            "-singlefile",
            str(source),
            str(prefix),
        ],
        check=True,
    )
    with Image.open(f"{prefix}.png") as image:
        return image.convert("L")


def word_image(word: str, fonts: ReceiptFonts, size: float, tmp_path: Path) -> Image.Image:
    """One word alone, shaped the same way, cropped to its ink: a template to look for."""
    buffer = io.BytesIO()
    style = ParagraphStyle("w", fontName=fonts.arabic, fontSize=size, leading=size * 2, shaping=1)
    SimpleDocTemplate(
        buffer,
        pagesize=(200 * mm, 30 * mm),
        leftMargin=5 * mm,
        rightMargin=5 * mm,
        topMargin=5 * mm,
        bottomMargin=5 * mm,
    ).build([Paragraph(word, style)])
    image = rasterise(buffer.getvalue(), tmp_path, f"word-{len(word)}")
    box = ImageOps.invert(image).getbbox()
    assert box is not None
    return image.crop(box)


def best_match_x(row: Image.Image, template: Image.Image) -> int:
    """The left edge where the template fits the row best (least pixel difference)."""
    best: tuple[float, int] | None = None
    for y in range(0, row.height - template.height + 1):
        for x in range(0, row.width - template.width + 1):
            window = row.crop((x, y, x + template.width, y + template.height))
            difference = ImageStat.Stat(ImageChops.difference(window, template)).sum[0]
            if best is None or difference < best[0]:
                best = (difference, x)
    assert best is not None
    return best[1]


def test_uyghur_is_shaped_and_runs_right_to_left(
    desk_for: Callable[[PaperSize], ReceiptDesk],
    submit: Submit,
    fonts: ReceiptFonts,
    tmp_path: Path,
) -> None:
    application = submit(
        form_id="uyghur-sample",
        language="ug",
        answers={"full_name": UYGHUR_NAME, "id_number": ID_NUMBER},
    )
    paper = PaperSize.ROLL_58
    pdf = desk_for(paper).render(application)

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        page_width = float(page.width)
        # ARABIC LETTER GAF MEDIAL FORM: on this receipt only the name has one.
        name_line = next(line for line in page.extract_text_lines() if "\ufb95" in line["text"])
    assert any("\ufb50" <= char["text"] <= "\ufeff" for char in name_line["chars"]), "shaped"
    # reportlab's text layer does not give shaped words in visual order, so the
    # order is checked on the printed image: find each word's own rendering in it.
    scale = RASTER_DPI / 72
    page_image = rasterise(pdf, tmp_path, "receipt")
    row = page_image.crop(
        (
            0,
            int(name_line["top"] * scale) - 8,
            page_image.width,
            int(name_line["bottom"] * scale) + 8,
        )
    )
    first_word, second_word = UYGHUR_NAME.split()
    size = GEOMETRY[paper].body_size
    first_x = best_match_x(row, word_image(first_word, fonts, size, tmp_path))
    second_x = best_match_x(row, word_image(second_word, fonts, size, tmp_path))
    assert first_x > second_x, "the first word is on the right: right to left"
    assert first_x - second_x > 20, (first_x, second_x)
    ink = ImageOps.invert(row).getbbox()
    assert ink is not None
    right_margin = (page_width - GEOMETRY[paper].margin - 6) * scale
    assert ink[2] > right_margin - 8, "the line starts at the right margin"
    text = pdf_text(pdf)
    assert application.tracking_number is not None
    assert application.tracking_number in text
    assert "城乡居民基本养老保险" in text, "official language alongside"


def test_rendering_is_deterministic_and_a_reprint_differs_only_by_its_mark(
    desk: ReceiptDesk, submit: Submit
) -> None:
    application = submit()

    first = desk.render(application)
    again = desk.render(application)
    reprint = desk.render(application, reprint=True)

    assert first == again
    original_lines = pdf_text(first).splitlines()
    reprint_lines = pdf_text(reprint).splitlines()
    extra = [line for line in reprint_lines if line not in original_lines]
    assert [line for line in original_lines if line not in reprint_lines] == []
    assert extra == ["补打", "2026-11-27 11:30"]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_household_members_are_counted_on_the_receipt_never_named(
    desk: ReceiptDesk, submit: Submit, language: str
) -> None:
    application = submit("minimum-living-allowance", language)
    members = application.answers["members"]
    assert len(members) == 2

    text = pdf_text(desk.render(application)).replace("\n", "")

    # The label wraps in its column; the count stands beside its first line.
    first_line = {"zh_CN": "和您共同生活的家", "en": "The members of"}[language]
    assert re.search(re.escape(first_line) + r"\s*2", text), text
    for member in members:
        assert member["member_name"] not in text
        assert member["member_id_number"] not in text
        assert "*" + member["member_id_number"][-4:] not in text  # not even masked
