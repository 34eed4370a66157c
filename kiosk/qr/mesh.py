"""Fitting a code's module grid as a mesh, so that it follows a fold's kink.

The drift passes of kiosk/qr/unwarp.py measure the phase of the module
pitch in windows of a few modules: where a fold has squeezed the paper to
two thirds of its width, the pitch there is not the one they look for and
they see nothing. This fit needs no pitch. A code is made of square modules
of one grey each, so when the grid lies right every module's pixels are
alike, and when it lies half a module off they straddle two modules. The
grid is moved by a mesh of displacements (bilinear between nodes a few
modules apart), and the mesh is solved for, Gauss-Newton, to make each
module's pixels as alike as possible:

- a data module's target is the mean of its own pixels (unknown colour);
- the modules the version fixes (finders, timing and alignment patterns,
  kiosk/qr/unwarp.py ``function_patterns``) and a ring of the quiet zone
  around the code have a known colour: they hold the mesh to the code's
  edges and its rulers;
- the nodes are tied to their neighbours (a membrane) and damped, so a
  place without contrast takes its neighbours' displacement.

Coarse meshes first (large bends), then finer (kinks). Everything is small
dense algebra on numpy arrays without BLAS-sized products: on a loaded
2-core machine, threaded matrix products cost ten times their work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float64]
Grey = NDArray[np.uint8]

MESH_SCHEDULE = ((4, 6), (7, 6))
"""(nodes across the code, Gauss-Newton steps) of each stage, coarse first: a 7-node
mesh's nodes are 3-7 modules apart, which follows a fold; a finer stage read no more
frames of the tuning corpus (docs/qr-decoding.md)."""
QUIET_RING = 1
"""Modules of quiet zone around the code whose colour (light) holds the code's edge."""
DAMPING = 0.05
"""Levenberg-Marquardt damping, relative to the mean curvature of the fit."""
MEMBRANE = 0.5
"""How strongly each node is tied to its neighbours, relative to the same."""
LARGEST_STEP = 0.5
"""Modules a node may move in one step: a larger one jumps to the wrong module."""
DARK_SHARE = 0.1
"""Share of the code's modules darker (lighter) than the grey a known dark (light)
module is pulled to: robust to a module or two of glare or shadow."""


@dataclass(frozen=True)
class _Hats:
    """Bilinear weights of pixels on nodes along one axis, as runs of pixels per node gap."""

    nodes: int
    fraction: Floats
    """Each pixel's position between its left node (0) and the next (1)."""
    starts: NDArray[np.intp]
    """The first pixel of each node gap (np.add.reduceat's indices)."""
    left: NDArray[np.intp]
    """Each pixel's left node."""

    @classmethod
    def along(cls, coordinates: Floats, first: float, last: float, nodes: int) -> _Hats:
        position = np.clip((coordinates - first) / (last - first) * (nodes - 1), 0, nodes - 1.001)
        left = np.floor(position).astype(np.intp)
        starts = np.searchsorted(left, np.arange(nodes - 1)).astype(np.intp)
        return cls(nodes, position - left, starts, left)

    def spread(self, values: Floats) -> Floats:
        """Node values (..., nodes) interpolated to every pixel along the last axis."""
        below = values[..., self.left]
        above = values[..., np.minimum(self.left + 1, self.nodes - 1)]
        return np.asarray(below * (1 - self.fraction) + above * self.fraction, dtype=np.float64)

    def gather(self, pixels: Floats) -> Floats:
        """Sums over the last axis weighted by each node's hat: the adjoint of `spread`."""
        out = np.zeros((*pixels.shape[:-1], self.nodes))
        gaps = np.arange(self.nodes - 1)
        out[..., gaps] += np.add.reduceat(pixels * (1 - self.fraction), self.starts, axis=-1)
        out[..., gaps + 1] += np.add.reduceat(pixels * self.fraction, self.starts, axis=-1)
        return out

    def gather_pairs(self, pixels: Floats) -> Floats:
        """S[..., j, l]: sums over the last axis weighted by the hats of nodes j and l."""
        out = np.zeros((*pixels.shape[:-1], self.nodes, self.nodes))
        gaps = np.arange(self.nodes - 1)
        below, above = 1 - self.fraction, self.fraction
        for step_j, step_l, weight in (
            (0, 0, below * below),
            (0, 1, below * above),
            (1, 0, above * below),
            (1, 1, above * above),
        ):
            sums = np.add.reduceat(pixels * weight, self.starts, axis=-1)
            out[..., gaps + step_j, gaps + step_l] += sums
        return out


