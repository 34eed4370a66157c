"""The face photo of a verified ID, shown to the assisting clerk only, held only in memory.

A Claim 169 code may carry the holder's photo. When a clerk assists and the
code verified, the clerk compares it with the person at the counter; an
applicant alone never sees it (someone else's card would show its owner).
The photo is decoded from the bytes in memory and never written anywhere;
`clear()` drops the picture and the bytes when the flow resets.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel

from kiosk.identity import FacePhoto
from ui.i18n import translate
from ui.screens.base import wrapped_label
from ui.widgets.base import TranslatableWidget

PHOTO_HEIGHT = 180
"""Tall enough to recognise a face across a counter; ID photos are small."""


class FacePhotoPanel(TranslatableWidget):
    """The photo from a verified code beside a caption telling the clerk what to do."""

    def __init__(self) -> None:
        super().__init__()
        self.caption = wrapped_label("help")
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumHeight(PHOTO_HEIGHT)
        layout = QHBoxLayout(self)  # mirrors by itself in right-to-left languages
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picture)
        layout.addWidget(self.caption, 1)
        self._shown = False
        self.retranslate()
        self.hide()

    @property
    def showing_photo(self) -> bool:
        """Whether a decoded photo is on the panel now."""
        return self._shown

    def show_photo(self, photo: FacePhoto) -> None:
        """Show the photo (or say it cannot be shown) for the clerk to compare."""
        image = QImage.fromData(photo.data)
        self._shown = not image.isNull()
        if self._shown:
            self.picture.setPixmap(
                QPixmap.fromImage(image).scaledToHeight(
                    PHOTO_HEIGHT, Qt.TransformationMode.SmoothTransformation
                )
            )
        else:
            self.picture.clear()
        self.picture.setVisible(self._shown)
        self.retranslate()
        self.show()

    def clear(self) -> None:
        """Forget the photo: nothing of it stays in the widget."""
        self._shown = False
        self.picture.clear()
        self.hide()

    def retranslate(self) -> None:
        """The caption in the current language."""
        self.caption.setText(
            translate(
                "FacePhotoPanel",
                "For the clerk: the photo stored in this verified ID. Compare it with the"
                " person applying, then tap Continue.",
            )
            if self._shown
            else translate(
                "FacePhotoPanel",
                "For the clerk: this verified ID carries a photo in a format this kiosk"
                " cannot show. Tap Continue.",
            )
        )
