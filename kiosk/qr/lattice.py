"""Where the un-warping stage stops: the module grid of a crumpled code, learned.

The un-warping stage (kiosk/qr/unwarp.py) finds a code by its finders or
its outline and fits the grid outward from there. On a receipt that is
crumpled, blurred, noisy and tilted at once, the finders are smeared and
the fits start too far off to converge. A small convolutional net, trained
on the corpus generator's frames (bench/qr_lattice_training.py), sees in
every pixel what a window of a few modules can tell: how dark the code is
there (at twice the frame's resolution), whether the pixel is on a code, and
the *phase* of the flat code's two coordinates there, as (cos, sin) of
2π times the coordinate. Phase is what a window can see: where in its module
a pixel lies, not which module it is.

Reading a frame:

1. The first net, on the whole frame, gives the code's area (the largest
   region) and the restored darkness, whose edges give the lattice's turn
   (the angle of the edges' gradient, modulo a right angle).
2. The code's square of the frame, turned back by that angle, goes through
   the second net, trained on codes seen that way; its phases are
   unwrapped into coordinates by a flood fill that takes the most
   confident pixel next (a phase error then stays local).
3. Each cell of whole coordinates is a module: its pixels' mean position,
   mapped back to the frame, is the module's centre. Grids of every code
   size near the cells' count, at every offset and in four turns, are ranked
   by how well the net's darkness at their centres draws the patterns every
   code of that size has (finders, timing, alignment).
4. The best few seed the un-warping stage's own sampler, which corrects the
   drift and fits its mesh from there (``UnwarpDecoder.read_from_centres``),
   on the frame and on the restored darkness.

A code read this way passes the same checks as every other step (a full QR
code of the drawn size, error correction, UTF-8 / GB 18030), so a wrong grid
costs a miss, never a wrong payload. The nets' figures: docs/qr-decoding.md.
"""

from __future__ import annotations

import heapq
import logging
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from kiosk.qr.unwarp import UnwarpDecoder, function_patterns
from resources import QR_MODELS_DIR

Grey = NDArray[np.uint8]
Floats = NDArray[np.float64]

log = logging.getLogger(__name__)

FIRST_NET = QR_MODELS_DIR / "lattice-first.onnx"
"""Trained on frames as the camera sees them: the code's area and darkness."""
SECOND_NET = QR_MODELS_DIR / "lattice-second.onnx"
"""Trained on codes turned so their lattice lies near the image axes: the phases."""

MAX_NET_PIXELS = 640 * 600
"""Frames larger than this are reduced before the nets see them: a webcam frame passes
whole, and an activation of the net stays near 50 MB."""
SMALLEST_CODE_AREA = 400
"""Pixels of the net's code area below which there is no code worth reading."""
CROP_GROWTH = 1.15
"""The turned crop's side, relative to the code area's larger side (plus CROP_MARGIN)."""
CROP_MARGIN = 48
"""Pixels added to the turned crop's side: the nets see the code's quiet zone."""
LARGEST_CROP = 400
"""Pixels of the turned crop's side at most: a larger code area is reduced to it, which
bounds the unwrapping's cost (a pixel at a time) and leaves a large code's modules wide
enough to see."""
LEAST_CELL_PIXELS = 2
"""Pixels a cell needs for its centre to count."""
LEAST_PRESENT = 0.7
"""Share of a grid's module centres that must be found for the grid to be tried."""
LEAST_AGREEMENT = 0.7
"""Share of a grid's fixed modules the net's darkness must draw right for the grid to be
tried: the grids that read on the tuning corpus drew 0.88 to 1.0; on noise the best draw
about 0.45, and trying them costs seconds."""
GRIDS_TRIED = 6
"""Grids (size, offset, turn) tried on one frame, best drawn patterns first: a bound on the
cost; on the tuning corpus no code was read from a grid ranked below the first."""
QR_SIDES = tuple(17 + 4 * version for version in range(1, 41))


@dataclass(frozen=True)
class LatticeMaps:
    """What the net sees in an image."""

    darkness: Floats
    """How dark the code is, 0..1, at twice the image's resolution."""
    phases: Floats
    """cos, sin of 2π times the A coordinate, then of the B coordinate (4 x H x W)."""
    area: Floats
    """How likely each pixel is on a code, 0..1."""


