"""Layouts emptied between questions keep nothing behind (issue 19).

Found by the soak: the kiosk kept about 13 kB of C++ heap for every
application, for as long as it ran. One cause: the layout items
`clear_layout` took out of a layout (keypads, address levels, review rows)
were never deleted, since PySide hands an item taken with `takeAt` to no one.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.widgets.base import clear_layout


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
