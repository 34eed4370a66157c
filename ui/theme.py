"""The look of the kiosk: one stylesheet, a palette, and a text scale.

Colours live only in `resources/styles/themes.json` (one palette per theme)
and are placed into `resources/styles/kiosk.qss` by name. Text sizes are
written into the same stylesheet from the base size and the scale, so
switching to the large-text elderly mode or to high contrast is one call,
and every screen follows without being rebuilt.
"""

from __future__ import annotations

import json
import re
from enum import Enum
from functools import cache
from typing import NamedTuple

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from resources import STYLESHEET_FILE, THEMES_FILE

BASE_POINT_SIZE = 22
"""Body text in points: above the 20 pt floor for a touchscreen read at arm's length."""

ELDERLY_SCALE = 1.5
"""Text size in elderly and low-vision mode, relative to the usual size."""

MIN_TOUCH_TARGET_PX = 64

# Families tried in order; fontconfig falls back per character for the rest.
FONT_FAMILIES = ["Noto Sans", "WenQuanYi Micro Hei", "Noto Naskh Arabic", "DejaVu Sans"]

STANDARD_THEME = "standard"
HIGH_CONTRAST_THEME = "high_contrast"

_TOKEN = re.compile(r"@([a-z_]+)")

TEXT_ROLE_PROPERTY = "text_role"
"""Dynamic property naming a widget's TextRole (not "size": QWidget has that one)."""


class TextRole(Enum):
    """How much a piece of text stands out, as a multiple of the body size."""

    BODY = 1.0
    SMALL = 0.9
    QUESTION = 1.35
    TITLE = 1.6
    TRACKING = 2.2
    COUNTDOWN = 3.0


class Look(NamedTuple):
    """A theme and a text scale: everything that decides how the screens look.

    A named tuple, not a frozen dataclass: made before the first paint at a third
    of the cost."""

    theme: str = STANDARD_THEME
    scale: float = 1.0


@cache
def palettes() -> dict[str, dict[str, str]]:
    """Every theme's colours by name, as shipped."""
    loaded: dict[str, dict[str, str]] = json.loads(THEMES_FILE.read_text(encoding="utf-8"))
    return loaded


def stylesheet(look: Look) -> str:
    """The kiosk's stylesheet with the look's colours filled in."""
    colours = palettes()[look.theme]
    template = STYLESHEET_FILE.read_text(encoding="utf-8")
    return _TOKEN.sub(lambda match: colours[match.group(1)], template)


def apply_look(app: QApplication, look: Look) -> None:
    """Install the base font and the stylesheet of `look` on the whole application.

    Widgets whose text stands out (titles, the tracking number) are resized
    too, since a widget with a font of its own does not follow the base font.
    """
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(BASE_POINT_SIZE * look.scale)
    app.setFont(font)
    app.setStyleSheet(stylesheet(look))
    for widget in app.allWidgets():
        name = widget.property(TEXT_ROLE_PROPERTY)
        if isinstance(name, str):
            _size_text(widget, TextRole[name])


def set_role(widget: QWidget, role: str, text_role: TextRole = TextRole.BODY) -> None:
    """Tag a widget for the stylesheet (`role`: its colours) and size its text."""
    widget.setProperty("role", role)
    if text_role is not TextRole.BODY:
        widget.setProperty(TEXT_ROLE_PROPERTY, text_role.name)
        _size_text(widget, text_role)


def _size_text(widget: QWidget, text_role: TextRole) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(QApplication.font().pointSizeF() * text_role.value)
    widget.setFont(font)
