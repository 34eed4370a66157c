"""The guide card: rendered from the committed screenshots and the translation files,
then read back from the PDF with pdfplumber and poppler's pdftotext."""

from __future__ import annotations

import difflib
import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4

from cli import kiosk_command
from cli.guide_card import PROJECT_SCREENSHOTS
from printing.guide_card import CARD_LANGUAGES, MissingScreenshotError, render_guide_card
from printing.guide_card_texts import (
    CARD_STEPS,
    MissingTranslationError,
    card_wording,
    translated,
)
from resources import TRANSLATIONS_DIR

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
TOWNSHIP = {"zh_CN": "龙泉镇", "en": "Longquan Township", "ug": "لۇڭچۈەن بازىرى"}


@pytest.fixture(scope="module")
def card_pdf() -> bytes:
    return render_guide_card(PROJECT_SCREENSHOTS, TOWNSHIP)


def column_text(pdf: bytes, tmp_path: Path, left: bool) -> str:
    """One half of the page as pdftotext reads it, in reading order; Uyghur's joined
    forms turned back into letters (NFKC, which would also narrow Chinese commas)."""
    path = tmp_path / "card.pdf"
    path.write_bytes(pdf)
    half = int(A4[0] / 2)
    crop = ["-x", "0" if left else str(half), "-y", "0", "-W", str(half), "-H", str(int(A4[1]))]
    text = subprocess.run(
        ["pdftotext", "-r", "72", *crop, str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    text = BIDI_CONTROLS.sub("", text)
    return text if left else unicodedata.normalize("NFKC", text)


def squeezed(text: str) -> str:
    """Without white space: Chinese lines break anywhere."""
    return re.sub(r"\s+", "", text)


def test_the_card_is_one_a4_page_with_both_scripts(card_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(card_pdf)) as document:
        assert len(document.pages) == 1, "the card is one sheet"
        page = document.pages[0]
        assert (round(page.width), round(page.height)) == (595, 842)
        chars = [char["text"] for char in page.chars]
        images = page.images
    assert any("\u4e00" <= char <= "\u9fff" for char in chars), "Chinese"
    assert any("\ufb50" <= char <= "\ufeff" for char in chars), "Uyghur, shaped (joined forms)"
    assert len(images) == 2 * len(CARD_STEPS), "each step's screen in each language"


def test_every_chinese_step_is_printed_with_the_screens_button_names(
    card_pdf: bytes, tmp_path: Path
) -> None:
    # the step numbers, in their squares, fall between a title's two lines
    text = re.sub(r"\d", "", squeezed(column_text(card_pdf, tmp_path, left=True)))
    wording = card_wording("zh_CN", TOWNSHIP)
    assert squeezed(wording.title) in text
    assert "龙泉镇便民服务中心" in text
    for title, body in wording.steps:
        assert squeezed(title) in text
        assert squeezed(body) in text
    # the buttons as the start, identify and review screens name them
    for button in ("“查询我的申请”", "“继续”", "“提交申请”", "“大字并朗读”"):
        assert button in text


def letters(text: str) -> str:
    """Only the letters: pdftotext detaches some punctuation and mirrors the quotes."""
    return "".join(char for char in text if unicodedata.category(char).startswith("L"))


def test_every_uyghur_step_is_printed_right_to_left(card_pdf: bytes, tmp_path: Path) -> None:
    text = column_text(card_pdf, tmp_path, left=False)
    # pdftotext turns right-to-left lines back into reading order: three words in a
    # row prove the line was set right to left (reportlab alone reverses them).
    assert "بۇ ئاپپاراتنى ئىشلىتىش" in text
    assert "لۇڭچۈەن بازىرى" in text
    printed = letters(text)
    for number, (title, body) in enumerate(card_wording("ug", TOWNSHIP).steps, start=1):
        expected = letters(title + body)
        # A few joined pairs (ىم, ەز) come back as private-use glyphs and are lost;
        # the words of a line in the wrong order match less than half (measured).
        matcher = difflib.SequenceMatcher(None, expected, printed, autojunk=False)
        matched = sum(block.size for block in matcher.get_matching_blocks())
        assert matched >= 0.75 * len(expected), (number, title, matched, len(expected))
        assert str(number) in text.split()


def test_the_card_quotes_the_kiosks_own_translations() -> None:
    for language in CARD_LANGUAGES:
        for step in CARD_STEPS:
            for label in step.labels.values():
                shown = translated(label.context, label.source, language)
                assert shown != label.source, f"{label} untranslated in {language}"


def test_a_missing_translation_is_refused_by_name(tmp_path: Path) -> None:
    for language in CARD_LANGUAGES:
        source = (TRANSLATIONS_DIR / f"kiosk_{language}.ts").read_text(encoding="utf-8")
        unfinished = source.replace(
            "<translation>باشلاش</translation>", '<translation type="unfinished"/>'
        )
        (tmp_path / f"kiosk_{language}.ts").write_text(unfinished, encoding="utf-8")
    card_wording("zh_CN", translations_dir=tmp_path)
    with pytest.raises(MissingTranslationError, match="'Start'"):
        card_wording("ug", translations_dir=tmp_path)


def test_the_command_writes_the_card_and_names_the_centre(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "kiosk.toml").write_text(
        'languages = ["zh_CN", "ug"]\ntownship = { zh_CN = "石门乡", ug = "شىمېن يېزىسى" }\n',
        encoding="utf-8",
    )
    out = tmp_path / "card.pdf"

    code = kiosk_command.main(["--data-dir", str(data_dir), "guide-card", "--out", str(out)])

    assert code == 0
    assert "石门乡便民服务中心" in squeezed(column_text(out.read_bytes(), tmp_path, left=True))


def test_the_command_says_which_screenshot_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    screenshots = tmp_path / "shots"
    screenshots.mkdir()
    for path in PROJECT_SCREENSHOTS.glob("*-start.png"):
        shutil.copy(path, screenshots / path.name)
    out = tmp_path / "card.pdf"

    code = kiosk_command.main(
        [
            "--data-dir",
            str(tmp_path),
            "guide-card",
            "--out",
            str(out),
            "--screenshots",
            str(screenshots),
        ]
    )

    assert code == 1
    assert not out.exists()
    message = capsys.readouterr().out
    assert "'identify'" in message and "kiosk screenshots --out" in message
    with pytest.raises(MissingScreenshotError):
        render_guide_card(screenshots)