def net_inputs(grey: Grey) -> NDArray[np.float32]:
    """The two planes the nets take: the frame centred on zero, and its local contrast
    (each pixel against a blur of about six pixels, in units of the local spread)."""
    pixels = grey.astype(np.float32)
    mean = cv2.GaussianBlur(pixels, (0, 0), 6)
    spread = np.sqrt(cv2.GaussianBlur((pixels - mean) ** 2, (0, 0), 6))
    contrast = (pixels - mean) / (spread + 4) / 2
    return np.stack([pixels / 255 - 0.5, contrast]).astype(np.float32)


def _sigmoid(logits: NDArray[np.float32]) -> Floats:
    return np.asarray(1 / (1 + np.exp(-logits.astype(np.float64))), dtype=np.float64)


class LatticeNetMissing(RuntimeError):
    """A net's file is missing or is not a net OpenCV can run (a damaged installation)."""


class LatticeNet:
    """One of the nets, run by OpenCV's dnn module. Not thread-safe.

    The file is read once; the runnable net is made for each image and
    dropped after it (10 ms): OpenCV keeps a net's buffers for its last
    input, about 200 MB for a webcam frame, which a kiosk should not hold
    between the rare frames that need it.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._model: NDArray[np.uint8] | None = None

    def maps(self, grey: Grey) -> LatticeMaps:
        """The net's maps of a greyscale image."""
        try:
            if self._model is None:
                self._model = np.fromfile(self._path, dtype=np.uint8)
            net = cv2.dnn.readNetFromONNX(self._model)
        except (OSError, cv2.error) as error:
            raise LatticeNetMissing(f"{self._path}: {error}") from error
        net.setInput(net_inputs(grey)[None])
        out = np.asarray(net.forward()[0], dtype=np.float32)
        height, width = out.shape[1:]
        # the first four planes are the darkness at 2x, pixel-shuffled: plane 2i+j is (2y+i, 2x+j)
        shuffled = out[:4].reshape(2, 2, height, width).transpose(2, 0, 3, 1)
        darkness = _sigmoid(shuffled.reshape(2 * height, 2 * width))
        return LatticeMaps(darkness, out[4:8].astype(np.float64), _sigmoid(out[8]))


def lattice_turn(darkness: Floats, region: NDArray[np.bool_]) -> float:
    """The lattice's angle in degrees (-45..45): the darkness's edges, each weighted by its
    strength, vote with four times their gradient's angle, so edges a right angle apart agree."""
    dark = darkness.astype(np.float32)
    gx = cv2.Sobel(dark, cv2.CV_32F, 1, 0)
    gy = cv2.Sobel(dark, cv2.CV_32F, 0, 1)
    weight = (gx * gx + gy * gy) * region
    vote = (weight * np.exp(4j * np.arctan2(gy, gx))).sum()
    return float(np.degrees(np.angle(vote) / 4))


def turned(
    grey: Grey, centre: tuple[float, float], degrees: float, side: int, zoom: float = 1.0
) -> tuple[Grey, Floats]:
    """The square of `grey` of `side` pixels around `centre` turned by -`degrees` (and
    scaled by `zoom`), and the affine map from its pixels back to the frame's."""
    angle = np.radians(degrees)
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]]) / zoom
    out = round(side * zoom)
    middle = np.array([out / 2 - 0.5, out / 2 - 0.5])
    back = np.hstack([rotation, (np.asarray(centre) - rotation @ middle)[:, None]])
    crop = cv2.warpAffine(
        grey,
        back,
        (out, out),
        flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_REFLECT,
    )
    return np.asarray(crop, dtype=np.uint8), back


