"""Editors and layouts discarded between questions keep nothing behind (issue 19).

Found by the soak: the kiosk kept about 13 kB of C++ heap for every
application, for as long as it ran. One cause: the layout items
`clear_layout` took out of a layout (keypads, address levels, review rows)
were never deleted, since PySide hands an item taken with `takeAt` to no one.
Another: Qt's stylesheet style painted the viewport of every note editor's
styled text box, and kept what it cached for that viewport after it was
deleted (about half a kilobyte per note question).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.theme import Look, apply_look
from ui.widgets.base import clear_layout
from ui.widgets.editors import NoteEditor


@pytest.fixture
def kiosk_look(qapp: QApplication) -> Iterator[QApplication]:
    """The kiosk's stylesheet on the application for one test."""
    stylesheet, font = qapp.styleSheet(), qapp.font()
    apply_look(qapp, Look())
    try:
        yield qapp
    finally:
        qapp.setStyleSheet(stylesheet)
        qapp.setFont(font)


def test_clear_layout_deletes_the_items_it_takes_out(qapp: QApplication) -> None:
    host = QWidget()
    layout = QVBoxLayout(host)
    for text in ("one", "two"):
        layout.addWidget(QPushButton(text))
    layout.addWidget(QLabel("three"))
    layout.addStretch()
    items = [item for index in range(layout.count()) if (item := layout.itemAt(index))]
    widgets = [widget for item in items if (widget := item.widget()) is not None]
    assert len(items) == 4 and len(widgets) == 3

    clear_layout(layout)

    assert layout.count() == 0
    assert not any(shiboken6.isValid(item) for item in items)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(shiboken6.isValid(widget) for widget in widgets)


def test_a_note_editor_gives_the_stylesheet_no_viewport_to_paint(
    kiosk_look: QApplication,
) -> None:
    editor = NoteEditor()
    editor.show()
    kiosk_look.processEvents()
    box = editor.text

    assert box.testAttribute(Qt.WidgetAttribute.WA_StyleSheet)  # the box is styled
    assert box.testAttribute(Qt.WidgetAttribute.WA_StyledBackground)
    assert not box.viewport().testAttribute(Qt.WidgetAttribute.WA_StyledBackground)
    assert not box.viewport().autoFillBackground()
    editor.close()
