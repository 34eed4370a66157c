"""How far the un-warping stage's located grids are from where a code's modules really are.

The corpus generator knows where every module of a code on paper went
(`bench.qr_corpus.traced`): the paper's displacements, its shrinking and the
pose. This diagnostic regenerates a corpus with those traces, turns them into
each module's true centre in the frame, and reports per frame (one JSON line
each, then a summary):

- ``truth``: whether the kiosk's own sampling and reading
  (kiosk/qr/unwarp.py's GridSampler and read) read the code on the true
  grid, and after a mesh fit started there: what any locator could at best
  give the stage;
- ``homography``: the error of the best single perspective map (least
  squares on the true centres), in module pitches (median, 90th percentile):
  what any locator of one map leaves to the drift passes and the mesh;
- ``located``: the least error of the grids the stage's locators (finder
  triples, zxing-cpp's locations, the outline's turns) give at the code's
  true size.

Run: ``python -m bench.qr_locator [--corpus bench/out/qr_corpus] [--seed S]
[--family combined] [--level 3]``. Regenerating a corpus takes about 30 s;
the corpus on disk is checked to be the one regenerated (same payloads).
See docs/qr-decoding.md, "Where the combined level 3 is lost".
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import qrcode
from numpy.typing import NDArray

from bench.qr_corpus import (
    DEFAULT_OUT,
    MODULE_PX,
    SEED,
    PaperTrace,
    Sample,
    generate,
    load_corpus,
    traced,
)
from kiosk.qr.mesh import fit_mesh, known_modules
from kiosk.qr.outline import symbol_outline
from kiosk.qr.unwarp import (
    MARGIN,
    PIXELS_PER_MODULE,
    TYPICAL_MODULE,
    GridSampler,
    UnwarpDecoder,
    best_homography,
    code_through,
    codes_in_outline,
    find_finders,
    function_patterns,
    likely_codes,
    located_by_zxing,
    sampler_through,
)

Floats = NDArray[np.float64]
QUIET_ZONE = 4
"""Modules of quiet zone the corpus renders around each code."""
OFF_PAPER = -1e6
"""Source coordinate of a pixel showing no paper: far enough below 0 that a pixel
interpolated between it and the paper's edge is off the paper too."""


def paper_sources(trace: PaperTrace) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """Which point of the flat paper each pixel of the deformed paper shows (x, y; OFF_PAPER
    where it shows none), at MODULE_PX pixels a module, before the shrinking and the pose."""
    side = trace.paper_side
    pixels = np.arange(side, dtype=np.float32)
    sources = [np.tile(pixels, (side, 1)), np.tile(pixels[:, None], (1, side))]
    for dx, dy in trace.displacements:  # the paper at x shows the paper before at x + d(x)
        map_x = (pixels[None, :] + dx).astype(np.float32)
        map_y = (pixels[:, None] + dy).astype(np.float32)
        sources = [
            np.asarray(
                cv2.remap(
                    image,
                    map_x,
                    map_y,
                    cv2.INTER_LINEAR,
                    borderMode=cv2.BORDER_CONSTANT,
                    borderValue=OFF_PAPER,
                ),
                dtype=np.float32,
            )
            for image in sources
        ]
    return sources[0], sources[1]


def module_centres(trace: PaperTrace) -> Floats:
    """Each module's centre in the frame (rows x cols x (x, y)), NaN where it left the paper.

    Every pixel of the deformed paper shows some point of the flat paper;
    a module's centre in the frame is the mean of the pixels showing it
    (after the shrinking and the pose). The quiet zone is left out.
    """
    side = trace.paper_side
    source_x, source_y = paper_sources(trace)
    modules = side // MODULE_PX
    shown = (source_x >= 0) & (source_y >= 0) & (source_x < side) & (source_y < side)
    which = (source_y[shown] // MODULE_PX).astype(np.intp) * modules + (
        source_x[shown] // MODULE_PX
    ).astype(np.intp)
    pixel_y, pixel_x = np.nonzero(shown)
    count = np.bincount(which, minlength=modules * modules).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_x = np.bincount(which, pixel_x, minlength=modules * modules) / count
        mean_y = np.bincount(which, pixel_y, minlength=modules * modules) / count
    scale = trace.side / side  # INTER_AREA: shrunk pixel centre = (paper pixel centre) * scale
    shrunk = np.stack([(mean_x + 0.5) * scale - 0.5, (mean_y + 0.5) * scale - 0.5], axis=-1)
    assert trace.pose is not None
    frame = cv2.perspectiveTransform(shrunk.reshape(1, -1, 2), trace.pose).reshape(
        modules, modules, 2
    )
    code = slice(QUIET_ZONE, modules - QUIET_ZONE)
    return np.asarray(frame[code, code], dtype=np.float64)


def true_centres(seed: int, per_family: int) -> tuple[list[Sample], list[Floats]]:
    """The corpus of that seed regenerated, and the true module centres of its paper samples."""
    with traced() as traces:
        samples = generate(per_family, seed)
    return samples, [module_centres(trace) for trace in traces]


