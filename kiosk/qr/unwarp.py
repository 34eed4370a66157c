"""Un-warping a code on paper that is not flat, so that zxing-cpp can read its modules.

zxing-cpp maps a code's modules with one perspective transform (piecewise,
through the alignment patterns, for large versions only). On a crumpled,
creased or curved receipt the modules drift from any such mapping by a
module or more, and the code is found but not read. This stage fits the
module grid itself:

1. Where the code is: the three finder patterns, found as nested contours
   (dark ring, light ring, dark core) of the adaptively thresholded frame,
   the triple forming the best right-angled isosceles triangle; and the
   codes zxing-cpp located but could not read, with their outline. Each
   fixes which way up the code is and, roughly, its version.
2. The code is sampled through the map the finders give (made a
   perspective map by the bottom-right alignment pattern, looked for near
   where the finders put it) into a rectified image, 5 pixels a module.
3. The grid's local drift is measured: in windows of a few modules, the
   edges between modules make the gradient's column (row) profile periodic
   with the module pitch, and the phase of that period is how far the grid
   has moved there. Phases are unwrapped outward from the finders (where the
   drift is zero by construction), smoothed, and the rectified image is
   resampled through the corrected grid. Three times, in smaller windows:
   each pass measures what the one before left over.
4. Each module's centre, dark or light against its neighbourhood, is
   redrawn as a clean code and given to zxing-cpp, after the map and after
   each pass; the modules the version fixes (finders, timing and alignment
   patterns, version information) are drawn as the standard has them, not
   as sampled, and a second reading pushes each module's contrast away from
   its neighbours' (a blur of about a module).
5. Where no finder triple was found and zxing-cpp located nothing, the
   code's outline (kiosk/qr/outline.py) is tried in its four turns, each
   moved onto the finders found in the rectified code (``codes_in_outline``).
6. When every fit above failed, the grids tried are fitted once more as a
   mesh (kiosk/qr/mesh.py), which follows a fold's kink where the drift
   passes lose the module pitch, and read again.

A code is accepted only if it is a full QR code of the size drawn, its
Reed-Solomon error correction and format checks pass and its bytes are
UTF-8 or GB 18030 (kiosk/qr/payload_text.py), so a wrong fit costs a miss,
never a wrong payload. A frame gets at most MAX_FITS fits, which bounds its
cost. See docs/qr-decoding.md for what each part gained on the corpus.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import qrcode.util
import zxingcpp
from numpy.typing import NDArray

from kiosk.qr.decoders import QR_ONLY
from kiosk.qr.mesh import fit_mesh, known_modules, sampled
from kiosk.qr.outline import symbol_outline
from kiosk.qr.payload_text import payload_text

Grey = NDArray[np.uint8]
Floats = NDArray[np.float32]
Contour = NDArray[Any]

PIXELS_PER_MODULE = 5
"""Sampling of the rectified code: enough for the phase of the module pitch, cheap to fit."""
MARGIN = 3
"""Modules of paper sampled around the code, so that a drifted edge module stays inside."""
WINDOWS = (4.0, 2.5, 1.8)
"""Gaussian window (modules, 2 sigma) of each refinement pass: coarse first, then fine."""
TILE_STEP = 1
"""Modules between the points where the drift is measured."""
MAX_CANDIDATES = 12
"""Finder candidates kept (largest first): bounds the triples tried on a cluttered frame."""


@dataclass(frozen=True)
class Finder:
    """A finder pattern candidate: its centre and module size, in frame pixels."""

    x: float
    y: float
    module: float


@dataclass(frozen=True)
class CodeFrame:
    """Where a code lies: the centres of its top-left, top-right and bottom-left finders.

    A code located by zxing-cpp also has its `outline` (the symbol's corners,
    top-left first, clockwise), which carries the pose's perspective.
    """

    top_left: Finder
    top_right: Finder
    bottom_left: Finder
    outline: tuple[tuple[float, float], ...] | None = None

    def side_in_modules(self) -> float:
        """The code's side estimated from the finders' distance and size."""
        module = (self.top_left.module + self.top_right.module + self.bottom_left.module) / 3
        across = _distance(self.top_left, self.top_right)
        down = _distance(self.top_left, self.bottom_left)
        return (across + down) / 2 / module + 7

    def centres(self) -> list[tuple[float, float]]:
        """The three finder centres in frame pixels: top-left, top-right, bottom-left."""
        return [
            (finder.x, finder.y) for finder in (self.top_left, self.top_right, self.bottom_left)
        ]

    def mapping(self, modules: int) -> NDArray[np.float64]:
        """Module coordinates -> frame pixels (3x3): through the outline, else the finders."""
        if self.outline is None:
            return self.affine(modules)
        square = np.array([[0, 0], [modules, 0], [modules, modules], [0, modules]], np.float32)
        corners = np.array(self.outline, dtype=np.float32)
        return np.asarray(cv2.getPerspectiveTransform(square, corners), dtype=np.float64)

    def affine(self, modules: int) -> NDArray[np.float64]:
        """Module coordinates -> frame pixels through the three finder centres, as a 3x3 matrix."""
        source = np.array(_finder_modules(modules), dtype=np.float32)
        target = np.array(self.centres(), dtype=np.float32)
        return np.vstack([cv2.getAffineTransform(source, target), [0.0, 0.0, 1.0]])


def _finder_modules(modules: int) -> list[tuple[float, float]]:
    """The finder centres in module coordinates: top-left, top-right, bottom-left."""
    far = modules - 3.5
    return [(3.5, 3.5), (far, 3.5), (3.5, far)]


def _distance(first: Finder, second: Finder) -> float:
    return float(np.hypot(first.x - second.x, first.y - second.y))


def find_finders(grey: Grey) -> list[Finder]:
    """Finder pattern candidates: contours holding a hole that holds a dark core."""
    smooth = cv2.GaussianBlur(grey, (0, 0), 0.8)
    found: list[Finder] = []
    for invert in (False, True):  # dark-on-light codes, then light-on-dark ones
        source = 255 - smooth if invert else smooth
        binary = cv2.adaptiveThreshold(
            source, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 51, 7
        )
        contours, hierarchy = cv2.findContours(binary, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)
        if hierarchy is None:
            continue
        links = hierarchy[0]
        for index, contour in enumerate(contours):
            hole = int(links[index][2])
            core = int(links[hole][2]) if hole >= 0 else -1
            if core < 0:
                continue
            finder = _as_finder(contour, contours[hole], contours[core])
            if finder is not None:
                found.append(finder)
        if found:
            break
    found.sort(key=lambda finder: -finder.module)
    return _distinct(found)[:MAX_CANDIDATES]


def _as_finder(outer: Contour, hole: Contour, core: Contour) -> Finder | None:
    """A finder if the three nested shapes have a finder's proportions (7 : 5 : 3 modules)."""
    outer_area, core_area = cv2.contourArea(outer), cv2.contourArea(core)
    if outer_area < 36 or core_area < 2 or cv2.contourArea(hole) <= core_area:
        return None
    if not 2.5 <= outer_area / core_area <= 14:  # 49 / 9 = 5.4 when sharp
        return None
    _, (width, height), _ = cv2.minAreaRect(outer)
    if min(width, height) < 0.55 * max(width, height):
        return None
    moments = cv2.moments(core)
    if moments["m00"] <= 0:
        return None
    centre_x, centre_y = moments["m10"] / moments["m00"], moments["m01"] / moments["m00"]
    # Thresholding widens dark shapes by the same amount on every side: the outer square
    # (7 modules) and the core (3) differ by 4 modules whatever that amount is.
    module = (float(np.sqrt(outer_area)) - float(np.sqrt(core_area))) / 4
    return Finder(centre_x, centre_y, module) if module > 0 else None


