"""Photographing a document with the kiosk camera: aim, take, check, keep or take again.

The camera picture is shown as it is (not mirrored: the document's printing
must read the right way round) with a guide frame the page should fill; the
guide is where :mod:`kiosk.photos` looks for the document. A tap on "Take
photo" keeps the latest frame, encodes it as JPEG within the size cap (Qt's
own encoder, quality lowered and the picture scaled down until it fits) and
has it judged. A photo too dark, blurred or without a document is refused at
once, with a message saying which, and the camera stays on; a good one is
shown large for the person to check it is readable, then kept or taken
again. Only the photo kept leaves this widget (:attr:`photo_kept`); every
other frame is forgotten, and the camera is off whenever no photo is being
aimed. Frames come through a QVideoSink, so tests feed frames where the
camera driver would.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtMultimedia import QVideoFrame, QVideoSink
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.photos import GUIDE_MARGIN, MAX_PHOTO_BYTES, PhotoProblem, assess_photo
from ui.i18n import translate
from ui.scanning.camera_session import CameraControl, CameraSession, CameraSettings
from ui.scanning.camera_view import SessionFactory
from ui.screens.base import wrapped_label
from ui.theme import set_role
from ui.widgets.base import TranslatableWidget
from ui.widgets.wrapping_button import WrappingButton

log = logging.getLogger(__name__)

LONGEST_SIDE = 1600
"""Pixels on a photo's longer side at most: a hukou page stays readable well below it."""
JPEG_QUALITIES = (85, 75, 65, 55)
"""Qualities tried in turn before the picture is scaled down."""
SCALE_STEP = 0.75
STILL_HEIGHT = 360


