"""Render QR codes to PNG in memory, and as camera-like frames, for the decoding tests."""

from __future__ import annotations

import io

import numpy as np
import qrcode
from numpy.typing import NDArray
from PIL import Image

Grey = NDArray[np.uint8]


def qr_png(text: str, box_size: int = 4, inverted: bool = False) -> bytes:
    """A PNG of `text` as a QR code in byte mode (UTF-8, no ECI marker)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size)
    code.add_data(text.encode("utf-8"))
    code.make(fit=True)
    image = code.make_image().get_image().convert("L")
    if inverted:
        image = Image.eval(image, lambda value: 255 - value)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def png_to_grey(png: bytes) -> Grey:
    """Decode PNG bytes to a greyscale array."""
    return np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=np.uint8)


def in_frame(png: bytes, size: tuple[int, int] = (640, 480), background: int = 120) -> Grey:
    """The code pasted into a plain webcam-sized frame, slightly soft, as a camera sees it."""
    code = Image.open(io.BytesIO(png)).convert("L")
    frame = Image.new("L", size, background)
    frame.paste(code, ((size[0] - code.width) // 2, (size[1] - code.height) // 2))
    return np.asarray(frame, dtype=np.uint8)