def _distinct(finders: list[Finder]) -> list[Finder]:
    """One candidate per place (a finder's outline can nest twice in the contour tree)."""
    kept: list[Finder] = []
    for finder in finders:
        if all(_distance(finder, other) > 2 * other.module for other in kept):
            kept.append(finder)
    return kept


def likely_codes(finders: list[Finder], limit: int = 2) -> list[CodeFrame]:
    """Triples of finders arranged as a code's are, best first."""
    scored: list[tuple[float, CodeFrame]] = []
    for triple in itertools.combinations(finders, 3):
        placed = _as_code(triple)
        if placed is not None:
            scored.append(placed)
    scored.sort(key=lambda item: item[0])
    return [code for _, code in scored[:limit]]


def _as_code(triple: tuple[Finder, Finder, Finder]) -> tuple[float, CodeFrame] | None:
    """The triple as a code (the corner opposite the longest side is top-left) and its misfit."""
    modules = [finder.module for finder in triple]
    if max(modules) > 1.8 * min(modules):
        return None
    sides = [_distance(triple[(i + 1) % 3], triple[(i + 2) % 3]) for i in range(3)]
    corner = int(np.argmax(sides))  # the finder facing the hypotenuse
    top_left = triple[corner]
    first, second = triple[(corner + 1) % 3], triple[(corner + 2) % 3]
    legs = _distance(top_left, first), _distance(top_left, second)
    module = float(np.mean(modules))
    if min(legs) < 10 * module:  # a version 1 code's finders are 14 modules apart
        return None
    cross = (first.x - top_left.x) * (second.y - top_left.y) - (first.y - top_left.y) * (
        second.x - top_left.x
    )
    top_right, bottom_left = (first, second) if cross > 0 else (second, first)
    leg_misfit = abs(legs[0] - legs[1]) / max(legs)
    right_angle_misfit = abs(sides[corner] / np.hypot(*legs) - 1)
    if leg_misfit > 0.5 or right_angle_misfit > 0.35:
        return None
    return leg_misfit + right_angle_misfit, CodeFrame(top_left, top_right, bottom_left)