def unwrapped(phase: Floats, region: NDArray[np.bool_], quality: Floats) -> Floats:
    """Phase (in cycles, wrapped to -0.5..0.5) unwrapped into a coordinate over `region`.

    A flood fill from the most confident pixel that always takes the most
    confident pixel on its edge next (Prim's tree on the pixels, each
    weighted by its own confidence): a wrong phase is reached last, from its
    neighbours, and its error stays where it is. NaN outside `region`.
    Plain lists, not numpy indexing: the fill is one pixel at a time.
    """
    height, width = phase.shape
    out = np.full(phase.shape, np.nan)
    if not region.any():
        return out
    wrapped = phase.ravel().tolist()
    ranked = np.where(region, -quality, np.inf).ravel().tolist()
    inside = region.ravel().tolist()
    value: list[float | None] = [None] * (height * width)
    start = int(np.argmin(ranked))
    value[start] = wrapped[start]
    edge = [(ranked[start], start)]
    while edge:
        _, pixel = heapq.heappop(edge)
        here, base = wrapped[pixel], value[pixel]
        assert base is not None
        row, col = divmod(pixel, width)
        for near, exists in (
            (pixel - width, row > 0),
            (pixel + width, row < height - 1),
            (pixel - 1, col > 0),
            (pixel + 1, col < width - 1),
        ):
            if exists and inside[near] and value[near] is None:
                step = wrapped[near] - here
                value[near] = base + step - round(step)
                heapq.heappush(edge, (ranked[near], near))
    reached = np.array([v is not None for v in value]).reshape(height, width)
    out[reached] = np.array([v for v in value if v is not None])
    return out


def cell_centres(a: Floats, b: Floats, known: NDArray[np.bool_], back: Floats) -> Floats:
    """Each cell of whole (A, B) coordinates as a module: its pixels' mean position mapped
    to the frame by `back` (rows B, columns A; NaN where a cell has too few pixels)."""
    rows, cols = np.nonzero(known)
    col = np.floor(a[known]).astype(int)
    row = np.floor(b[known]).astype(int)
    col -= col.min()
    row -= row.min()
    across, down = int(col.max()) + 1, int(row.max()) + 1
    cell = row * across + col
    count = np.bincount(cell, minlength=across * down).reshape(down, across)
    per_cell = np.maximum(count, 1)
    mean_x = np.bincount(cell, cols, minlength=across * down).reshape(down, across) / per_cell
    mean_y = np.bincount(cell, rows, minlength=across * down).reshape(down, across) / per_cell
    frame_x = back[0, 0] * mean_x + back[0, 1] * mean_y + back[0, 2]
    frame_y = back[1, 0] * mean_x + back[1, 1] * mean_y + back[1, 2]
    centres = np.stack([frame_x, frame_y], axis=-1)
    centres[count < LEAST_CELL_PIXELS] = np.nan
    return centres


def pattern_agreement(darkness: Floats, centres: Floats) -> float:
    """How many of the modules every code of this size has (finders, timing, alignment)
    the darkness draws right at `centres` (frame pixels): 0..1."""
    fixed, dark = function_patterns(centres.shape[0])
    found = np.isfinite(centres[..., 0])
    at = np.where(found[..., None], centres * 2 + 0.5, -10.0).astype(np.float32)
    seen = cv2.remap(
        darkness.astype(np.float32), at[..., 0], at[..., 1], cv2.INTER_LINEAR, borderValue=0.0
    )
    counted = found & fixed
    return float(((seen > 0.5) == dark)[counted].mean()) if counted.any() else 0.0


def candidate_grids(cells: Floats, darkness: Floats) -> list[Floats]:
    """Grids of module centres a code could have among the cells: every QR size near the
    cells' count, every offset with most centres found, in four turns; those whose fixed
    modules the darkness draws well enough, best first."""
    down, across = cells.shape[:2]
    ranked: list[tuple[float, int, Floats]] = []
    for side in QR_SIDES:
        if side < min(across, down) - 2 or side > max(across, down) + 1:
            continue
        padding = ((0, max(0, side - down)), (0, max(0, side - across)), (0, 0))
        padded = np.pad(cells, padding, constant_values=np.nan)
        for top in range(padded.shape[0] - side + 1):
            for left in range(padded.shape[1] - side + 1):
                window = padded[top : top + side, left : left + side]
                if np.isfinite(window[..., 0]).mean() < LEAST_PRESENT:
                    continue
                for quarter_turns in range(4):
                    grid = np.ascontiguousarray(np.rot90(window, quarter_turns))
                    agreement = pattern_agreement(darkness, grid)
                    if agreement >= LEAST_AGREEMENT:
                        ranked.append((agreement, len(ranked), grid))
    ranked.sort(key=lambda entry: (-entry[0], entry[1]))
    return [grid for _, _, grid in ranked]


