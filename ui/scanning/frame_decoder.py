"""Decode camera frames on a worker thread; the newest frame always wins.

The camera delivers 15–30 frames a second and decoding one may take longer
than the gap between two. Frames are never queued: the worker takes the
newest frame when it is free, and any frame that arrived meanwhile and was
overtaken is dropped. So the GUI thread never waits, memory never grows, and
what is decoded is what the person holds up now.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage

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
    """Offers frames to one decoding thread; reports codes read on the GUI thread."""

    decoded = Signal(str)
    """A code's text; emitted from the worker, delivered queued to GUI-thread slots."""

    def __init__(
        self,
        pipeline_factory: Callable[[], QrPipeline] = _new_pipeline,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pipeline_factory = pipeline_factory
        self._pipeline: QrPipeline | None = None  # made and used on the worker only
        self._lock = threading.Lock()
        self._latest: QImage | None = None
        self._busy = False
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qr-decode")
        self.frames_decoded = 0
        self.frames_dropped = 0

    def offer(self, image: QImage) -> None:
        """Give the worker a new frame, replacing one it has not started on."""
        with self._lock:
            if self._latest is not None:
                self.frames_dropped += 1
            self._latest = image.copy()  # detach from the camera's buffer
            if self._busy:
                return
            self._busy = True
        self._executor.submit(self._drain)

    def idle(self) -> bool:
        """Whether every offered frame has been decoded or dropped."""
        with self._lock:
            return not self._busy

    def shut_down(self) -> None:
        """Drop any waiting frame and wait for the worker to finish the current one."""
        with self._lock:
            self._latest = None
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _drain(self) -> None:
        """Worker loop: decode the newest frame until none is waiting."""
        while True:
            with self._lock:
                image, self._latest = self._latest, None
                if image is None:
                    self._busy = False
                    return
            text = self._decode(image)
            if text is not None:
                self.decoded.emit(text)

    def _decode(self, image: QImage) -> str | None:
        if self._pipeline is None:
            self._pipeline = self._pipeline_factory()
        grey = grey_array(image)
        self.frames_decoded += 1
        if min(grey.shape) < MIN_FRAME_SIDE:
            return None
        try:
            found = self._pipeline.decode(grey)
        except Exception:  # one bad frame must not stop the camera; the next one may be fine
            log.exception("decoding a camera frame failed")
            return None
        return found.text if found is not None else None
