"""Image files (a clerk's photo or scan of a code) as greyscale arrays, in memory only."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 40_000_000
"""A phone photo is 12–50 megapixels; beyond this the file is refused, not decoded."""
LONG_SIDE = 1600
"""Photos are reduced to this long side: codes stay readable and decoding stays fast."""


class ImageError(ValueError):
    """The file is not an image the kiosk can read."""


def load_grey(path: Path) -> NDArray[np.uint8]:
    """Read an image file as 8-bit greyscale, upright (EXIF), at most LONG_SIDE pixels long."""
    try:
        with Image.open(path) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ImageError(f"{image.width}x{image.height} is too large")
            upright = ImageOps.exif_transpose(image).convert("L")
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise ImageError(str(exc)) from exc
    if max(upright.size) > LONG_SIDE:
        upright.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.BOX)
    return np.asarray(upright, dtype=np.uint8)