class LatticeDecoder:
    """Reads a code whose grid the nets find, through the un-warping stage (module docstring)."""

    name = "lattice"

    def __init__(
        self, grids: int = GRIDS_TRIED, nets: tuple[Path, Path] = (FIRST_NET, SECOND_NET)
    ) -> None:
        self._first = LatticeNet(nets[0])
        self._second = LatticeNet(nets[1])
        self._unwarp = UnwarpDecoder()
        self._grids = grids
        self._missing = False

    def decode(self, grey: Grey) -> list[str]:
        """The texts read through the learned grid; [] when no grid reads.

        Without its nets (a damaged installation) the step reads nothing and
        says so once in the log; every other step goes on reading.
        """
        if self._missing:
            return []
        scale = min(1.0, float(np.sqrt(MAX_NET_PIXELS / grey.size)))
        seen = grey if scale == 1.0 else _reduced(grey, scale)
        try:
            first = self._first.maps(seen)
            grids = self._grids_in(seen, first)
        except LatticeNetMissing as error:
            log.error("QR codes on crumpled paper are read without the lattice net: %s", error)
            self._missing = True
            return []
        if not grids:
            return []
        restored = np.asarray(
            cv2.resize(
                np.clip(255 - first.darkness * 255, 0, 255).astype(np.uint8),
                (grey.shape[1], grey.shape[0]),
                interpolation=cv2.INTER_AREA,
            ),
            dtype=np.uint8,
        )
        for grid in grids:
            centres = (grid + 0.5) / scale - 0.5  # pixel centres of the reduced image -> grey's
            for image in (grey, restored):
                texts = self._unwarp.read_from_centres(image, centres)
                if texts:
                    return texts
        return []

    def _grids_in(self, grey: Grey, first: LatticeMaps) -> list[Floats]:
        """The likeliest grids of the largest code area, in `grey`'s pixels."""
        region = (first.area > 0.5).astype(np.uint8)
        count, labels, stats, middles = cv2.connectedComponentsWithStats(region, connectivity=4)
        if count < 2 or stats[1:, cv2.CC_STAT_AREA].max() < SMALLEST_CODE_AREA:
            return []
        label = int(np.argmax(stats[1:, cv2.CC_STAT_AREA])) + 1
        code = cv2.resize(
            (labels == label).astype(np.uint8),
            (first.darkness.shape[1], first.darkness.shape[0]),
            interpolation=cv2.INTER_NEAREST,
        ).astype(bool)
        side = int(
            max(stats[label, cv2.CC_STAT_WIDTH], stats[label, cv2.CC_STAT_HEIGHT]) * CROP_GROWTH
            + CROP_MARGIN
        )
        centre = (float(middles[label][0]), float(middles[label][1]))
        zoom = min(1.0, LARGEST_CROP / side)
        crop, back = turned(grey, centre, lattice_turn(first.darkness, code), side, zoom)
        second = self._second.maps(crop)
        on_code = second.area > 0.5
        phases = second.phases
        coordinates = [
            unwrapped(
                np.arctan2(phases[i + 1], phases[i]) / (2 * np.pi),
                on_code,
                np.hypot(phases[i], phases[i + 1]),
            )
            for i in (0, 2)
        ]
        known = on_code & np.isfinite(coordinates[0]) & np.isfinite(coordinates[1])
        if known.sum() < SMALLEST_CODE_AREA:
            return []
        cells = cell_centres(coordinates[0], coordinates[1], known, back)
        return candidate_grids(cells, first.darkness)[: self._grids]


def _reduced(grey: Grey, scale: float) -> Grey:
    size = (max(21, int(grey.shape[1] * scale)), max(21, int(grey.shape[0] * scale)))
    return np.asarray(cv2.resize(grey, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)
