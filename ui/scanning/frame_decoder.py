"""Decode camera frames on the decoding lanes; the newest frame always wins.

The camera delivers 15–30 frames a second and decoding one may take longer
than the gap between two. Frames are never queued: the ``decoding`` lane of
:mod:`ui.operations` keeps at most one frame waiting behind the one being
decoded, and a newer frame replaces it. So the GUI thread never waits, memory
never grows, and what is decoded is what the person holds up now.

Each frame gets the pipeline's quick steps only (a few milliseconds). A
frame they miss is handed on to the ``costly_decoding`` lane, which runs the
costly steps (deblurring, un-warping a crumpled receipt: tens of
milliseconds) the same way: one frame at a time, at most one waiting, the
newest winning. The camera's frames never wait for it; while it works on a
frame the decoding lane goes on reading new ones, and whichever lane reads
the code first reports it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage

from ui.operations import Lane

if TYPE_CHECKING:  # numpy and the decoders load with the first frame, not at start-up
    import numpy as np
    from numpy.typing import NDArray

    from kiosk.qr import QrPipeline

log = logging.getLogger(__name__)

MIN_FRAME_SIDE = 21
"""No QR code fits in fewer pixels (version 1 has 21 modules)."""
MAX_DECODE_WIDTH = 1280
"""Wider frames are halved first: the pipeline's budget was measured at 640x480."""


def _new_pipeline() -> QrPipeline:
    from kiosk.qr import QrPipeline

    return QrPipeline()


def grey_array(image: QImage) -> NDArray[np.uint8]:
    """A greyscale copy of a frame as a numpy array (never a view into Qt's memory)."""
    import numpy as np

    if image.width() > MAX_DECODE_WIDTH:
        image = image.scaledToWidth(image.width() // 2, Qt.TransformationMode.FastTransformation)
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = grey.width(), grey.height(), grey.bytesPerLine()
    buffer = np.frombuffer(grey.constBits(), dtype=np.uint8, count=stride * height)
    return buffer.reshape(height, stride)[:, :width].copy()


class FrameDecoder(QObject):
    """Offers frames to the decoding lane; reports codes read on the GUI thread."""

    decoded = Signal(str)
    """A code's text, emitted on the GUI thread."""

    def __init__(
        self,
        lane: Lane,
        pipeline_factory: Callable[[], QrPipeline] = _new_pipeline,
        parent: QObject | None = None,
        costly_lane: Lane | None = None,
    ) -> None:
        """Without `costly_lane`, every step runs on `lane`, frame by frame."""
        super().__init__(parent)
        self._lane = lane
        self._costly_lane = costly_lane
        self._pipeline_factory = pipeline_factory
        self._pipeline: QrPipeline | None = None  # made and used on the decoding lane only
        self._costly_pipeline: QrPipeline | None = None  # on the costly lane only
        self._in_lane = 0
        """Frames offered and neither decoded nor dropped yet (counted on the GUI thread)."""
        self._shut = False
        self.frames_decoded = 0
        self.frames_dropped = 0
        self.frames_handed_on = 0
        """Frames the quick steps missed, given to the costly lane."""

    def offer(self, image: QImage) -> None:
        """Give the lane a new frame, replacing one it has not started on."""
        if self._shut:
            return
        self._in_lane += 1
        self._lane.run(
            partial(self._decode, image.copy()),  # a copy: detached from the camera's buffer
            self._decoded,
            self._failed,
            on_dropped=self._dropped,
        )

    def idle(self) -> bool:
        """Whether every offered frame has been decoded or dropped."""
        return self._in_lane == 0

    def shut_down(self) -> None:
        """Drop any waiting frame and wait for the lanes to finish their current one."""
        self._shut = True
        for lane in (self._lane, self._costly_lane):
            if lane is not None:
                lane.drop_waiting()
                lane.wait_for_idle()

    def _decoded(self, outcome: tuple[str | None, NDArray[np.uint8] | None]) -> None:
        """A frame's quick (or only) decoding is done: report a code, or hand the frame on."""
        self._in_lane -= 1
        text, missed = outcome
        if text is not None:
            self._report(text)
        elif missed is not None and self._costly_lane is not None and not self._shut:
            self._in_lane += 1
            self.frames_handed_on += 1
            self._costly_lane.run(
                partial(self._decode_costly, missed),
                self._costly_decoded,
                self._failed,
                on_dropped=self._dropped,
            )

    def _costly_decoded(self, text: str | None) -> None:
        self._in_lane -= 1
        if text is not None:
            self._report(text)

    def _report(self, text: str) -> None:
        if not self._shut:
            self.decoded.emit(text)

    def _failed(self, _error: Exception) -> None:
        # The lane logged it. One bad frame must not stop the camera, nor
        # bother the person: the next one may be fine.
        self._in_lane -= 1

    def _dropped(self) -> None:
        self._in_lane -= 1
        self.frames_dropped += 1

    def _decode(self, image: QImage) -> tuple[str | None, NDArray[np.uint8] | None]:
        """On the decoding lane: the code's text, or the greyscale frame when the costly
        steps are still to be tried on it (on the costly lane)."""
        if self._pipeline is None:
            self._pipeline = self._pipeline_factory()
        grey = grey_array(image)
        self.frames_decoded += 1
        if min(grey.shape) < MIN_FRAME_SIDE:
            return None, None
        if self._costly_lane is None:
            found = self._pipeline.decode(grey)
            return (found.text if found is not None else None), None
        found = self._pipeline.decode_quickly(grey)
        return (found.text, None) if found is not None else (None, grey)

    def _decode_costly(self, grey: NDArray[np.uint8]) -> str | None:
        if self._costly_pipeline is None:
            self._costly_pipeline = self._pipeline_factory()
        found = self._costly_pipeline.decode_costly(grey)
        return found.text if found is not None else None
