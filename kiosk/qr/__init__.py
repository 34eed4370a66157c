"""QR decoding for camera frames and image files: no Qt, numpy arrays in, text out."""

from kiosk.qr.images import ImageError, load_grey
from kiosk.qr.pipeline import DecodedCode, QrPipeline, Step, default_steps, steps_without_unwarping

__all__ = [
    "DecodedCode",
    "ImageError",
    "QrPipeline",
    "Step",
    "default_steps",
    "load_grey",
    "steps_without_unwarping",
]
