"""Render QR codes to PNG in memory, and as camera-like frames, for the decoding tests."""

from __future__ import annotations

import io

import cv2
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


def cluttered_frame(text: str, module_px: float, angle: float, seed: int) -> Grey:
    """The code of `text` turned by `angle` degrees, `module_px` pixels a module, on a desk.

    The desk is lit unevenly and holds papers and lines of print, as the kiosk's
    camera sees it, so that finding the code is part of what is tested.
    """
    rng = np.random.default_rng(seed)
    frame = np.full((480, 640), 150.0) + np.linspace(-25, 25, 640)[None, :]
    for _ in range(5):
        x, y = int(rng.integers(0, 560)), int(rng.integers(0, 400))
        height, width = int(rng.integers(30, 160)), int(rng.integers(40, 220))
        frame[y : y + height, x : x + width] = rng.uniform(30, 230)
    for _ in range(12):
        x, y = int(rng.integers(0, 560)), int(rng.integers(0, 478))
        frame[y : y + 2, x : x + int(rng.integers(30, 180))] = rng.uniform(0, 60)
    code = png_to_grey(qr_png(text, box_size=1)).astype(np.float32)
    centre = (code.shape[1] / 2, code.shape[0] / 2)
    turn = cv2.getRotationMatrix2D(centre, angle, module_px)
    turn[:, 2] += (320 - centre[0], 240 - centre[1])
    warped = cv2.warpAffine(code, turn, (640, 480), flags=cv2.INTER_NEAREST, borderValue=-1)
    frame = np.where(warped >= 0, warped * 0.85 + 15, frame)
    return np.clip(cv2.GaussianBlur(frame, (0, 0), 0.6), 0, 255).astype(np.uint8)


def motion_blurred(grey: Grey, length: int, angle: float) -> Grey:
    """The frame smeared along a straight line, as when the card moves during the exposure."""
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1 / length
    centre = (length / 2 - 0.5, length / 2 - 0.5)
    turn = cv2.getRotationMatrix2D(centre, angle, 1)
    turned = np.asarray(cv2.warpAffine(kernel, turn, (length, length)), dtype=np.float32)
    return np.asarray(cv2.filter2D(grey, -1, turned / float(turned.sum())), dtype=np.uint8)


def focus_blurred(grey: Grey, sigma: float) -> Grey:
    """The frame out of focus (a Gaussian blur)."""
    return np.asarray(cv2.GaussianBlur(grey, (0, 0), sigma), dtype=np.uint8)


def sensor_noise(grey: Grey, sigma: float, seed: int) -> Grey:
    """The frame with a webcam sensor's grain added."""
    grain = np.random.default_rng(seed).normal(0, sigma, grey.shape)
    return np.clip(grey + grain, 0, 255).astype(np.uint8)


def paper_frame(
    text: str, seed: int, crumpled: float, creased: float = 0.0, module_px: float = 4.0
) -> Grey:
    """The code of `text` on paper crumpled by up to `crumpled` modules and folded by
    `creased` degrees (0: no fold), turned a little, on a plain desk, then softened,
    grainy and JPEG-compressed as the kiosk's webcam delivers it."""
    from bench.qr_corpus import crease, crumple

    rng = np.random.default_rng(seed)
    drawn_px = 8
    code = png_to_grey(qr_png(text, box_size=drawn_px)).astype(np.float32) * 0.85 + 15
    paper = crumple(code, crumpled, rng, drawn_px)
    if creased:
        paper = crease(paper, creased, rng, drawn_px)
    side = round(paper.shape[0] * module_px / drawn_px)
    small = cv2.resize(paper, (side, side), interpolation=cv2.INTER_AREA)
    centre = (side / 2, side / 2)
    turn = np.asarray(
        cv2.getRotationMatrix2D(centre, float(rng.uniform(-20, 20)), 1.0), dtype=np.float64
    )
    turn[:, 2] += np.array([320 - centre[0], 240 - centre[1]])
    frame = cv2.warpAffine(small, turn, (640, 480), flags=cv2.INTER_LINEAR, borderValue=110)
    frame = cv2.GaussianBlur(frame, (0, 0), 0.7) + rng.normal(0, 3, frame.shape)
    grey = np.clip(frame, 0, 255).astype(np.uint8)
    _, encoded = cv2.imencode(".jpg", grey, [cv2.IMWRITE_JPEG_QUALITY, 70])
    return np.asarray(cv2.imdecode(encoded, cv2.IMREAD_GRAYSCALE), dtype=np.uint8)
