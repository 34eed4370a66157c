"""The kiosk's one camera view, and the place on each screen that reads QR codes
(identify, enrolment) where it is shown.

There is one camera, so there is one view of it: a second view (a second video
sink and decoding thread per kiosk) crashed the process once many kiosks had
come and gone in one test run. Each screen has a slot; the screen being shown
takes the view into its slot, and what the camera reads goes to that screen
alone.

The camera, and QtMultimedia with it, is only set up the first time a screen
that reads codes is shown: a kiosk that is never asked to scan never loads it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

if TYPE_CHECKING:
    from ui.operations import Lane
    from ui.scanning.camera_session import CameraSettings
    from ui.scanning.camera_view import CameraView


class SharedCamera(QObject):
    """The camera view, made on first use and lent to the slot of the screen shown."""

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
        self._view: CameraView | None = None
        self._holder: CameraSlot | None = None
        if camera is not None:
            self._adopt(camera)

    def lend(self, slot: CameraSlot) -> CameraView:
        """The view, moved into `slot`, whose screen now hears what the camera reads."""
        if self._view is None:
            from ui.scanning.camera_view import CameraView

            settings = self._camera_settings() if self._camera_settings else None
            self._adopt(CameraView(self._decoding, settings, costly_decoding=self._costly_decoding))
        assert self._view is not None
        if self._holder is not slot:
            self._holder = slot
            slot.place(self._view)
        return self._view

    def held_by(self, slot: CameraSlot) -> bool:
        """Whether the view is made and in `slot`."""
        return self._view is not None and self._holder is slot

    def _adopt(self, camera: CameraView) -> None:
        self._view = camera
        camera.code_read.connect(self._pass_on)

    def _pass_on(self, text: str) -> None:
        if self._holder is not None:
            self._holder.code_read.emit(text)


class CameraSlot(QWidget):
    """Where a screen shows the kiosk's camera view while the screen is shown."""

    code_read = Signal(str)
    """The text of a QR code the camera read while this slot held the view."""

    def __init__(self, shared: SharedCamera) -> None:
        super().__init__()
        self._shared = shared
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def camera(self) -> CameraView:
        """The camera view, set up on first use, now in this slot."""
        return self._shared.lend(self)

    def start(self) -> bool:
        """Start looking (the screen is shown); the preview shows only with a camera.
        True when there is one, so the screen can ask for a code to be held up."""
        camera = self.camera
        camera.start()
        camera.setVisible(camera.camera_available)
        return camera.camera_available

    def stop(self) -> None:
        """Stop looking (the screen was left); a camera never started stays unmade."""
        if self._shared.held_by(self):
            self.camera.stop()

    def shut_down(self) -> None:
        """End the decoding thread (the kiosk closes): the slot holding the view does it."""
        if self._shared.held_by(self):
            self.camera.shut_down()

    def place(self, camera: CameraView) -> None:
        """Show the view here (a widget has one parent: it leaves the slot it was in)."""
        self._layout.addWidget(camera)
