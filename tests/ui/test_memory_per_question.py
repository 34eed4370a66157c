"""Editors and layouts discarded between questions keep nothing behind (issue 19).

Found by the soak: the kiosk kept about 13 kB of C++ heap for every
application, for as long as it ran. One cause: the layout items
`clear_layout` took out of a layout (keypads, address levels, review rows)
were never deleted, since PySide hands an item taken with `takeAt` to no one.
Another: Qt's stylesheet style painted the viewport of every note editor's
styled text box, and kept what it cached for that viewport after it was
deleted (about half a kilobyte per note question). And another: the
question screen's scrolling area looked for buttons under the fold among
all its content's widgets, and PySide kept an object for each of Qt's own
parts of every editor it met (scroll bars, viewport), as a child of the
content, after the editor was gone.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.screens.base import Screen
from ui.theme import Look, apply_look
from ui.widgets.base import clear_layout
from ui.widgets.editors import NoteEditor
from ui.widgets.touch_scroll import TouchScrollArea


@pytest.fixture
def kiosk_look(qapp: QApplication) -> Iterator[QWidget]:
    """A window in the kiosk's look (its stylesheet and font) for one test."""
    font = qapp.font()
    window = QWidget()
    apply_look(qapp, window, Look())
    try:
        yield window
    finally:
        window.close()
        window.deleteLater()
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
    kiosk_look: QWidget, qapp: QApplication
) -> None:
    editor = NoteEditor()
    QVBoxLayout(kiosk_look).addWidget(editor)
    kiosk_look.show()
    qapp.processEvents()
    box = editor.text

    assert box.testAttribute(Qt.WidgetAttribute.WA_StyleSheet)  # the box is styled
    assert box.testAttribute(Qt.WidgetAttribute.WA_StyledBackground)
    assert not box.viewport().testAttribute(Qt.WidgetAttribute.WA_StyledBackground)
    assert not box.viewport().autoFillBackground()


def dead_widget_objects() -> int:
    """Python objects of widgets whose Qt widget is gone, still kept by someone."""
    gc.collect()
    return sum(
        1
        for thing in gc.get_objects()
        if isinstance(thing, QWidget) and not shiboken6.isValid(thing)
    )


def note_boxes_come_and_go(
    qapp: QApplication, layout: QVBoxLayout, look: Callable[[], bool]
) -> None:
    """Five note boxes, one after the other: shown in `layout`, looked at, deleted."""
    for _ in range(5):
        editor = NoteEditor()
        layout.addWidget(editor)
        qapp.processEvents()
        assert look()
        editor.deleteLater()
        del editor
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qapp.processEvents()


def test_looking_under_the_fold_keeps_nothing_of_the_editors_it_saw(qapp: QApplication) -> None:
    area = TouchScrollArea()
    content = QWidget()
    layout = QVBoxLayout(content)
    for number in range(12):  # more than the view shows: the note box lies under the fold
        layout.addWidget(QPushButton(f"option {number}"))
    area.setWidget(content)
    area.resize(400, 300)
    area.show()
    qapp.processEvents()
    before = dead_widget_objects()

    note_boxes_come_and_go(qapp, layout, area.content_below)

    assert dead_widget_objects() == before
    area.close()


def test_reading_a_screen_aloud_keeps_nothing_of_the_editors_it_read(qapp: QApplication) -> None:
    screen = Screen()
    screen.title.setText("A question")
    screen.show()
    qapp.processEvents()
    before = dead_widget_objects()

    note_boxes_come_and_go(qapp, screen.content, lambda: screen.spoken_text() == ["A question"])

    assert dead_widget_objects() == before
    screen.close()
