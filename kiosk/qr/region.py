"""Find where in a frame the code probably is, so costly clean-ups work on that part only.

A QR code is a filled square of fine texture; the rest of a kiosk frame is
flat paper, card edges and lines of print. The local standard deviation of a
quarter-size frame is high on both, but a morphological opening removes the
thin strokes that edges and print leave in that map and keeps the code's
filled square, even when the code is blurred beyond reading. The largest
remaining blob, with a margin for rotation and blur, is the region.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

Grey = NDArray[np.uint8]

SCALE = 4
"""The map is made from a frame this many times smaller: cheap, and the code is still a blob."""
WINDOW = 5
"""Side of the window of the local standard deviation, in map pixels (20 frame pixels)."""
OPENING = 7
"""Strokes narrower than this (in map pixels) are not a code; the smallest code is about 25."""
LEVEL = 0.3
"""Share of the map's maximum above which a map pixel counts as textured."""


@dataclass(frozen=True)
class Region:
    """A rectangle of the frame, in frame pixels."""

    left: int
    top: int
    width: int
    height: int

    def cut(self, grey: Grey) -> Grey:
        """The part of `grey` inside this rectangle (a view, not a copy)."""
        return grey[self.top : self.top + self.height, self.left : self.left + self.width]


def locate_code(grey: Grey) -> Region | None:
    """The rectangle most likely to hold the frame's code, or None for a featureless frame."""
    height, width = grey.shape
    if min(height, width) < SCALE * OPENING * 2:
        return None
    small = cv2.resize(
        grey, (width // SCALE, height // SCALE), interpolation=cv2.INTER_AREA
    ).astype(np.float32)
    mean = cv2.blur(small, (WINDOW, WINDOW))
    mean_of_squares = cv2.blur(small * small, (WINDOW, WINDOW))
    spread = np.sqrt(np.maximum(mean_of_squares - mean * mean, 0))
    texture = cv2.morphologyEx(spread, cv2.MORPH_OPEN, np.ones((OPENING, OPENING), np.uint8))
    peak = float(texture.max())
    if peak < 1.0:
        return None
    mask = (texture > LEVEL * peak).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask)
    if count < 2:
        return None
    largest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    x, y, w, h = (int(value) * SCALE for value in stats[largest, :4])
    margin = int(12 + 0.12 * max(w, h))  # rotated corners and blur spill past the blob
    left, top = max(0, x - margin), max(0, y - margin)
    right, bottom = min(width, x + w + margin), min(height, y + h + margin)
    return Region(left, top, right - left, bottom - top)