def true_modules(payload: str) -> NDArray[np.bool_]:
    """The code's modules (True: dark) as the corpus renders them, without the quiet zone."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(payload.encode("utf-8"))
    code.make(fit=True)
    return np.array(code.get_matrix(), dtype=bool)


def grid_centres(sampler: GridSampler) -> Floats:
    """Where a sampler's grid (its map and drift) puts each module's centre in the frame."""
    pixels = (np.arange(sampler.modules) + MARGIN) * PIXELS_PER_MODULE + PIXELS_PER_MODULE // 2
    at = np.ix_(pixels, pixels)
    u = sampler.u[at] + sampler.drift_u[at]
    v = sampler.v[at] + sampler.drift_v[at]
    mapped = np.stack([u, v, np.ones_like(u)], axis=-1) @ sampler.mapping.T
    return np.asarray(mapped[..., :2] / mapped[..., 2:], dtype=np.float64)


def grid_error(centres: Floats, truth: Floats) -> tuple[float, float]:
    """Median and 90th percentile distance to the true centres, in module pitches."""
    pitch = float(np.nanmedian(np.hypot(*np.diff(truth, axis=1).transpose(2, 0, 1))))
    distance = np.hypot(*(centres - truth).transpose(2, 0, 1)) / pitch
    return float(np.nanmedian(distance)), float(np.nanpercentile(distance, 90))


def seeded_with_truth(grey: NDArray[np.uint8], truth: Floats) -> GridSampler:
    """A sampler whose grid passes through the true centres: the best homography plus a drift."""
    sampler = sampler_through(grey, truth)
    assert sampler is not None, "a code's true centres always fix a map"
    return sampler


def flat_through_truth(grey: NDArray[np.uint8], truth: Floats) -> GridSampler:
    """A sampler on the one perspective map closest to the true centres, without drift."""
    mapping = best_homography(truth)
    assert mapping is not None, "a code's true centres always fix a map"
    return GridSampler(grey, code_through(mapping, truth.shape[0]), truth.shape[0])


def located_grids(grey: NDArray[np.uint8], modules: int) -> Iterator[GridSampler]:
    """The grids the stage's locators give at the code's true size, fitted as the stage does."""
    finders = find_finders(grey)
    for code in [*likely_codes(finders), *located_by_zxing(grey)]:
        sampler = GridSampler(grey, code, modules)
        sampler.fit_perspective()
        yield sampler
    module = float(np.median([finder.module for finder in finders])) if finders else TYPICAL_MODULE
    corners = symbol_outline(grey, module)
    if corners is not None:
        side = float(np.mean([np.hypot(*(corners[(i + 1) % 4] - corners[i])) for i in range(4)]))
        for sampler in codes_in_outline(grey, corners, side / modules):
            if sampler.modules == modules:
                yield sampler


def diagnose(sample: Sample, truth: Floats, decoder: UnwarpDecoder) -> dict[str, Any]:
    """One frame's figures (see the module's docstring)."""
    assert sample.payload is not None
    modules = truth.shape[0]
    sampler = seeded_with_truth(sample.image, truth)
    read_on_truth = decoder.read_grid(sampler) == [sample.payload]
    fixed, fixed_dark = function_patterns(modules)
    drift_u, drift_v = fit_mesh(
        sample.image,
        sampler.mapping,
        sampler.u[0].astype(np.float64),
        PIXELS_PER_MODULE,
        known_modules(fixed, fixed_dark, MARGIN),
        initial=(sampler.drift_u.astype(np.float64), sampler.drift_v.astype(np.float64)),
    )
    sampler.drift_u, sampler.drift_v = drift_u.astype(np.float32), drift_v.astype(np.float32)
    read_after_mesh = decoder.read_grid(sampler) == [sample.payload]
    homography = flat_through_truth(sample.image, truth)
    located = [
        grid_error(grid_centres(grid), truth) for grid in located_grids(sample.image, modules)
    ]
    return {
        "version": (modules - 17) // 4,
        "pitch_px": round(
            float(np.nanmedian(np.hypot(*np.diff(truth, axis=1).transpose(2, 0, 1)))), 2
        ),
        "read_on_true_grid": read_on_truth,
        "read_after_mesh_from_true_grid": read_after_mesh,
        "homography_error": [round(e, 2) for e in grid_error(grid_centres(homography), truth)],
        "located_error": [round(e, 2) for e in min(located, default=(float("nan"),) * 2)],
        "grids_located": len(located),
    }


def main(argv: list[str] | None = None) -> int:
    """Print one JSON line per frame of the family and level, then a summary line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--per-family", type=int, default=30)
    parser.add_argument("--family", default="combined")
    parser.add_argument("--level", type=int, default=3)
    args = parser.parse_args(argv)
    samples, centres = true_centres(args.seed, args.per_family)
    on_disk = [sample for sample in load_corpus(args.corpus) if sample.payload is not None]
    paper = [sample for sample in samples if sample.level > 0]
    if [s.payload for s in on_disk if s.level > 0] != [s.payload for s in paper]:
        parser.error(f"{args.corpus} is not the corpus of seed {args.seed}")
    disk_paper = [sample for sample in on_disk if sample.level > 0]
    decoder = UnwarpDecoder()
    rows = []
    family = [(s, t) for s, t in zip(disk_paper, centres, strict=True) if s.family == args.family]
    for index, (sample, truth) in enumerate(family):
        if sample.level != args.level:
            continue
        row = {"frame": index, **diagnose(sample, truth, decoder)}
        rows.append(row)
        print(json.dumps(row), flush=True)
    print(
        json.dumps(
            {
                "family": args.family,
                "level": args.level,
                "frames": len(rows),
                "read_on_true_grid": sum(row["read_on_true_grid"] for row in rows),
                "read_after_mesh_from_true_grid": sum(
                    row["read_after_mesh_from_true_grid"] for row in rows
                ),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
