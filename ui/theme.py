"""The look of the kiosk: one stylesheet, a palette, and a text scale.

Colours live only in `resources/styles/themes.json` (one palette per theme)
and are placed into `resources/styles/kiosk.qss` by name; the stylesheet is
set on the kiosk's window. Text sizes are not in it: they follow the
application's font (the base size times the scale). Switching to the
large-text elderly mode or to high contrast is one call, and every screen
follows without being rebuilt.
"""

from __future__ import annotations

import json
import re
from enum import Enum
from functools import cache
from typing import NamedTuple

from PySide6.QtCore import QEvent
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


def apply_look(app: QApplication, window: QWidget, look: Look, before: Look | None = None) -> None:
    """Give `window` and everything in it the look `look` (`before`: the look it has).

    Only what changed is redone, since each part is a walk over every widget of
    the kiosk: the text scale is the application's font, the theme the
    stylesheet. The stylesheet is the window's, not the application's: the same
    restyle costs several times more through the application (docs/architecture.md,
    "Looks: the font and the stylesheet").
    """
    if before is None or look.scale != before.scale:
        _scale_text(app, look.scale)
    if before is None or look.theme != before.theme:
        window.setStyleSheet(stylesheet(look))


def _scale_text(app: QApplication, scale: float) -> None:
    """The base font at `scale`, on every widget, and the text that stands out sized to it.

    Qt tells only top-level windows of a new application font after the first
    time, and their children styled by a stylesheet do not follow it (Qt's
    documentation advises against mixing the two): every widget is told here,
    as Qt does the first time. Widgets with a text role of their own (titles,
    the tracking number) keep an explicit size, so they are resized.
    """
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(BASE_POINT_SIZE * scale)
    app.setFont(font)
    change = QEvent(QEvent.Type.ApplicationFontChange)
    for widget in app.allWidgets():
        QApplication.sendEvent(widget, change)
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
