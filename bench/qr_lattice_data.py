"""What the QR lattice nets (kiosk/qr/lattice.py) learn from: generator frames and their truth.

The corpus generator records what it did to each code on paper
(`bench.qr_corpus.traced`), so every pixel of a frame can be traced back to
the point of the flat code it shows. From that, for a crop of a frame:

- ``darkness``: the code as printed (1 dark, 0 light or off the code), at
  twice the crop's resolution, pixel centres at (x + 0.25, y + 0.25) and so on;
- ``a``, ``b``: the flat code's two module coordinates, as fractions of a
  module (what the nets' phases are: cos, sin of 2π times these). They are
  *canonical*: A is whichever flat axis grows most nearly along the crop's
  x, signed to grow rightwards, B the other, signed to grow downwards; a
  window cannot tell a code's own axes apart (it could be turned or
  mirrored), but it can tell these;
- ``area``: 1 on the code (the quiet zone excluded), ``known``: where A and
  B are defined and unambiguous (both within CANONICAL_LIMIT degrees of the
  crop's axes).

Two kinds of crop: the frame as the camera sees it, around the code (the
first net), and the code's square turned by the pose's turn plus a jitter,
so its lattice lies near the axes (the second net). Training:
bench/qr_lattice_training.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from bench.qr_corpus import MODULE_PX, PaperTrace, Sample, paper_sample, traced
from bench.qr_locator import OFF_PAPER, QUIET_ZONE, paper_sources, true_modules
from kiosk.qr.lattice import turned

Floats = NDArray[np.float64]
Mask = NDArray[np.uint8]

CROP_MARGIN = 24
"""Pixels of frame kept around the code's outline."""
CANONICAL_LIMIT = 35.0
"""Degrees from the crop's axes within which A's and B's gradients must lie to be learned:
near 45 degrees the canonical axes swap from pixel to pixel."""
TURN_JITTER = 10.0
"""Degrees by which the second net's crops are turned off the true lattice angle: the
first net's estimate of the turn is about this far off."""
COMBINED_SHARE = 0.5
"""Share of training frames from the combined family (levels 1-3); the rest crumpled,
creased or curved at levels 2-3."""


@dataclass(frozen=True)
class LatticeCrop:
    """One training crop and what the nets should see in it."""

    frame: NDArray[np.uint8]
    darkness: Mask
    a: NDArray[np.float16]
    b: NDArray[np.float16]
    area: Mask
    known: Mask
    back: Floats
    """The affine map (2x3) from the crop's pixels to the frame's."""


def flat_coordinates(
    trace: PaperTrace,
    sources: tuple[NDArray[np.float32], NDArray[np.float32]],
    x: Floats,
    y: Floats,
) -> tuple[Floats, Floats]:
    """The flat code's module coordinates (0 at the code's corner, quiet zone excluded) shown at
    frame points (x, y); NaN where no paper is."""
    assert trace.pose is not None
    points = np.stack([x.ravel(), y.ravel()], -1).reshape(1, -1, 2).astype(np.float64)
    shrunk = cv2.perspectiveTransform(points, np.linalg.inv(trace.pose)).reshape((*x.shape, 2))
    paper = (shrunk + 0.5) / (trace.side / trace.paper_side) - 0.5
    paper_x = paper[..., 0].astype(np.float32)
    paper_y = paper[..., 1].astype(np.float32)
    shown = [
        cv2.remap(
            source,
            paper_x,
            paper_y,
            cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=OFF_PAPER,
        )
        for source in sources
    ]
    on_paper = (shown[0] > -1) & (shown[1] > -1)
    u = np.where(on_paper, (shown[0] + 0.5) / MODULE_PX - QUIET_ZONE, np.nan)
    v = np.where(on_paper, (shown[1] + 0.5) / MODULE_PX - QUIET_ZONE, np.nan)
    return u, v


def canonical(u: Floats, v: Floats) -> tuple[Floats, Floats]:
    """The coordinates as the canonical axes A, B (module docstring), pixel by pixel."""
    uy, ux = np.gradient(u)
    vy, vx = np.gradient(v)
    u_along_x = np.abs(ux) / (np.hypot(ux, uy) + 1e-9)
    v_along_x = np.abs(vx) / (np.hypot(vx, vy) + 1e-9)
    u_is_a = u_along_x >= v_along_x
    a = np.where(u_is_a, u * np.sign(ux), v * np.sign(vx))
    b = np.where(u_is_a, v * np.sign(vy), u * np.sign(uy))
    return a, b


def wrapped_gradient(fraction: Floats) -> tuple[Floats, Floats]:
    """The x and y steps of a coordinate known modulo one, each wrapped to -0.5..0.5."""
    gx = np.zeros_like(fraction)
    gy = np.zeros_like(fraction)
    step = fraction[:, 1:] - fraction[:, :-1]
    gx[:, 1:] = step - np.round(step)
    step = fraction[1:] - fraction[:-1]
    gy[1:] = step - np.round(step)
    return gx, gy


