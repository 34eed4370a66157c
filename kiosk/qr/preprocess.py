"""Image clean-ups tried before giving up on a frame, each undoing one camera fault.

All work on 8-bit greyscale arrays with OpenCV, which does each of these in
well under a millisecond on a 640x480 frame; Pillow took five to eight times
as long, enough to break the per-frame budget (docs/qr-decoding.md). :class:`FrameVariants`
computes each clean-up of one frame at most once, since several steps of the
pipeline start from the same one (the sharpened frame, for instance).
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np
from numpy.typing import NDArray

Grey = NDArray[np.uint8]


def unsharp(grey: Grey, sigma: float = 2.0, amount: float = 1.0) -> Grey:
    """Sharpen edges softened by focus blur (the commonest webcam fault at close range)."""
    blurred = cv2.GaussianBlur(grey, (0, 0), sigma)
    return np.asarray(cv2.addWeighted(grey, 1 + amount, blurred, -amount, 0), dtype=np.uint8)


def stretch_contrast(grey: Grey, low_percent: float = 1.0, high_percent: float = 99.0) -> Grey:
    """Spread the grey levels actually present over the full range (dim or washed-out codes)."""
    bounds = np.percentile(grey[::4, ::4], (low_percent, high_percent))
    low, high = float(bounds[0]), float(bounds[1])
    if high - low < 1:
        return grey
    table = np.clip((np.arange(256, dtype=np.float32) - low) * (255.0 / (high - low)), 0, 255)
    lookup: Grey = table.astype(np.uint8)
    return lookup[grey]


def adaptive_threshold(grey: Grey, window: int = 31, offset: int = 5) -> Grey:
    """Black and white by comparing each pixel with its neighbourhood (glare, uneven light)."""
    binary = cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, window, offset
    )
    return np.asarray(binary, dtype=np.uint8)


def rescale(grey: Grey, factor: float) -> Grey:
    """Resize: up for codes whose modules are only two or three pixels, down for noise."""
    interpolation = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    resized = cv2.resize(grey, None, fx=factor, fy=factor, interpolation=interpolation)
    return np.asarray(resized, dtype=np.uint8)


class FrameVariants:
    """One frame and its clean-ups, each computed on first use and then reused."""

    def __init__(self, grey: Grey) -> None:
        self._cache: dict[str, Grey] = {"plain": grey}

    def get(self, name: str) -> Grey:
        """The frame cleaned up as `name` (one of :data:`VARIANTS`)."""
        if name not in self._cache:
            self._cache[name] = VARIANTS[name](self)
        return self._cache[name]


VARIANTS: dict[str, Callable[[FrameVariants], Grey]] = {
    "sharpened": lambda frame: unsharp(frame.get("plain")),
    "lightly_sharpened": lambda frame: unsharp(frame.get("plain"), sigma=1.0),
    "stretched": lambda frame: stretch_contrast(frame.get("plain")),
    "sharpened_threshold": lambda frame: adaptive_threshold(frame.get("sharpened")),
    "enlarged_sharpened": lambda frame: unsharp(
        rescale(frame.get("plain"), 1.5), sigma=2.5, amount=1.5
    ),
}
"""Every clean-up by name, built from the plain frame or from another clean-up."""
