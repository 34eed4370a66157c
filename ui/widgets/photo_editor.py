"""The editor of an `image` field: the document camera, answering with the photo's digest.

The photo's bytes are not an answer: the editor hands them to the flow
(:attr:`PhotoEditor.photo_chosen`), which stores them sealed beside the
draft (:func:`kiosk.attachments.keep_photo`); the answer is the digest that
names them.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QVBoxLayout

from kiosk.photos import photo_digest
from ui.scanning.document_photo import DocumentPhotoView
from ui.widgets.editors import AnswerEditor, Raw


class PhotoEditor(AnswerEditor):
    """Takes, checks and keeps one document photo."""

    photo_chosen = Signal(bytes)
    """The photo kept, to be stored before the answer naming it is saved."""

    def __init__(self, view: DocumentPhotoView) -> None:
        super().__init__()
        self.view = view
        self._digest: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(view)
        view.photo_kept.connect(self._kept)

    def raw_value(self) -> Raw:
        """The kept photo's digest, or None before a photo is kept."""
        return self._digest

    def show_value(self, value: object) -> None:
        """A digest already answered shows as kept; otherwise the camera starts."""
        self._digest = value if isinstance(value, str) and value else None
        if self._digest is None:
            self.view.start()
        else:
            self.view.show_kept()

    def retranslate(self) -> None:
        """The view words itself."""
        self.view.retranslate()

    def hideEvent(self, event: QHideEvent) -> None:
        """Off screen, the camera stops looking at the room."""
        self.view.stop()
        super().hideEvent(event)

    def _kept(self, data: bytes) -> None:
        self._digest = photo_digest(data)
        self.photo_chosen.emit(data)
        self.changed.emit()
