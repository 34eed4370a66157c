"""The TrueType fonts receipts are set in, shipped in ``resources/fonts``.

Receipts must not depend on what a kiosk's system happens to have installed,
and reportlab embeds only TrueType outlines (Noto Sans CJK's PostScript
outlines are refused), so the kiosk ships WenQuanYi Micro Hei for Chinese and
Latin text and Noto Sans Arabic for Uyghur. Licences are recorded in
``resources/fonts/LICENSES.md``.

Registering a TrueType font parses the whole file (several megabytes for the
CJK font), so it is done once per process; reportlab's font registry is
process-wide by design, and registering the same name twice is a no-op here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from resources import RESOURCES_DIR

FONTS_DIR = RESOURCES_DIR / "fonts"
"""Where the shipped font files live."""


@dataclass(frozen=True)
class ReceiptFonts:
    """Names of the registered fonts, by the script they set."""

    han: str = "ReceiptHan"
    """Chinese and Latin text, digits, the tracking number."""
    arabic: str = "ReceiptArabic"
    """Arabic-script text (Uyghur), always shaped."""
    arabic_bold: str = "ReceiptArabicBold"
    """Headings in Arabic script."""


_FILES: tuple[tuple[str, str, int], ...] = (
    ("ReceiptHan", "wqy-microhei.ttc", 0),
    ("ReceiptArabic", "NotoSansArabic-Regular.ttf", 0),
    ("ReceiptArabicBold", "NotoSansArabic-Bold.ttf", 0),
)


def register_fonts(fonts_dir: Path = FONTS_DIR) -> ReceiptFonts:
    """Register the receipt fonts with reportlab (once) and return their names."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, file_name, subfont in _FILES:
        if name not in registered:
            path = fonts_dir / file_name
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=subfont))
    return ReceiptFonts()