def located_by_zxing(grey: Grey) -> list[CodeFrame]:
    """Codes zxing-cpp found but could not read (error correction failed), with their outline.

    zxing-cpp's finder search tolerates blur and a crease through a finder
    better than the contour search; its outline and its estimate of the
    version give the grid to start from.
    """
    located: list[CodeFrame] = []
    for found in zxingcpp.read_barcodes(grey, formats=QR_ONLY, return_errors=True):
        version = str(found.extra.get("Version", "")) if isinstance(found.extra, dict) else ""
        if found.valid or not version.isdigit():
            continue
        modules = 17 + 4 * int(version)
        position = found.position
        outline = tuple(
            (float(point.x), float(point.y))
            for point in (
                position.top_left,
                position.top_right,
                position.bottom_right,
                position.bottom_left,
            )
        )
        square = np.array([[0, 0], [modules, 0], [modules, modules], [0, modules]], np.float32)
        mapping = cv2.getPerspectiveTransform(square, np.array(outline, dtype=np.float32))
        centres = cv2.perspectiveTransform(
            np.array([_finder_modules(modules)], dtype=np.float32), mapping
        )[0]
        side = float(np.hypot(*np.subtract(outline[1], outline[0])))
        finders = [Finder(float(x), float(y), side / modules) for x, y in centres]
        located.append(CodeFrame(finders[0], finders[1], finders[2], outline))
    return located


TYPICAL_MODULE = 4.0
"""Pixels a module when no finder was found to measure it: a receipt held up to the camera."""


def codes_in_outline(grey: Grey, corners: NDArray[np.float32], module: float) -> list[GridSampler]:
    """The grids an outline may hold, the likeliest first, each moved onto its finders.

    Any corner may be the top left (four turns), and the version follows
    from the outline's side over the module size (the three nearest are
    tried). A turn whose three finder corners do not all look like finders
    is dropped (GridSampler.fit_finders); the rest are ordered by how well
    they do.
    """
    side = float(np.mean([np.hypot(*(corners[(i + 1) % 4] - corners[i])) for i in range(4)]))
    estimate = side / module
    versions = sorted(range(1, 41), key=lambda version: abs(17 + 4 * version - estimate))[:3]
    scored: list[tuple[float, GridSampler]] = []
    for turn in range(4):
        outline = tuple((float(x), float(y)) for x, y in np.roll(corners, -turn, axis=0))
        for version in versions:
            modules = 17 + 4 * version
            square = np.array([[0, 0], [modules, 0], [modules, modules], [0, modules]], np.float32)
            mapping = cv2.getPerspectiveTransform(square, np.array(outline, dtype=np.float32))
            centres = cv2.perspectiveTransform(
                np.array([_finder_modules(modules)], dtype=np.float32), mapping
            )[0]
            finders = [Finder(float(x), float(y), side / modules) for x, y in centres]
            code = CodeFrame(finders[0], finders[1], finders[2], outline)
            sampler = GridSampler(grey, code, modules)
            score = sampler.fit_finders()
            if score is not None:
                scored.append((score, sampler))
    scored.sort(key=lambda item: -item[0])
    return [sampler for _, sampler in scored]


def candidate_sides(code: CodeFrame, spread: int = 1) -> list[int]:
    """Code sides (17 + 4 x version) near the finders' estimate, likeliest first."""
    version = (code.side_in_modules() - 17) / 4
    nearest = round(version)
    versions = sorted(range(nearest - spread, nearest + spread + 1), key=lambda v: abs(v - version))
    return [17 + 4 * v for v in versions if 1 <= v <= 40]


ALIGNMENT_MATCH = 0.5
"""Correlation with a drawn alignment pattern above which it counts as found."""


def _alignment_template() -> Grey:
    """An alignment pattern (dark ring, light ring, dark centre; 5 modules) as rectified."""
    rings = np.ones((5, 5), np.uint8) * 30
    rings[1:4, 1:4] = 225
    rings[2, 2] = 30
    return np.asarray(np.kron(rings, np.ones((PIXELS_PER_MODULE,) * 2, np.uint8)), dtype=np.uint8)