def encode_photo(image: QImage) -> bytes:
    """The picture as JPEG of at most :data:`MAX_PHOTO_BYTES`, as large and clear as fits."""
    picture = image.convertToFormat(QImage.Format.Format_RGB32)
    if max(picture.width(), picture.height()) > LONGEST_SIDE:
        picture = picture.scaled(
            LONGEST_SIDE,
            LONGEST_SIDE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    while True:
        for quality in JPEG_QUALITIES:
            data = _jpeg(picture, quality)
            if len(data) <= MAX_PHOTO_BYTES:
                return data
        picture = picture.scaledToWidth(
            max(1, round(picture.width() * SCALE_STEP)), Qt.TransformationMode.SmoothTransformation
        )


def _jpeg(image: QImage, quality: int) -> bytes:
    encoded = QByteArray()
    buffer = QBuffer(encoded)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", quality)  # type: ignore[call-overload]
    buffer.close()
    return bytes(encoded.data())


class DocumentPreview(QWidget):
    """Paints the latest frame, unmirrored, with the guide frame the page should fill."""

    def __init__(self) -> None:
        super().__init__()
        self.image: QImage | None = None
        self.setMinimumSize(QSize(320, 240))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Frame scaled to fit, then the guide where the photo checks look."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(30, 30, 30))
        shown = QRectF(self.rect())
        if self.image is not None and not self.image.isNull():
            scaled = self.image.scaled(
                self.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            left = (self.width() - scaled.width()) // 2
            top = (self.height() - scaled.height()) // 2
            painter.drawImage(left, top, scaled)
            shown = QRectF(left, top, scaled.width(), scaled.height())
        guide = shown.adjusted(
            shown.width() * GUIDE_MARGIN,
            shown.height() * GUIDE_MARGIN,
            -shown.width() * GUIDE_MARGIN,
            -shown.height() * GUIDE_MARGIN,
        )
        painter.setPen(QPen(QColor(255, 255, 255), 4, Qt.PenStyle.DashLine))
        painter.drawRect(guide)
        painter.end()


class DocumentPhotoView(TranslatableWidget):
    """Camera, guide, take / keep / take again, and what is wrong with a photo."""

    photo_kept = Signal(bytes)
    """The encoded photo the person checked and kept."""

    def __init__(
        self,
        settings: CameraSettings | None = None,
        session_factory: SessionFactory | None = CameraSession,
    ) -> None:
        super().__init__()
        self.settings = settings or CameraSettings()
        self.video_sink = QVideoSink(self)
        self.video_sink.videoFrameChanged.connect(self._frame_arrived)
        self.session: CameraControl | None = (
            session_factory(self.video_sink, self.settings) if session_factory else None
        )
        self.preview = DocumentPreview()
        self.still = QLabel()
        self.still.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.still.hide()
        self.status = wrapped_label("photo_status")
        self.take_button = self._button(self._take, "primary")
        self.keep_button = self._button(self._keep, "primary")
        self.retake_button = self._button(self.start)
        buttons = QHBoxLayout()
        for button in (self.retake_button, self.take_button, self.keep_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.still, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._photo: bytes | None = None
        self._state = "idle"
        self._show_state("idle")

    def _button(self, action: Callable[[], None], role: str | None = None) -> WrappingButton:
        button = WrappingButton("")
        if role is not None:
            set_role(button, role)
        button.clicked.connect(action)
        return button

    @property
    def camera_available(self) -> bool:
        """Whether a camera can be used now."""
        return self.session is not None and self.session.available

    @property
    def state(self) -> str:
        """aiming, refused (aiming again after a bad photo), checking, kept, no_camera, idle."""
        return self._state

    def start(self) -> None:
        """Camera on, aiming: any photo not kept is forgotten."""
        self._photo = None
        self.still.clear()
        if not self.camera_available:
            self._show_state("no_camera")
            return
        if self.session is not None:
            self.session.start()
        self._show_state("aiming")

    def stop(self) -> None:
        """Camera off and every frame and unkept photo forgotten (they may show a person)."""
        if self.session is not None:
            self.session.stop()
        self.preview.image = None
        self.preview.update()
        if self._state != "kept":
            self._photo = None
            self.still.clear()

    def show_kept(self) -> None:
        """The field already holds a photo: say so and offer to take it again."""
        self.stop()
        self._photo = None
        self._show_state("kept")

    def retranslate(self) -> None:
        """Texts for the current state, and the buttons."""
        self.take_button.setText(translate("DocumentPhotoView", "Take photo"))
        self.keep_button.setText(translate("DocumentPhotoView", "Keep this photo"))
        self.retake_button.setText(translate("DocumentPhotoView", "Take again"))
        self.status.setText(self._status_text())

    def _status_text(self) -> str:
        texts = {
            "idle": "",
            "aiming": translate(
                "DocumentPhotoView",
                "Lay the document flat under the camera so that it fills the dashed frame,"
                " then tap Take photo.",
            ),
            "checking": translate(
                "DocumentPhotoView",
                "Can you read every line of the document in the photo? If yes, tap Keep this"
                " photo; if not, tap Take again.",
            ),
            "kept": translate(
                "DocumentPhotoView", "The photo is kept. Tap Take again to replace it."
            ),
            "no_camera": translate(
                "DocumentPhotoView",
                "This kiosk has no camera working. Tap Next and show the document to the clerk.",
            ),
        }
        if self._state in texts:
            return texts[self._state]
        return photo_problem_message(PhotoProblem(self._state.removeprefix("refused:")))

    def _show_state(self, state: str) -> None:
        self._state = state
        aiming = state == "aiming" or state.startswith("refused:")
        self.preview.setVisible(aiming)
        self.still.setVisible(state == "checking")
        self.take_button.setVisible(aiming)
        self.keep_button.setVisible(state == "checking")
        self.retake_button.setVisible(state in ("checking", "kept"))
        self.retranslate()

    def _frame_arrived(self, frame: QVideoFrame) -> None:
        if self._state != "aiming" and not self._state.startswith("refused:"):
            return
        image = frame.toImage()
        if image.isNull():
            return
        self.preview.image = image
        self.preview.update()

    def _take(self) -> None:
        image = self.preview.image
        if image is None or image.isNull():
            return  # nothing seen yet: the button does nothing until a frame arrives
        data = encode_photo(image)
        verdict = assess_photo(data)
        if verdict.problem is not None:
            # The measures only: the photo itself never goes to a log.
            log.info("document photo refused: %s %s", verdict.problem, verdict.measures)
            self._show_state(f"refused:{verdict.problem.value}")
            return
        if self.session is not None:
            self.session.stop()
        self._photo = data
        self.still.setPixmap(
            QPixmap.fromImage(image).scaledToHeight(
                STILL_HEIGHT, Qt.TransformationMode.SmoothTransformation
            )
        )
        self.preview.image = None
        self._show_state("checking")

    def _keep(self) -> None:
        photo = self._photo
        if photo is None:
            return
        self._photo = None
        self.still.clear()
        self._show_state("kept")
        self.photo_kept.emit(photo)


def photo_problem_message(problem: PhotoProblem) -> str:
    """What the person is told about a refused photo, in their language."""
    messages = {
        PhotoProblem.TOO_DARK: translate(
            "DocumentPhotoView",
            "The photo is too dark to read. Move the document into the light and take it again.",
        ),
        PhotoProblem.BLURRED: translate(
            "DocumentPhotoView",
            "The photo is blurred. Hold the document still, a little further from the camera,"
            " and take it again.",
        ),
        PhotoProblem.NO_DOCUMENT: translate(
            "DocumentPhotoView",
            "No document can be seen in the frame. Lay the open page inside the dashed frame"
            " and take it again.",
        ),
        PhotoProblem.TOO_LARGE: translate(
            "DocumentPhotoView", "The photo could not be made small enough. Please take it again."
        ),
        PhotoProblem.NOT_AN_IMAGE: translate(
            "DocumentPhotoView", "The camera gave no usable picture. Please take it again."
        ),
    }
    return messages[problem]
