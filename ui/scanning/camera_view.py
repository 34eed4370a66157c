"""The camera preview on the identify screen: a guide frame, hints, and codes read.

Frames arrive on a QVideoSink (from the camera, or from a test), are shown
mirrored like a looking glass so moving the card feels natural, and are
offered unmirrored to the frame decoder. A code read is reported once; the
view then rests until `start()` is called again. After a few seconds without
a code it suggests what usually helps.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtMultimedia import QVideoFrame, QVideoSink
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.operations import Lane
from ui.scanning.camera_session import CameraControl, CameraSession, CameraSettings
from ui.scanning.frame_decoder import FrameDecoder
from ui.screens.base import wrapped_label
from ui.widgets.base import TranslatableWidget

SessionFactory = Callable[[QVideoSink, CameraSettings], CameraControl]

GUIDE_SHARE = 0.7
"""The guide frame's side as a share of the preview's shorter side."""


class PreviewArea(QWidget):
    """Paints the latest frame, mirrored, with the guide frame over it."""

    def __init__(self) -> None:
        super().__init__()
        self.image: QImage | None = None
        self.success = False
        self.setMinimumSize(QSize(200, 150))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Frame scaled to fit (mirrored), then the guide frame."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(30, 30, 30))
        if self.image is not None and not self.image.isNull():
            scaled = self.image.scaled(
                self.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            ).flipped(Qt.Orientation.Horizontal)
            painter.drawImage(
                (self.width() - scaled.width()) // 2, (self.height() - scaled.height()) // 2, scaled
            )
        side = min(self.width(), self.height()) * GUIDE_SHARE
        guide = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        colour = QColor(60, 200, 90) if self.success else QColor(255, 255, 255)
        painter.setPen(QPen(colour, 6 if self.success else 4))
        painter.drawRoundedRect(guide, 16, 16)
        painter.end()


class CameraView(TranslatableWidget):
    """Preview, guide and hints for scanning with the camera."""

    code_read = Signal(str)
    """The text of a QR code seen by the camera (once per `start()`)."""

    def __init__(
        self,
        decoding: Lane,
        settings: CameraSettings | None = None,
        session_factory: SessionFactory | None = CameraSession,
        costly_decoding: Lane | None = None,
    ) -> None:
        """Frames are decoded on the `decoding` lane of the kiosk's operations, and
        those its quick steps miss on `costly_decoding` (without it, on `decoding`)."""
        super().__init__()
        self.settings = settings or CameraSettings()
        self.video_sink = QVideoSink(self)
        self.video_sink.videoFrameChanged.connect(self._frame_arrived)
        self.decoder = FrameDecoder(decoding, parent=self, costly_lane=costly_decoding)
        self.decoder.decoded.connect(self._decoded)
        self.session: CameraControl | None = (
            session_factory(self.video_sink, self.settings) if session_factory else None
        )
        self.preview = PreviewArea()
        self.status = wrapped_label("scan_status")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        self._hint_timer = QTimer(self)
        self._hint_timer.setInterval(round(self.settings.hint_seconds * 1000))
        self._hint_timer.timeout.connect(self._next_hint)
        self._hints_given = 0
        self._scanning = False
        self._state = "idle"
        self.retranslate()

    @property
    def camera_available(self) -> bool:
        """Whether a camera can be used now (else the screen offers scanner and keypad)."""
        return self.session is not None and self.session.available

    @property
    def scanning(self) -> bool:
        """Whether frames are being decoded now."""
        return self._scanning

    def start(self) -> None:
        """Look for a code: camera on, decoding on, hints counting from now."""
        self._scanning = True
        self._hints_given = 0
        self.preview.success = False
        self._state = "looking" if self.camera_available else "no_camera"
        # Without a camera, no empty black box: the screen's own prompt covers hand-held scanners.
        self.preview.setVisible(self.camera_available)
        self.status.setVisible(self.camera_available)
        if self.session is not None:
            self.session.start()
        self._hint_timer.start()
        self.retranslate()

    def stop(self) -> None:
        """Camera off and the last frame forgotten (it may show the person)."""
        self._scanning = False
        self._hint_timer.stop()
        if self.session is not None:
            self.session.stop()
        self.preview.image = None
        self.preview.update()

    def shut_down(self) -> None:
        """Stop, and let the frame being decoded finish (when the kiosk closes)."""
        self.stop()
        self.decoder.shut_down()

    def retranslate(self) -> None:
        """Texts for the current state: looking, a hint, success, or no camera."""
        texts = {
            "idle": "",
            "looking": translate("CameraView", "Hold the QR code of your ID inside the frame"),
            "closer": translate(
                "CameraView", "Hold the card closer and keep it still, code inside the frame"
            ),
            "glare": translate(
                "CameraView", "Avoid glare: tilt the card a little away from the light"
            ),
            "read": translate("CameraView", "Code read"),
            "no_camera": translate(
                "CameraView", "No camera here: use the hand-held scanner or type the number"
            ),
        }
        self.status.setText(texts[self._state])

    def _frame_arrived(self, frame: QVideoFrame) -> None:
        if not self._scanning:
            return
        image = frame.toImage()
        if image.isNull():
            return
        self.preview.image = image
        self.preview.update()
        self.decoder.offer(image)

    def _decoded(self, text: str) -> None:
        if not self._scanning:
            return  # a frame from before stop() finished decoding late
        self._scanning = False
        self._hint_timer.stop()
        self.preview.success = True
        self.preview.update()
        self._state = "read"
        self.retranslate()
        self.code_read.emit(text)

    def _next_hint(self) -> None:
        if not self._scanning or not self.camera_available:
            return
        self._hints_given += 1
        self._state = "closer" if self._hints_given % 2 else "glare"
        self.retranslate()