def _membrane(nodes: int) -> Floats:
    """The graph Laplacian of a nodes x nodes grid (4-neighbours), node index row * nodes + col."""
    count = nodes * nodes
    laplacian = np.zeros((count, count))
    for row in range(nodes):
        for col in range(nodes):
            here = row * nodes + col
            for other_row, other_col in ((row + 1, col), (row, col + 1)):
                if other_row < nodes and other_col < nodes:
                    there = other_row * nodes + other_col
                    laplacian[here, here] += 1
                    laplacian[there, there] += 1
                    laplacian[here, there] -= 1
                    laplacian[there, here] -= 1
    return laplacian


def sampled(
    grey: Grey,
    mapping: NDArray[np.float64],
    u: NDArray[np.floating[Any]],
    v: NDArray[np.floating[Any]],
) -> Grey:
    """The frame at module coordinates (u, v), through a 3x3 module-to-frame mapping."""
    w = mapping[2, 0] * u + mapping[2, 1] * v + mapping[2, 2]
    map_x = ((mapping[0, 0] * u + mapping[0, 1] * v + mapping[0, 2]) / w).astype(np.float32)
    map_y = ((mapping[1, 0] * u + mapping[1, 1] * v + mapping[1, 2]) / w).astype(np.float32)
    image = cv2.remap(grey, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return np.asarray(image, dtype=np.uint8)


@dataclass(frozen=True)
class KnownModules:
    """The module colours known before reading, over the sampled area (code and margin)."""

    known: NDArray[np.bool_]
    dark: NDArray[np.bool_]
    used: NDArray[np.bool_]
    """Modules whose pixels enter the fit: the code and its quiet ring."""
    code: NDArray[np.bool_]
    """The code's own modules."""
    margin: int
    """Modules sampled around the code on each side."""

    @property
    def side(self) -> int:
        """The code's side in modules."""
        return int(self.used.shape[0]) - 2 * self.margin


def known_modules(
    fixed: NDArray[np.bool_], fixed_dark: NDArray[np.bool_], margin: int
) -> KnownModules:
    """The function patterns of the code, and a light quiet ring, on the sampled area."""
    side = fixed.shape[0] + 2 * margin
    inside = slice(margin, side - margin)
    ring = slice(margin - QUIET_RING, side - margin + QUIET_RING)
    used = np.zeros((side, side), bool)
    used[ring, ring] = True
    code = np.zeros((side, side), bool)
    code[inside, inside] = True
    known = used & ~code
    known[inside, inside] = fixed
    dark = np.zeros((side, side), bool)
    dark[inside, inside] = fixed_dark
    return KnownModules(known, dark, used, code, margin)


def fit_mesh(
    grey: Grey,
    mapping: Floats,
    coordinates: Floats,
    pixels_per_module: int,
    modules: KnownModules,
    schedule: tuple[tuple[int, int], ...] = MESH_SCHEDULE,
    initial: tuple[Floats, Floats] | None = None,
) -> tuple[Floats, Floats]:
    """The displacement (in modules, along u and along v) of every sampled pixel.

    `coordinates` are the module coordinates of the sampled pixels along one
    axis (the same along both); the result is added to them before mapping.
    The mesh spans the code and its quiet ring; outside, the displacement is
    that of the nearest edge. `initial` (a dense displacement, as returned)
    is where the fit starts: the mesh is fitted on top of it (the kiosk
    starts from none; bench/qr_locator.py starts from the true grid).
    """
    size = coordinates.shape[0]
    u, v = np.meshgrid(coordinates, coordinates)
    used = np.kron(modules.used, np.ones((pixels_per_module, pixels_per_module)))
    base_u, base_v = initial if initial is not None else (np.zeros((size, size)),) * 2
    drift_u, drift_v = base_u, base_v
    for nodes, steps in schedule:
        hats = _Hats.along(coordinates, -QUIET_RING, modules.side + QUIET_RING, nodes)
        count = nodes * nodes
        membrane = np.kron(np.eye(2), _membrane(nodes))
        displacement = _nodes_for(drift_u - base_u, drift_v - base_v, hats)
        for _ in range(steps):
            drift_u = base_u + hats.spread(hats.spread(displacement[0]).T).T
            drift_v = base_v + hats.spread(hats.spread(displacement[1]).T).T
            image = sampled(grey, mapping, u + drift_u, v + drift_v).astype(np.float64)
            target = _targets(image, modules, pixels_per_module)
            grad_v, grad_u = np.gradient(image)
            grad_u *= pixels_per_module  # per module of displacement
            grad_v *= pixels_per_module
            residual = (target - image) * used
            masked_u, masked_v = grad_u * used, grad_v * used
            curvature = np.block(
                [
                    [_pairs(masked_u * grad_u, hats), _pairs(masked_u * grad_v, hats)],
                    [_pairs(masked_v * grad_u, hats), _pairs(masked_v * grad_v, hats)],
                ]
            )
            slope = np.concatenate(
                [_singles(grad_u * residual, hats), _singles(grad_v * residual, hats)]
            )
            scale = float(np.trace(curvature)) / (2 * count) + 1e-9
            current = displacement.reshape(2 * count)
            system = curvature + scale * (DAMPING * np.eye(2 * count) + MEMBRANE * membrane)
            step = np.linalg.solve(system, slope - scale * MEMBRANE * membrane @ current)
            displacement = displacement + np.clip(step, -LARGEST_STEP, LARGEST_STEP).reshape(
                2, nodes, nodes
            )
        drift_u = base_u + hats.spread(hats.spread(displacement[0]).T).T
        drift_v = base_v + hats.spread(hats.spread(displacement[1]).T).T
    return drift_u, drift_v


def _nodes_for(drift_u: Floats, drift_v: Floats, hats: _Hats) -> Floats:
    """Node displacements whose interpolation is closest to the dense drift so far."""
    spread = hats.spread(np.eye(hats.nodes)).T  # pixels x nodes
    pseudo_inverse = np.linalg.pinv(spread)
    return np.stack(
        [pseudo_inverse @ drift @ pseudo_inverse.T for drift in (drift_u, drift_v)]
    ).astype(np.float64)


def _targets(image: Floats, modules: KnownModules, pixels_per_module: int) -> Floats:
    """The grey each pixel should have: its module's mean, or the known colour's grey."""
    side = modules.used.shape[0]
    means = image.reshape(side, pixels_per_module, side, pixels_per_module).mean(axis=(1, 3))
    code = np.sort(means[modules.code], axis=None)
    skip = int(len(code) * DARK_SHARE)
    dark_grey, light_grey = code[skip], code[-1 - skip]
    target = np.where(modules.known, np.where(modules.dark, dark_grey, light_grey), means)
    return np.asarray(np.kron(target, np.ones((pixels_per_module, pixels_per_module))))


def _singles(pixels: Floats, hats: _Hats) -> Floats:
    """sum over pixels of hat_i(v) hat_j(u) pixels[v, u], flattened as i * nodes + j."""
    return hats.gather(hats.gather(pixels).T).T.reshape(-1)


def _pairs(pixels: Floats, hats: _Hats) -> Floats:
    """sum over pixels of hat_i(v) hat_k(v) hat_j(u) hat_l(u) pixels[v, u], as [(i,j), (k,l)]."""
    along_u = hats.gather_pairs(pixels)  # v, j, l
    both = hats.gather_pairs(along_u.transpose(1, 2, 0))  # j, l, i, k
    count = hats.nodes * hats.nodes
    return np.asarray(both.transpose(2, 0, 3, 1).reshape(count, count))
