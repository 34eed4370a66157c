"""Paragraphs of Arabic-script text (Uyghur) whose words run right to left.

reportlab shapes each word with HarfBuzz (``shaping=1``: letters joined,
each word right to left) but, without its optional ``rlbidi`` module,
places the words of a line left to right: "بۇ ئاپپاراتنى" comes out with
its second word on the right. A run with no ordinary space in it is shaped
as one piece, right to left, words included. So the lines are broken here,
by the width of the words, and each line is handed to reportlab as one
run, its spaces made no-break.

Only text in one direction belongs in such a paragraph: digits and Latin
words inside it would keep reportlab's left-to-right placement.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.ttfonts import shapeStr
from reportlab.platypus import Flowable, Paragraph

NO_BREAK_SPACE = "\u00a0"


def shaped_width(text: str, font: str, size: float) -> float:
    """How wide ``text`` is once HarfBuzz has joined its letters, in points."""
    glyphs = shapeStr(text, font, size).__shapeData__
    advance: float = sum(glyph.x_advance for glyph in glyphs)
    return advance * size / 1000


def break_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """The words of ``text`` in lines no wider than ``width`` (a longer word gets its own)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and shaped_width(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


class RightToLeftParagraph(Flowable):
    """A paragraph of right-to-left text, broken into lines that each read right to left."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self._lines: list[Paragraph] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Break the text for this width; each line becomes one shaped run."""
        self._lines = [
            Paragraph(escape(line.replace(" ", NO_BREAK_SPACE)), self.style)
            for line in break_lines(self.text, self.style.fontName, self.style.fontSize, availWidth)
        ]
        self.width = availWidth
        self.height = sum(line.wrap(availWidth, availHeight)[1] for line in self._lines)
        return self.width, self.height

    def draw(self) -> None:
        """Lines from the top down, each aligned as the style says."""
        top = self.height
        for line in self._lines:
            top -= line.height
            line.drawOn(self.canv, 0, top)
