"""A widget base that redraws its texts when the language changes."""

from __future__ import annotations

from PySide6.QtWidgets import QLayout, QWidget


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


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget of a layout (spacers and stretches too)."""
    while (item := layout.takeAt(0)) is not None:
        widget = item.widget()
        if widget is not None:
            widget.deleteLater()
