"""Where a code is when its finder patterns are not found: the outline of its modules.

A fold through a finder, or blur and grain together, break the nested
contours the finder search looks for (kiosk/qr/unwarp.py), often two of the
three. The code as a whole survives better: its dark modules, closed over
a couple of modules, make one solid patch whose convex hull is the
symbol's outline, a quadrilateral under any pose. Which corner is the top
left is decided afterwards, by looking for the finders in the code
rectified through each of the four (kiosk/qr/unwarp.py ``codes_in_outline``).
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from kiosk.qr.region import locate_code

Grey = NDArray[np.uint8]
Corners = NDArray[np.float32]

SMOOTHING = 1.0
"""Pixels of Gaussian smoothing before thresholding: grain would break the patch apart."""
THRESHOLD_OFFSET = 8
"""Grey levels below the local mean a pixel must be to count as a dark module."""
CLOSING_MODULES = 2.5
"""Gaps between dark modules closed: a code has no light run longer than a few modules
except in its quiet zone."""
OPENING_MODULES = 2.0
"""Thin dark strokes (print, a fold's shadow) removed after closing."""


def symbol_outline(grey: Grey, module: float) -> Corners | None:
    """The corners of the likeliest code (frame pixels, clockwise on screen), or None.

    `module` is the module size in pixels as far as it is known (from a
    finder the contour search did find, else a typical one); it sets the
    window of the threshold and how much is closed.
    """
    region = locate_code(grey)
    if region is None:
        return None
    cut = cv2.GaussianBlur(region.cut(grey), (0, 0), SMOOTHING)
    window = int(max(15, 8 * module)) | 1
    dark = cv2.adaptiveThreshold(
        cut, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, window, THRESHOLD_OFFSET
    )
    dark = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, _disc(CLOSING_MODULES * module))
    dark = cv2.morphologyEx(dark, cv2.MORPH_OPEN, _disc(OPENING_MODULES * module))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(dark)
    if count < 2:
        return None
    largest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    points = cv2.findNonZero((labels == largest).astype(np.uint8))
    corners = _quadrilateral(cv2.convexHull(points))
    if corners is None:
        corners = cv2.boxPoints(cv2.minAreaRect(points)).astype(np.float32)
    return clockwise(corners + np.array([region.left, region.top], np.float32))


def _disc(diameter: float) -> NDArray[np.uint8]:
    side = max(3, round(diameter))
    return np.asarray(cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side)), dtype=np.uint8)


def _quadrilateral(hull: NDArray[np.int32]) -> Corners | None:
    """The hull simplified to four corners, as little as it takes; None if it skips four."""
    perimeter = cv2.arcLength(hull, True)
    for share in np.linspace(0.01, 0.2, 40):
        simplified = cv2.approxPolyDP(hull, float(share * perimeter), True)
        if len(simplified) == 4:
            return np.asarray(simplified[:, 0, :], dtype=np.float32)
        if len(simplified) < 4:
            return None
    return None


def clockwise(corners: Corners) -> Corners:
    """The corners in clockwise order on screen (y down), as a code's are top-left first."""
    first, second = corners[1] - corners[0], corners[2] - corners[1]
    if first[0] * second[1] - first[1] * second[0] > 0:
        return corners
    return np.asarray(corners[::-1], dtype=np.float32)