def _finder_template() -> Grey:
    """A finder pattern with its light separator (9 modules) as rectified."""
    rings = np.maximum(*np.abs(np.indices((9, 9)) - 4))
    dark = (rings != 2) & (rings != 4)
    pattern = np.where(dark, 30, 225).astype(np.uint8)
    return np.asarray(np.kron(pattern, np.ones((PIXELS_PER_MODULE,) * 2, np.uint8)), dtype=np.uint8)


FINDER_MATCH = 0.3
"""Correlation with a drawn finder above which a corner of an outline counts as a finder:
low, because a fold or blur smears it; the Reed-Solomon check judges the fit anyway."""
FINDER_REACH = 3.0
"""Modules around its expected place a finder is looked for in the rectified code."""


def _best_match(
    image: Grey, template: Grey, centre: tuple[float, float], reach: float
) -> tuple[float, float, float] | None:
    """Where (module coordinates) and how well `template` matches near `centre`, if it fits."""
    half = template.shape[0] / 2 / PIXELS_PER_MODULE
    low = [max(0, int((c - half - reach + MARGIN) * PIXELS_PER_MODULE)) for c in centre]
    high = [
        min(image.shape[0], int((c + half + reach + MARGIN) * PIXELS_PER_MODULE)) for c in centre
    ]
    patch = image[low[1] : high[1], low[0] : high[0]]
    if min(patch.shape) < template.shape[0]:
        return None
    scores = cv2.matchTemplate(patch, template, cv2.TM_CCOEFF_NORMED)
    _, best, _, (col, row) = cv2.minMaxLoc(scores)
    return (
        (low[0] + col) / PIXELS_PER_MODULE + half - MARGIN,
        (low[1] + row) / PIXELS_PER_MODULE + half - MARGIN,
        float(best),
    )


