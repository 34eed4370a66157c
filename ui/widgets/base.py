"""A widget base that redraws its texts when the language changes."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractScrollArea, QLayout, QWidget

if TYPE_CHECKING:  # PySide makes a class's enum types at its first mention (ui.qt_names):
    # the start screen, painted after this module loads, has no line to type into
    from PySide6.QtWidgets import QLineEdit


class TranslatableWidget(QWidget):
    """A widget whose Qt-translated texts are set in `retranslate()`.

    The language switcher calls `retranslate()` on every such widget after
    installing a translator, so a screen never has to be rebuilt to change
    language. (Listening for Qt's LanguageChange event instead would make
    every widget inspect every change event, and the first inspection builds
    Python's view of all of Qt's event types: a cost paid at start-up.)
    """

    def retranslate(self) -> None:
        """Set every Qt-translated text of this widget; overridden by screens."""


def clear_layout(layout: QLayout, keep: Collection[QWidget] = ()) -> None:
    """Remove and delete every widget of a layout (spacers and stretches too).

    A widget in `keep` is only taken out of the layout: the caller keeps it to
    fill again. `takeAt` hands the layout's item to the caller, which must
    delete it, as C++ code does with `delete layout->takeAt(0)`: PySide gives
    the item to no one, so each one left behind stayed in memory for good
    (issue 19).
    """
    while (item := layout.takeAt(0)) is not None:
        widget = item.widget()
        if widget is not None and widget not in keep:
            discard_widget(widget)
        shiboken6.delete(item)


def descendant_widgets(widget: QWidget) -> Iterator[QWidget]:
    """Every widget inside `widget`, depth first, in the order ``findChildren`` gives.

    Asked of PySide as ``findChildren(QWidget)``, each of Qt's own parts inside
    an editor (scroll bars, their holders, a viewport) gets a Python object
    that PySide keeps as a child of `widget` after the editor is deleted: a
    screen that lives as long as the kiosk would gather them without end.
    Walking ``children()`` makes the same objects and lets them go.
    """
    for child in widget.children():
        if isinstance(child, QWidget):
            yield child
            yield from descendant_widgets(child)


def discard_widget(widget: QWidget) -> None:
    """Take a widget off the screen now and delete it when Qt is ready to.

    `deleteLater` alone leaves it painted (and holding its text) until control
    returns to the event loop; hiding and unparenting it first means the next
    frame, and a screenshot, never shows it.
    """
    widget.hide()
    widget.setParent(None)
    widget.deleteLater()


def forget_text(line: QLineEdit) -> None:
    """Empty a line together with its undo history.

    `QLineEdit.clear()` can be undone: the next person at the kiosk could
    bring the last one's ID number (or the clerk's PIN) back with Ctrl+Z.
    Setting the text anew starts a fresh history.
    """
    line.setText("")


def without_pan_gesture(area: QAbstractScrollArea) -> QAbstractScrollArea:
    """A scroll area made for one question, without the pan gesture Qt grabs for it.

    Qt's gesture manager makes a QPanGesture for every scroll area's viewport
    that sees an event, and kept them after the editors that owned them were
    deleted: one more for every application, without end. The kiosk scrolls
    these areas by their scroll bars and by dragging; a two-finger pan in a
    list of a few options is not missed.
    """
    from PySide6.QtCore import Qt  # here: the start screen needs none of it (ui.qt_names)

    area.viewport().ungrabGesture(Qt.GestureType.PanGesture)
    return area


def without_viewport_fill(area: QAbstractScrollArea) -> QAbstractScrollArea:
    """A styled scroll area made for one question, whose viewport paints no background.

    The stylesheet gives a text box a border, padding and a background. Qt's
    stylesheet style then has the viewport inside it (which fills its own
    background by default) painted by the stylesheet too; but a viewport is
    not something a stylesheet styles, so the rule Qt caches for painting it
    is never dropped when the viewport is deleted: about half a kilobyte for
    every note question ever shown (issue 19). A viewport that does not fill
    its background is left alone, and the box's own styled background shows
    through it. Called before the area is first shown (styled).
    """
    area.viewport().setAutoFillBackground(False)
    return area


def tapped(widget: QWidget, event: QEvent) -> bool:
    """Whether `event` ends a tap on `widget`: a release inside it.

    A tap, not a press: a finger that lands on a field to drag the page must
    not move the typing there (when a drag takes over, the field's press is
    called off with a release far outside it).
    """
    return (
        event.type() == QEvent.Type.MouseButtonRelease
        and isinstance(event, QMouseEvent)
        and widget.rect().contains(event.position().toPoint())
    )
