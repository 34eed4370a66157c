"""The look of the kiosk: one stylesheet from resources/, one base font size.

Colours live only in `resources/styles/kiosk.qss`. Text sizes are relative to
the application font, so one setting (the base point size) scales every screen.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from resources import STYLESHEET_FILE

BASE_POINT_SIZE = 22
"""Body text in points: above the 20 pt floor for a touchscreen read at arm's length."""

MIN_TOUCH_TARGET_PX = 64

# Families tried in order; fontconfig falls back per character for the rest.
FONT_FAMILIES = ["Noto Sans", "WenQuanYi Micro Hei", "Noto Sans Arabic", "DejaVu Sans"]


class TextRole(Enum):
    """How much a piece of text stands out, as a multiple of the body size."""

    BODY = 1.0
    SMALL = 0.9
    QUESTION = 1.35
    TITLE = 1.6
    TRACKING = 2.2
    COUNTDOWN = 3.0


def apply_theme(app: QApplication) -> None:
    """Install the base font and the stylesheet on the whole application."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET_FILE.read_text(encoding="utf-8"))


def set_role(widget: QWidget, role: str, text_role: TextRole = TextRole.BODY) -> None:
    """Tag a widget for the stylesheet and size its text relative to the body."""
    widget.setProperty("role", role)
    if text_role is not TextRole.BODY:
        font = QFont(widget.font())
        font.setPointSizeF(QApplication.font().pointSizeF() * text_role.value)
        widget.setFont(font)
