"""Checks of what a screen shows, as a person with poor eyesight would meet it.

- every button, field and scroll bar is at least 64 px in both dimensions;
- text stands out from its background by at least 7:1 (WCAG AAA), measured on
  the rendered pixels, so every stylesheet rule and palette is covered;
- no text is cut off (its widget is smaller than the text needs);
- nothing lies outside the window (except inside a scrolling area);
- dates and tracking numbers read in their own order inside right-to-left text;
- a screen scrolls in one area only, moved by a finger, and says "more below"
  whenever something to tap lies under the fold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QImage, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QScrollBar,
    QScroller,
    QWidget,
)

from ui.app import KIOSK_WINDOW_SIZE
from ui.theme import MIN_TOUCH_TARGET_PX

MIN_CONTRAST = 7.0
TEXT_INSET_PX = 6
"""Pixels left out at a widget's edge, where borders and rounded corners are drawn."""
MIN_TEXT_PIXELS = 4
"""Fewer pixels of a colour than this are antialiasing noise, not text."""


@dataclass(frozen=True)
class Finding:
    """One thing on a screen that fails a check."""

    check: str
    widget: str
    detail: str

    def __str__(self) -> str:
        return f"{self.check}: {self.widget}: {self.detail}"


def relative_luminance(rgb: NDArray[np.float64]) -> NDArray[np.float64]:
    """WCAG relative luminance of sRGB colours (0–255) in the last axis."""
    channel = rgb / 255.0
    linear = np.where(channel <= 0.04045, channel / 12.92, ((channel + 0.055) / 1.055) ** 2.4)
    result: NDArray[np.float64] = linear @ np.array([0.2126, 0.7152, 0.0722])
    return result


def text_contrast(pixels: NDArray[np.uint8]) -> float:
    """Contrast between the commonest colour (background) and the colour that
    stands out most from it among the rest (the text)."""
    flat = pixels.reshape(-1, 3).astype(np.uint32)
    packed = (flat[:, 0] << 16) | (flat[:, 1] << 8) | flat[:, 2]  # one number per colour
    values, counts = np.unique(packed, return_counts=True)
    colours = np.stack([(values >> 16) & 255, (values >> 8) & 255, values & 255], axis=1)
    background = colours[np.argmax(counts)].astype(np.float64)
    candidates = colours[counts >= MIN_TEXT_PIXELS].astype(np.float64)
    lum_bg = float(relative_luminance(background))
    lum = relative_luminance(candidates)
    lighter = np.maximum(lum, lum_bg)
    darker = np.minimum(lum, lum_bg)
    return float(np.max((lighter + 0.05) / (darker + 0.05)))