class GridSampler:
    """Samples a frame on a code's module grid, rectified and then corrected for drift."""

    def __init__(self, grey: Grey, code: CodeFrame, modules: int) -> None:
        self.grey = grey
        self.modules = modules
        self.code = code
        self.mapping = code.mapping(modules)
        size = (modules + 2 * MARGIN) * PIXELS_PER_MODULE
        pixels = np.arange(size, dtype=np.float32)
        module_coordinate = (pixels + 0.5) / PIXELS_PER_MODULE - MARGIN
        self.u, self.v = np.meshgrid(module_coordinate, module_coordinate)
        self.drift_u = np.zeros_like(self.u)
        self.drift_v = np.zeros_like(self.v)

    def rectified(self) -> Grey:
        """The code as if flat and square, each module PIXELS_PER_MODULE pixels wide."""
        return sampled(self.grey, self.mapping, self.u + self.drift_u, self.v + self.drift_v)

    def fit_perspective(self) -> bool:
        """Add the bottom-right alignment pattern to the finders: a perspective mapping.

        The pattern (versions 2 and up) is looked for within a few modules of
        where the finders put it; if it is found, the four centres fix a
        perspective transform, which undoes a tilted pose the affine map of
        three finders cannot. False (mapping kept) if it is not found.
        """
        if self.modules < 25 or self.code.outline is not None:
            return False
        image = self.rectified()
        expected = self.modules - 6.5
        reach = 4
        low = int((expected - 2.5 - reach + MARGIN) * PIXELS_PER_MODULE)
        high = int((expected + 2.5 + reach + MARGIN) * PIXELS_PER_MODULE)
        if low < 0 or high > image.shape[0]:
            return False
        scores = cv2.matchTemplate(
            image[low:high, low:high], _alignment_template(), cv2.TM_CCOEFF_NORMED
        )
        _, best, _, (col, row) = cv2.minMaxLoc(scores)
        if best < ALIGNMENT_MATCH:
            return False
        found_u = (low + col + 2.5 * PIXELS_PER_MODULE) / PIXELS_PER_MODULE - MARGIN
        found_v = (low + row + 2.5 * PIXELS_PER_MODULE) / PIXELS_PER_MODULE - MARGIN
        m = self.mapping
        seen = m @ np.array([found_u, found_v, 1.0])
        source = np.array([*_finder_modules(self.modules), (expected, expected)], dtype=np.float32)
        target = np.array(
            [*self.code.centres(), (seen[0] / seen[2], seen[1] / seen[2])], dtype=np.float32
        )
        self.mapping = np.asarray(cv2.getPerspectiveTransform(source, target), dtype=np.float64)
        return True

    def fit_finders(self) -> float | None:
        """Move the map onto the finders (and alignment pattern) seen in the rectified code.

        For a code located by its outline alone: the finders are looked for
        near the corners the outline puts them at, where the pose is already
        undone and a drawn finder matches even a smeared one. Their centres
        (and the bottom-right alignment pattern's, if it matches) correct the
        map. Returns how well the three finders matched (their least
        correlation), None (map kept) if one of them does not match.
        """
        image = self.rectified()
        expected = _finder_modules(self.modules)
        found = [_best_match(image, _finder_template(), c, FINDER_REACH) for c in expected]
        matched = [match for match in found if match is not None and match[2] >= FINDER_MATCH]
        if len(matched) < 3:
            return None
        source = [list(centre) for centre in expected]
        target = [[u, v] for u, v, _ in matched]
        if self.modules >= 25:
            affine = cv2.getAffineTransform(
                np.array(source, np.float32), np.array(target, np.float32)
            )
            far = self.modules - 6.5
            predicted_u, predicted_v = affine @ np.array([far, far, 1.0])
            alignment = _best_match(image, _alignment_template(), (predicted_u, predicted_v), 2.5)
            if alignment is not None and alignment[2] >= ALIGNMENT_MATCH - 0.1:
                source.append([far, far])
                target.append([alignment[0], alignment[1]])
        if len(source) == 4:
            correction = cv2.getPerspectiveTransform(
                np.array(source, np.float32), np.array(target, np.float32)
            )
        else:
            affine = cv2.getAffineTransform(
                np.array(source, np.float32), np.array(target, np.float32)
            )
            correction = np.vstack([affine, [0.0, 0.0, 1.0]])
        # the code's module coordinates -> the rectified image's -> the frame
        self.mapping = self.mapping @ np.asarray(correction, dtype=np.float64)
        return min(score for _, _, score in matched)

    def fit_mesh(self) -> None:
        """Replace the drift by a mesh fit of the module grid (kiosk/qr/mesh.py)."""
        fixed, fixed_dark = function_patterns(self.modules)
        coordinates = self.u[0].astype(np.float64)
        drift_u, drift_v = fit_mesh(
            self.grey,
            self.mapping,
            coordinates,
            PIXELS_PER_MODULE,
            known_modules(fixed, fixed_dark, MARGIN),
        )
        self.drift_u = drift_u.astype(np.float32)
        self.drift_v = drift_v.astype(np.float32)

    def refine(self, window_modules: float) -> None:
        """Measure the grid's drift in the current rectified image and correct for it."""
        image = self.rectified().astype(np.float32)
        drift_u = _drift(image, axis=1, window_modules=window_modules, anchors=self._anchors())
        drift_v = _drift(image, axis=0, window_modules=window_modules, anchors=self._anchors())
        self.drift_u += drift_u
        self.drift_v += drift_v

    def module_contrast(self) -> Floats:
        """Each module's centre against its neighbourhood: negative where it is dark."""
        image = self.rectified().astype(np.float32)
        background = cv2.GaussianBlur(image, (0, 0), 3 * PIXELS_PER_MODULE)
        centres = (np.arange(self.modules) + MARGIN) * PIXELS_PER_MODULE + PIXELS_PER_MODULE // 2
        grid = np.ix_(centres, centres)
        return np.asarray(image[grid] - background[grid], dtype=np.float32)

    def _anchors(self) -> list[tuple[float, float]]:
        """The finder centres, in rectified pixels: where the drift starts at zero."""
        far = self.modules - 3.5
        return [
            ((u + MARGIN) * PIXELS_PER_MODULE, (v + MARGIN) * PIXELS_PER_MODULE)
            for u, v in ((3.5, 3.5), (far, 3.5), (3.5, far))
        ]


