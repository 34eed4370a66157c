"""The place on a screen where the camera's preview goes, shared by every screen
that reads QR codes (identify, enrolment).

The camera, and QtMultimedia with it, is only set up the first time the
screen is shown: a kiosk that is never asked to scan never loads it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

if TYPE_CHECKING:
    from ui.operations import Lane
    from ui.scanning.camera_session import CameraSettings
    from ui.scanning.camera_view import CameraView


class CameraSlot(QWidget):
    """Holds a screen's camera view, made on first use, and passes on what it reads."""

    code_read = Signal(str)
    """The text of a QR code the camera read."""

    def __init__(
        self,
        decoding: Lane,
        camera_settings: Callable[[], CameraSettings] | None = None,
        camera: CameraView | None = None,
        costly_decoding: Lane | None = None,
    ) -> None:
        """Frames are decoded on `decoding` (the costly steps on `costly_decoding`);
        `camera_settings` is asked for when the camera is first needed (a test may
        hand in a `camera` of its own)."""
        super().__init__()
        self._decoding = decoding
        self._costly_decoding = costly_decoding
        self._camera_settings = camera_settings
        self._camera: CameraView | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        if camera is not None:
            self._attach(camera)

    @property
    def camera(self) -> CameraView:
        """The camera view, set up on first use."""
        if self._camera is None:
            from ui.scanning.camera_view import CameraView

            settings = self._camera_settings() if self._camera_settings else None
            self._attach(
                CameraView(self._decoding, settings, costly_decoding=self._costly_decoding)
            )
        assert self._camera is not None
        return self._camera

    def start(self) -> bool:
        """Start looking (the screen is shown); the preview shows only with a camera.
        True when there is one, so the screen can ask for a code to be held up."""
        camera = self.camera
        camera.start()
        camera.setVisible(camera.camera_available)
        return camera.camera_available

    def stop(self) -> None:
        """Stop looking (the screen was left); a camera never started stays unmade."""
        if self._camera is not None:
            self._camera.stop()

    def shut_down(self) -> None:
        """End the decoding thread (the kiosk closes)."""
        if self._camera is not None:
            self._camera.shut_down()

    def _attach(self, camera: CameraView) -> None:
        self._camera = camera
        camera.code_read.connect(self.code_read)
        self._layout.addWidget(camera)