def image_array(image: QImage) -> NDArray[np.uint8]:
    """An RGB array (height, width, 3) of a Qt image."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    buffer = np.frombuffer(rgb.constBits(), dtype=np.uint8, count=stride * height)
    return buffer.reshape(height, stride)[:, : width * 3].reshape(height, width, 3).copy()


def _name(widget: QWidget) -> str:
    text = _text_of(widget)
    return f"{type(widget).__name__}({text[:40]!r})" if text else type(widget).__name__


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
        return str(widget.text())
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    return ""


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.width() > 0 and widget.height() > 0


def _in_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _visible_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of the widget that can be seen in the window (clipped by scrolling areas)."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            viewport = parent.viewport()
            rect = rect.intersected(QRect(viewport.mapTo(window, QPoint(0, 0)), viewport.size()))
        parent = parent.parentWidget()
    return rect.intersected(window.rect())


def _widgets(window: QWidget, root: QWidget | None) -> list[QWidget]:
    return list((root or window).findChildren(QWidget))


def check_targets(window: QWidget, root: QWidget | None = None) -> list[Finding]:
    """Touch targets at least 64 px wide and high."""
    findings = []
    kinds = (QAbstractButton, QLineEdit, QPlainTextEdit, QScrollBar)
    for widget in _widgets(window, root):
        small = min(widget.width(), widget.height()) < MIN_TOUCH_TARGET_PX
        if isinstance(widget, kinds) and _shown(widget, window) and small:
            size = f"{widget.width()}x{widget.height()} px"
            findings.append(Finding("target too small", _name(widget), size))
    return findings


def check_clipping(window: QWidget, root: QWidget | None = None) -> list[Finding]:
    """Text that does not fit its widget, and widgets outside the window."""
    findings = []
    for widget in _widgets(window, root):
        labelled = isinstance(widget, QLabel) and widget.text() and widget.isVisibleTo(window)
        if labelled and min(widget.width(), widget.height()) <= 0:
            room = f"no room at all ({widget.width()}x{widget.height()} px)"
            findings.append(Finding("text cut off", _name(widget), room))
        if not _shown(widget, window):
            continue
        if not _in_scroll_area(widget):
            rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
            if not window.rect().contains(rect):
                findings.append(Finding("off screen", _name(widget), str(rect)))
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap() and widget.width() + 1 < widget.minimumSizeHint().width():
                detail = f"narrower ({widget.width()} px) than its longest word"
                findings.append(Finding("text cut off", _name(widget), detail))
            elif widget.wordWrap():
                needed = widget.heightForWidth(widget.width())  # padding and border included
                if needed > widget.height() + 1:
                    detail = f"needs {needed} px, has {widget.height()}"
                    findings.append(Finding("text cut off", _name(widget), detail))
            elif widget.sizeHint().width() > widget.width() + 1:
                detail = f"needs {widget.sizeHint().width()} px, has {widget.width()}"
                findings.append(Finding("text cut off", _name(widget), detail))
        elif isinstance(widget, QAbstractButton) and widget.text() and not widget.children():
            hint, size = widget.sizeHint(), widget.size()
            if hint.width() > size.width() + 1 or hint.height() > size.height() + 1:
                detail = f"needs {hint.width()}x{hint.height()}, has {size.width()}x{size.height()}"
                findings.append(Finding("text cut off", _name(widget), detail))
    return findings


LEFT_TO_RIGHT_RUN = re.compile(r"\d{4}-\d{2}-\d{2}|\b[A-Z0-9]+(?:-[A-Z0-9]+){2,}\b")
"""A date (1956-03-12) or a tracking number (DEMO01-261127-0042-K): read left to right."""


def reads_left_to_right(text: str, widget: QWidget, start: int, end: int) -> bool:
    """Whether the characters `start`..`end` of `text`, laid out as `widget` lays it
    out, stand left to right on screen (each caret position further right)."""
    layout = QTextLayout(text, widget.font())
    option = QTextOption()
    option.setTextDirection(widget.layoutDirection())
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1_000_000)
    layout.endLayout()
    # PySide returns (x, position) where C++ returns x and updates the position.
    positions = [line.cursorToX(index)[0] for index in range(start + 1, end)]  # type: ignore[index]
    return all(left < right for left, right in pairwise(positions))


def check_reading_order(window: QWidget, root: QWidget | None = None) -> list[Finding]:
    """Dates and tracking numbers in right-to-left text not shown reversed
    ("12-03-1956" for 1956-03-12)."""
    findings = []
    for widget in _widgets(window, root):
        rtl = widget.layoutDirection() == Qt.LayoutDirection.RightToLeft
        if not rtl or not isinstance(widget, QLabel) or not _shown(widget, window):
            continue
        for paragraph in widget.text().split("\n"):
            for match in LEFT_TO_RIGHT_RUN.finditer(paragraph):
                if not reads_left_to_right(paragraph, widget, match.start(), match.end()):
                    findings.append(Finding("reversed", _name(widget), match.group()))
    return findings


def check_in_view(window: QWidget, widgets: Iterable[QWidget]) -> list[Finding]:
    """Widgets that must be seen without scrolling (the services on the start screen)."""
    findings = []
    for widget in widgets:
        if not widget.isVisibleTo(window):
            continue
        whole = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if _visible_rect(widget, window) != whole:
            findings.append(Finding("below the fold", _name(widget), str(whole)))
    return findings


def bring_into_view(widget: QWidget) -> None:
    """Scroll every area holding `widget` until it shows, as a person does before a tap
    (once what was just shown or hidden has been laid out)."""
    QApplication.processEvents()
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget, 0, 0)
        parent = parent.parentWidget()


INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit)


def _cue_shown(area: QScrollArea) -> bool:
    return any(
        child.property("role") == "more-below" and child.isVisibleTo(area)
        for child in area.findChildren(QWidget)
        if child.parentWidget() is area
    )


def check_scrolling(window: QWidget, root: QWidget | None = None) -> list[Finding]:
    """One scrolling area per screen, moved by a finger, with a cue while more lies below."""
    findings = []
    for area in _widgets(window, root):
        if not isinstance(area, QScrollArea) or not _shown(area, window):
            continue
        if _in_scroll_area(area):
            findings.append(Finding("scroll area inside another", _name(area), ""))
        if not QScroller.hasScroller(area.viewport()):
            findings.append(Finding("not moved by a finger", _name(area), ""))
        content = area.widget()
        if content is None:
            continue
        view = area.viewport()
        fold = view.mapTo(window, QPoint(0, view.height())).y()
        below = [
            widget
            for widget in content.findChildren(QWidget)
            if isinstance(widget, INTERACTIVE)
            and _shown(widget, window)
            and widget.mapTo(window, QPoint(0, widget.height())).y() > fold
        ]
        if below and not _cue_shown(area):
            findings.append(Finding("below the fold without a cue", _name(below[0]), ""))
    return findings


def check_contrast(window: QWidget, root: QWidget | None = None) -> list[Finding]:
    """Text against its background at least 7:1, on the rendered window."""
    pixels = image_array(window.grab().toImage())
    scale_x = pixels.shape[1] / max(window.width(), 1)
    scale_y = pixels.shape[0] / max(window.height(), 1)
    findings = []
    for widget in _widgets(window, root):
        text_widget = isinstance(widget, QLabel | QAbstractButton | QLineEdit)
        if not text_widget or not _text_of(widget) or not _shown(widget, window):
            continue
        if isinstance(widget, QAbstractButton) and widget.findChildren(QLabel):
            continue  # a wrapping button's text is its label, checked on its own
        whole = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        visible = _visible_rect(widget, window)
        if visible != whole:
            continue  # partly scrolled out of view: checked when it is on screen
        rect = visible.adjusted(TEXT_INSET_PX, TEXT_INSET_PX, -TEXT_INSET_PX, -TEXT_INSET_PX)
        if rect.width() < 4 or rect.height() < 4:
            continue
        crop = pixels[
            int(rect.top() * scale_y) : int(rect.bottom() * scale_y),
            int(rect.left() * scale_x) : int(rect.right() * scale_x),
        ]
        contrast = text_contrast(crop)
        if contrast < MIN_CONTRAST:
            findings.append(Finding("low contrast", _name(widget), f"{contrast:.2f}:1"))
    return findings


def check_window_size(window: QWidget, screen: QSize) -> list[Finding]:
    """The window still fits the screen: content that does not fit must scroll instead."""
    if window.width() > screen.width() or window.height() > screen.height():
        detail = (
            f"{window.width()}x{window.height()} on a {screen.width()}x{screen.height()} screen"
        )
        return [Finding("window larger than the screen", type(window).__name__, detail)]
    return []


def audit(window: QWidget, root: QWidget | None = None) -> list[Finding]:
    """Every check on what `root` shows (the whole window by default).

    Pass the overlay as `root` while it covers the window: what lies under it
    is dimmed on purpose and cannot be touched.
    """
    return (
        check_window_size(window, QSize(*KIOSK_WINDOW_SIZE))
        + check_targets(window, root)
        + check_clipping(window, root)
        + check_contrast(window, root)
        + check_reading_order(window, root)
        + check_scrolling(window, root)
    )