def axis_aligned(a: Floats, b: Floats) -> NDArray[np.bool_]:
    """Where A's gradient lies within CANONICAL_LIMIT degrees of x and B's of y."""
    ax, ay = wrapped_gradient(a)
    bx, by = wrapped_gradient(b)
    a_ok = np.degrees(np.arctan2(np.abs(ay), np.abs(ax))) < CANONICAL_LIMIT
    b_ok = np.degrees(np.arctan2(np.abs(bx), np.abs(by))) < CANONICAL_LIMIT
    return np.asarray(a_ok & b_ok)


def lattice_angle(trace: PaperTrace) -> float:
    """The pose's turn of the code's lattice at its centre, degrees in -45..45."""
    assert trace.pose is not None
    middle = trace.side / 2
    ends = np.array([[[middle, middle], [middle + 1, middle]]], np.float64)
    start, end = cv2.perspectiveTransform(ends, trace.pose)[0]
    degrees = float(np.degrees(np.arctan2(end[1] - start[1], end[0] - start[0])))
    return (degrees + 45) % 90 - 45


def _code_box(trace: PaperTrace) -> Floats:
    assert trace.pose is not None
    side = trace.side
    corners = np.array([[[0, 0], [side, 0], [side, side], [0, side]]], np.float64)
    return np.asarray(cv2.perspectiveTransform(corners, trace.pose)[0], dtype=np.float64)


def crop_targets(
    sample: Sample, trace: PaperTrace, frame: NDArray[np.uint8], back: Floats
) -> LatticeCrop:
    """The truth of a crop whose pixel (x, y) shows frame point back @ (x, y, 1)."""
    assert sample.payload is not None
    sources = paper_sources(trace)
    modules = true_modules(sample.payload)
    size = modules.shape[0]

    def coordinates(scale: int) -> tuple[Floats, Floats]:
        rows, cols = np.mgrid[0 : frame.shape[0] * scale, 0 : frame.shape[1] * scale]
        x = (cols - (scale - 1) / 2) / scale
        y = (rows - (scale - 1) / 2) / scale
        frame_x = back[0, 0] * x + back[0, 1] * y + back[0, 2]
        frame_y = back[1, 0] * x + back[1, 1] * y + back[1, 2]
        return flat_coordinates(trace, sources, frame_x, frame_y)

    u, v = coordinates(1)
    on_code = (u >= 0) & (u < size) & (v >= 0) & (v < size)
    a, b = canonical(u, v)
    defined = np.isfinite(a) & np.isfinite(b)
    a = np.where(defined, np.mod(a, 1), 0.0)
    b = np.where(defined, np.mod(b, 1), 0.0)
    known = defined & on_code & axis_aligned(a, b)
    u2, v2 = coordinates(2)
    on_code2 = (u2 >= 0) & (u2 < size) & (v2 >= 0) & (v2 < size)
    column = np.clip(np.nan_to_num(u2), 0, size - 1).astype(int)
    row = np.clip(np.nan_to_num(v2), 0, size - 1).astype(int)
    return LatticeCrop(
        frame=frame,
        darkness=(on_code2 & modules[row, column]).astype(np.uint8),
        a=a.astype(np.float16),
        b=b.astype(np.float16),
        area=on_code.astype(np.uint8),
        known=known.astype(np.uint8),
        back=back,
    )


def as_seen(sample: Sample, trace: PaperTrace) -> LatticeCrop:
    """The frame around the code, as the camera saw it (the first net's crops)."""
    box = _code_box(trace)
    height, width = sample.image.shape
    left = int(max(0, box[:, 0].min() - CROP_MARGIN))
    right = int(min(width, box[:, 0].max() + CROP_MARGIN))
    top = int(max(0, box[:, 1].min() - CROP_MARGIN))
    bottom = int(min(height, box[:, 1].max() + CROP_MARGIN))
    back = np.array([[1.0, 0.0, left], [0.0, 1.0, top]])
    return crop_targets(sample, trace, sample.image[top:bottom, left:right].copy(), back)


def turned_back(sample: Sample, trace: PaperTrace, jitter: float) -> LatticeCrop:
    """The code's square turned by the pose's turn plus `jitter` degrees (the second net's)."""
    box = _code_box(trace)
    centre = box.mean(axis=0)
    side = int(np.ptp(box, axis=0).max() * 1.1 + 2 * CROP_MARGIN)
    degrees = lattice_angle(trace) + jitter
    frame, back = turned(sample.image, (float(centre[0]), float(centre[1])), degrees, side)
    return crop_targets(sample, trace, frame, back)


def training_crops(seed: int, count: int, turn_back: bool) -> list[LatticeCrop]:
    """`count` crops of fresh generator frames (seeds other than the corpora's 20261127/8)."""
    rng = np.random.default_rng(seed)
    crops = []
    for _ in range(count):
        if rng.random() < COMBINED_SHARE:
            family, level = "combined", int(rng.integers(1, 4))
        else:
            family = str(rng.choice(["crumpled", "creased", "curved"]))
            level = int(rng.integers(2, 4))
        with traced() as traces:
            sample = paper_sample(family, level, rng)
        if turn_back:
            crops.append(turned_back(sample, traces[0], float(rng.uniform(-1, 1) * TURN_JITTER)))
        else:
            crops.append(as_seen(sample, traces[0]))
    return crops
