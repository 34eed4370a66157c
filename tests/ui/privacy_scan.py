"""Every text the kiosk's widgets hold, shown or hidden, for privacy checks.

Not only what is on the glass: hidden widgets, placeholders, tooltips and
accessible names (a screen reader says those), the rows of item views, and
what Undo would bring back into a line or text box, since anyone at the
kiosk with a keyboard can press Ctrl+Z.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

MAX_UNDO_STEPS = 1000
"""More steps than any field's history holds: a loop guard."""


def kiosk_widgets(window: QWidget, present_before: Iterable[QWidget]) -> list[QWidget]:
    """The window with everything in it, and any other window made since `present_before`
    (a widget taken out of a screen but not yet deleted is one)."""
    earlier = set(present_before)
    loose = [
        widget
        for widget in QApplication.topLevelWidgets()
        if widget is not window and widget not in earlier
    ]
    found = [window, *window.findChildren(QWidget)]
    for widget in loose:
        found += [widget, *widget.findChildren(QWidget)]
    return found


def held_texts(widgets: Iterable[QWidget], with_undo: bool = False) -> list[tuple[str, str]]:
    """(widget class, text) for every text the widgets hold.

    `with_undo` also walks each line and text box's undo history to its
    start, which leaves the widgets changed: only for the last look.
    """
    found: list[tuple[str, str]] = []
    for widget in widgets:
        kind = type(widget).__name__
        found += [(kind, text) for text in _texts_of(widget, with_undo) if text]
    return found


def _texts_of(widget: QWidget, with_undo: bool) -> list[str]:
    texts = [
        widget.windowTitle(),
        widget.toolTip(),
        widget.statusTip(),
        widget.whatsThis(),
        widget.accessibleName(),
        widget.accessibleDescription(),
    ]
    if isinstance(widget, QLabel | QAbstractButton):
        texts.append(widget.text())
    if isinstance(widget, QLineEdit):
        texts += [widget.text(), widget.placeholderText()]
        if with_undo:
            texts += _undo_history(widget.isUndoAvailable, widget.undo, widget.text)
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        document = widget.document()
        texts.append(document.toPlainText())
        if with_undo:
            texts += _undo_history(document.isUndoAvailable, document.undo, document.toPlainText)
    if isinstance(widget, QComboBox):
        texts += [widget.itemText(index) for index in range(widget.count())]
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        texts += _model_texts(widget.model(), QModelIndex())
    return texts


def _undo_history(
    can_undo: Callable[[], bool], undo: Callable[[], None], text: Callable[[], str]
) -> list[str]:
    """Every text an undo brings back, walking the history to its start."""
    texts = []
    for _ in range(MAX_UNDO_STEPS):
        if not can_undo():
            break
        undo()
        texts.append(text())
    return texts


def _model_texts(model: QAbstractItemModel, parent: QModelIndex) -> list[str]:
    texts = []
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            value = model.data(index, Qt.ItemDataRole.DisplayRole)
            texts.append("" if value is None else str(value))
            texts += _model_texts(model, index)
    return texts