def _module_grid(modules: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    centres = np.arange(modules, dtype=np.float64) + 0.5
    u, v = np.meshgrid(centres, centres)
    return u, v


def best_homography(centres: NDArray[np.float64]) -> NDArray[np.float64] | None:
    """The one perspective map (module coordinates -> frame) closest to a grid of module
    centres (NaN where a centre is unknown); None if the centres fix none."""
    u, v = _module_grid(centres.shape[0])
    kept = np.isfinite(centres[..., 0])
    if kept.sum() < 4:
        return None
    mapping, _ = cv2.findHomography(np.stack([u[kept], v[kept]], axis=-1), centres[kept], 0)
    if mapping is None or abs(np.linalg.det(mapping)) < 1e-12:
        return None
    return np.asarray(mapping, dtype=np.float64)


def code_through(mapping: NDArray[np.float64], modules: int) -> CodeFrame:
    """The code a mapping (module coordinates -> frame) places, as the stage's locators do."""
    square = np.array([[[0, 0], [modules, 0], [modules, modules], [0, modules]]], np.float64)
    outline = tuple((float(x), float(y)) for x, y in cv2.perspectiveTransform(square, mapping)[0])
    far = modules - 3.5
    finder_modules = np.array([[[3.5, 3.5], [far, 3.5], [3.5, far]]], np.float64)
    centres = cv2.perspectiveTransform(finder_modules, mapping)[0]
    module = float(np.hypot(*np.subtract(outline[1], outline[0]))) / modules
    finders = [Finder(float(x), float(y), module) for x, y in centres]
    return CodeFrame(finders[0], finders[1], finders[2], outline)


def sampler_through(grey: Grey, centres: NDArray[np.float64]) -> GridSampler | None:
    """A sampler whose grid passes through given module centres (frame pixels, rows by
    columns, NaN where unknown): the closest perspective map plus a drift that moves it
    onto each centre (an unknown one keeps the map's place). None if the centres fix no map."""
    modules = centres.shape[0]
    mapping = best_homography(centres)
    if mapping is None:
        return None
    sampler = GridSampler(grey, code_through(mapping, modules), modules)
    lost = ~np.isfinite(centres[..., 0])
    known = np.where(lost[..., None], 0.0, centres)
    seen = cv2.perspectiveTransform(known.reshape(1, -1, 2), np.linalg.inv(mapping))
    seen = seen.reshape(modules, modules, 2)
    u, v = _module_grid(modules)
    size = sampler.u.shape[0]
    for drift, axis in ((sampler.drift_u, 0), (sampler.drift_v, 1)):
        offsets = np.where(lost, 0.0, seen[..., axis] - (u, v)[axis])
        padded = np.pad(offsets, MARGIN, mode="edge").astype(np.float32)
        drift[:] = cv2.resize(padded, (size, size), interpolation=cv2.INTER_LINEAR)
    return sampler


def function_patterns(modules: int) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """Which modules of a code of this size are fixed by the standard, and which of those are dark.

    Finders with their separators, timing patterns, alignment patterns, the
    dark module and (version 7 up) the version information carry no payload
    and are the same in every code of a version. A fit drifting at the
    code's edge breaks a finder's outer ring first, and a broken finder
    makes zxing-cpp see a different symbol (a Micro QR code) or none; drawn
    as they must be, they leave the Reed-Solomon correction only the data.
    """
    version = (modules - 17) // 4
    fixed = np.zeros((modules, modules), bool)
    dark = np.zeros((modules, modules), bool)
    ring = np.maximum(*np.abs(np.indices((7, 7)) - 3))
    finder = ring != 2
    for row, col in ((0, 0), (0, modules - 7), (modules - 7, 0)):
        fixed[max(row - 1, 0) : row + 8, max(col - 1, 0) : col + 8] = True  # with the separator
        dark[row : row + 7, col : col + 7] = finder
    fixed[6, :] = fixed[:, 6] = True
    dark[6, 8:-8] = dark[8:-8, 6] = (np.arange(8, modules - 8) % 2) == 0
    centres = qrcode.util.pattern_position(version)
    small = np.maximum(*np.abs(np.indices((5, 5)) - 2)) != 1
    for row, col in itertools.product(centres, centres):
        if min(row, col) < 8 and max(row, col) in (6, modules - 7):
            continue  # where a finder is
        fixed[row - 2 : row + 3, col - 2 : col + 3] = True
        dark[row - 2 : row + 3, col - 2 : col + 3] = small
    fixed[modules - 8, 8] = dark[modules - 8, 8] = True
    if version >= 7:
        bits = qrcode.util.BCH_type_number(version)
        block = np.array([(bits >> i) & 1 for i in range(18)], bool).reshape(6, 3)
        fixed[:6, modules - 11 : modules - 8] = True
        dark[:6, modules - 11 : modules - 8] = block
        fixed[modules - 11 : modules - 8, :6] = True
        dark[modules - 11 : modules - 8, :6] = block.T
    return fixed, dark


def _drift(
    image: Floats, axis: int, window_modules: float, anchors: list[tuple[float, float]]
) -> Floats:
    """How far (in modules) the grid has moved along `axis`, everywhere in `image`.

    The gradient along `axis` peaks on the edges between modules, which lie on
    the grid's lines; windowed sums of the gradient times a complex wave of
    the module pitch give, in their phase, the local offset of those lines.
    """
    pitch = PIXELS_PER_MODULE
    gradient = np.abs(np.gradient(image, axis=axis)).astype(np.float32)
    size = image.shape[0]
    coordinate = np.arange(size, dtype=np.float32)
    # Pixel p samples module coordinate (p + 0.5) / pitch - MARGIN; lines lie at whole modules.
    wave_phase = 2 * np.pi * (coordinate + 0.5) / pitch
    shape = (1, size) if axis == 1 else (size, 1)
    cos_wave = np.cos(wave_phase).reshape(shape)
    sin_wave = np.sin(wave_phase).reshape(shape)
    sigma = window_modules * pitch / 2
    real = cv2.GaussianBlur(gradient * cos_wave, (0, 0), sigma)
    imag = cv2.GaussianBlur(gradient * sin_wave, (0, 0), sigma)
    step = TILE_STEP * pitch
    points = slice(pitch // 2, size, step)
    tile_real, tile_imag = real[points, points], imag[points, points]
    # Lines at whole modules give phase 0; a grid moved by d modules gives phase 2*pi*d.
    measured = np.arctan2(tile_imag, tile_real) / (2 * np.pi)
    strength = np.hypot(tile_real, tile_imag)
    unwrapped = _unwrap(measured.astype(np.float32), strength.astype(np.float32), anchors, step)
    field = cv2.resize(unwrapped, (size, size), interpolation=cv2.INTER_CUBIC)
    return np.asarray(field, dtype=np.float32)


def _unwrap(
    measured: Floats, strength: Floats, anchors: list[tuple[float, float]], step: int
) -> Floats:
    """Whole modules added to each phase so the drift changes smoothly from the finders out.

    Down the column through the top-left finder, then along every row from
    that column: a neighbour one module away has drifted by much less than
    half a module, so the whole-module jump closest to it is the right one.
    The finder itself starts at its measured phase, which is within half a
    module of zero because the rectification passes through it.
    """
    x, y = anchors[0]
    row = min(measured.shape[0] - 1, max(0, round((y - step / 2) / step)))
    col = min(measured.shape[1] - 1, max(0, round((x - step / 2) / step)))
    column = np.unwrap(measured[:, col], period=1.0)
    column -= np.round(column[row])
    rows = np.unwrap(measured, period=1.0, axis=1)
    rows += np.round(column - rows[:, col])[:, None]
    # Weak points (flat paper, the finders' insides) take their neighbours' drift.
    weight = cv2.GaussianBlur(strength, (0, 0), 1.0) + 1e-6
    return np.asarray(cv2.GaussianBlur(rows * strength, (0, 0), 1.0) / weight, dtype=np.float32)


MAX_FITS = 2
"""Grid fits of located codes tried on one frame at most: more read no more frames of the
tuning corpus (bench/qr_unwarp_parts.py), cost more on frames that stay unread, and take
the mesh fits the outline's grids need."""
MAX_OUTLINE_FITS = 3
"""Turns and versions of a code located by its outline alone that are fitted."""
MAX_MESH_FITS = 4
"""Mesh fits tried on one frame at most, the located codes' grids first."""


@dataclass(frozen=True)
class UnwarpParts:
    """Which parts of the stage run: each can be turned off to measure what it gains."""

    perspective: bool = True
    """Look for the alignment pattern and fit a perspective map (else the finders' affine)."""
    passes: tuple[float, ...] = WINDOWS
    """Windows of the drift-correcting passes; () samples the grid as the map puts it."""
    zxing_located: bool = True
    """Also fit codes zxing-cpp located but could not read."""
    function_patterns: bool = True
    """Draw finders, timing and alignment patterns as the version has them, not as sampled."""
    sharpened_modules: bool = True
    """Also read the modules sharpened against their neighbours."""
    outline: bool = True
    """Locate codes by their outline too, and find their finders in the rectified code."""
    mesh: bool = True
    """When the fits above fail, fit the grid as a mesh (kiosk/qr/mesh.py) and read again."""


class UnwarpDecoder:
    """Finds a code's finders, fits its module grid, and reads the rectified code."""

    name = "unwarp"

    def __init__(
        self, parts: UnwarpParts | None = None, codes: int = 2, max_fits: int | None = MAX_FITS
    ) -> None:
        self._parts = parts or UnwarpParts()
        self._codes = codes
        self._max_fits = max_fits

    def decode(self, grey: Grey) -> list[str]:
        """Texts read from the un-warped code(s); [] when none of the fits allowed reads.

        Every place's likeliest size is tried before any place's next
        likeliest. The outline is looked at only if no place was found by
        its finders or by zxing-cpp, and the costliest fit, the mesh, only
        after every other fit failed, on the grids already tried.
        """
        finders = find_finders(grey)
        located = list(self._located(grey, finders))
        sides = [candidate_sides(code) for code in located]
        fits = [
            (code, code_sides[rank])
            for rank in range(max((len(code_sides) for code_sides in sides), default=0))
            for code, code_sides in zip(located, sides, strict=True)
            if rank < len(code_sides)
        ]
        tried: list[GridSampler] = []
        for code, modules in fits[: self._max_fits] if self._max_fits is not None else fits:
            sampler = GridSampler(grey, code, modules)
            tried.append(sampler)
            texts = self._read(sampler)
            if texts:
                return texts
        outlined = self._outlined(grey, finders)
        for sampler in outlined if not fits else []:
            texts = self._read(sampler)
            if texts:
                return texts
        if self._parts.mesh:
            for sampler in (tried + outlined)[:MAX_MESH_FITS]:
                texts = self._read_meshed(sampler)
                if texts:
                    return texts
        return []

    def _located(self, grey: Grey, finders: list[Finder]) -> Iterator[CodeFrame]:
        """Where codes may be, likeliest first; zxing-cpp's guesses only if ours are spent."""
        yield from likely_codes(finders, self._codes)
        if self._parts.zxing_located:
            yield from located_by_zxing(grey)

    def _outlined(self, grey: Grey, finders: list[Finder]) -> list[GridSampler]:
        """The grids of the likeliest code's outline, turned onto their finders, best first."""
        if not self._parts.outline:
            return []
        module = float(np.median([finder.module for finder in finders])) if finders else None
        corners = symbol_outline(grey, module or TYPICAL_MODULE)
        if corners is None:
            return []
        return codes_in_outline(grey, corners, module or TYPICAL_MODULE)[:MAX_OUTLINE_FITS]

    def read_from_centres(self, grey: Grey, centres: NDArray[np.float64]) -> list[str]:
        """Read the code whose module centres are roughly known (kiosk/qr/lattice.py): the
        grid through them, then each drift pass, then a mesh fit from the same start."""
        sampler = sampler_through(grey, centres)
        if sampler is None:
            return []
        texts = self._read_with_passes(sampler)
        if texts or not self._parts.mesh:
            return texts
        return self._read_meshed(sampler)  # the mesh replaces the passes' drift: the same start

    def _read_meshed(self, sampler: GridSampler) -> list[str]:
        """Fit the grid as a mesh and read it, then after each drift pass until one reads."""
        sampler.fit_mesh()
        return self._read_with_passes(sampler)

    def _read(self, sampler: GridSampler) -> list[str]:
        """Read the code as sampled, then after each drift-correcting pass until one reads."""
        if self._parts.perspective:
            sampler.fit_perspective()
        return self._read_with_passes(sampler)

    def _read_with_passes(self, sampler: GridSampler) -> list[str]:
        """Read the grid as it is, then after each drift-correcting pass until one reads."""
        texts = self.read_grid(sampler)
        for window in self._parts.passes:
            if texts:
                break
            sampler.refine(window)  # a pass can make the fit worse: each result is tried
            texts = self.read_grid(sampler)
        return texts

    def read_grid(self, sampler: GridSampler) -> list[str]:
        """The modules as sampled, then sharpened against their neighbours, redrawn and read."""
        contrast = sampler.module_contrast()
        readings = [contrast]
        if self._parts.sharpened_modules:
            readings.append(sharpened(contrast))
        for reading in readings:
            dark = reading < 0
            if self._parts.function_patterns:
                fixed, fixed_dark = function_patterns(sampler.modules)
                dark = np.where(fixed, fixed_dark, dark)
            texts = read_drawn(drawn(dark), sampler.modules)
            if texts:
                return texts
        return []


MODULE_SHARPENING = 0.5
"""How much of its neighbours' mean a module's contrast is pushed away from."""


def sharpened(contrast: Floats) -> Floats:
    """Module contrasts with their four neighbours' mean pushed away: a blur of about a
    module lets dark neighbours pull a light module down; this undoes some of it."""
    padded = np.pad(contrast, 1, mode="edge")
    neighbours = (padded[:-2, 1:-1] + padded[2:, 1:-1] + padded[1:-1, :-2] + padded[1:-1, 2:]) / 4
    return np.asarray(contrast + MODULE_SHARPENING * (contrast - neighbours), dtype=np.float32)


def drawn(dark: NDArray[np.bool_], quiet_zone: int = 4, pixels: int = 4) -> Grey:
    """A clean code from its modules (True: dark), `pixels` a module, with a quiet zone."""
    modules = np.pad(np.where(dark, 0, 255).astype(np.uint8), quiet_zone, constant_values=255)
    return np.asarray(np.kron(modules, np.ones((pixels, pixels), np.uint8)), dtype=np.uint8)


def read_drawn(image: Grey, modules: int) -> list[str]:
    """The text of the code drawn in `image`, if it is the whole grid that was drawn.

    A misfitted grid is a random pattern of modules. zxing-cpp also reads
    Micro QR symbols, whose error detection is weak (two check codewords in
    M1); in a redrawn grid it once found one, with a payload that was not
    there. So only a full QR code of exactly the drawn size counts, and its
    own error correction and the text checks then decide, as for every step.
    """
    version = str((modules - 17) // 4)
    texts: list[str] = []
    for found in zxingcpp.read_barcodes(image, formats=QR_ONLY, try_invert=False):
        if not found.valid or found.format != zxingcpp.BarcodeFormat.QRCode:
            continue
        if not isinstance(found.extra, dict) or str(found.extra.get("Version")) != version:
            continue
        text = payload_text(found.bytes)
        if text:
            texts.append(text)
    return texts
