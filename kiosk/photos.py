"""Whether a document photo is worth keeping: readable, small enough, and a document.

A photo of a hukou page that the officer cannot read costs the applicant a
second trip, so the kiosk checks each photo the moment it is taken and asks
for another at once. The checks are deliberately simple measures that run in
milliseconds on a kiosk's CPU, on the photo as it will be sent (the encoded
bytes, so what is checked is what arrives):

- brightness: the mean grey level; a covered lens or a dark room is refused;
- document-ness: the share of edge pixels (Canny) inside the guide frame; a
  page with printing has many, an empty table or a wall has none. A photo
  without edges but with contrast (printing smeared by a shaking hand) is a
  blurred document, not a missing one;
- sharpness: the variance of the Laplacian inside the guide frame, low when
  the camera moved or the page was too close to focus.

Measures are taken on the photo scaled to :data:`MEASURE_WIDTH` pixels, so the
thresholds do not depend on the camera's resolution. The photo's pixels are
never logged: only the problem code and the measures are.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

import cv2
import numpy as np

MAX_PHOTO_BYTES = 300 * 1024
"""Largest photo kept: a readable A5 page in JPEG, and about 40 s of a 2G uplink."""
PHOTO_MEDIA_TYPES = frozenset({"image/jpeg", "image/webp"})
"""The encodings a photo may be in (the kiosk writes JPEG)."""
MEASURE_WIDTH = 640
GUIDE_MARGIN = 0.15
"""Share of each side outside the guide frame; the document is expected inside it."""
DARKEST_MEAN = 50.0
"""Mean grey level (0-255) below which a photo is too dark to read."""
FEWEST_EDGES = 0.01
"""Share of edge pixels inside the guide frame below which no document is in it..."""
LEAST_CONTRAST = 10.0
"""...unless its grey levels still vary by this much (standard deviation): then it is blurred."""
SHARPEST_BLUR = 150.0
"""Variance of the Laplacian below which printing is too blurred to read."""


class PhotoProblem(StrEnum):
    """Why a photo is refused; the screen says each in the person's language."""

    NOT_AN_IMAGE = "not_an_image"
    TOO_LARGE = "too_large"
    TOO_DARK = "too_dark"
    NO_DOCUMENT = "no_document"
    BLURRED = "blurred"


@dataclass(frozen=True)
class PhotoMeasures:
    """What the checks measured, for the clerk's log line and for tuning the thresholds."""

    brightness: float
    edge_share: float
    contrast: float
    sharpness: float


@dataclass(frozen=True)
class PhotoVerdict:
    """A photo's problem (None when it is kept) and the measures behind the verdict."""

    problem: PhotoProblem | None
    measures: PhotoMeasures | None = None


def photo_digest(data: bytes) -> str:
    """The SHA-256 (hex) a photo is known by: the answer of its field and its upload name."""
    return hashlib.sha256(data).hexdigest()


def media_type_of(data: bytes) -> str | None:
    """``image/jpeg`` or ``image/webp`` from the file's first bytes; None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def assess_photo(data: bytes) -> PhotoVerdict:
    """Whether the encoded photo ``data`` is kept, and if not, why."""
    if len(data) > MAX_PHOTO_BYTES:
        return PhotoVerdict(PhotoProblem.TOO_LARGE)
    if media_type_of(data) is None:
        return PhotoVerdict(PhotoProblem.NOT_AN_IMAGE)
    grey = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if grey is None or grey.size == 0:
        return PhotoVerdict(PhotoProblem.NOT_AN_IMAGE)
    measures = measure(grey)
    return PhotoVerdict(_problem(measures), measures)


def measure(grey: np.ndarray) -> PhotoMeasures:
    """Brightness of the whole photo; edges and sharpness inside the guide frame."""
    height, width = grey.shape[:2]
    scaled_height = max(1, round(MEASURE_WIDTH * height / width))
    small = cv2.resize(grey, (MEASURE_WIDTH, scaled_height), interpolation=cv2.INTER_AREA)
    top, left = int(scaled_height * GUIDE_MARGIN), int(MEASURE_WIDTH * GUIDE_MARGIN)
    inside = small[top : scaled_height - top, left : MEASURE_WIDTH - left]
    edges = cv2.Canny(inside, 60, 160)
    return PhotoMeasures(
        brightness=float(small.mean()),
        edge_share=float(np.count_nonzero(edges)) / max(1, edges.size),
        contrast=float(inside.std()),
        sharpness=float(cv2.Laplacian(inside, cv2.CV_64F).var()),
    )


def _problem(measures: PhotoMeasures) -> PhotoProblem | None:
    if measures.brightness < DARKEST_MEAN:
        return PhotoProblem.TOO_DARK
    if measures.edge_share < FEWEST_EDGES and measures.contrast < LEAST_CONTRAST:
        return PhotoProblem.NO_DOCUMENT
    if measures.sharpness < SHARPEST_BLUR:
        return PhotoProblem.BLURRED
    return None
