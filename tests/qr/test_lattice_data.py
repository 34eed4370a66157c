"""The lattice nets' truth (bench/qr_lattice_data.py) agrees with the corpus's own module
centres (bench/qr_locator.py): the nets learn where the modules really are."""

from __future__ import annotations

import numpy as np
import pytest

from bench.qr_corpus import PaperTrace, Sample, paper_sample, traced
from bench.qr_lattice_data import LatticeCrop, as_seen, turned_back
from bench.qr_locator import module_centres, true_modules


def _sample(family: str, level: int, seed: int) -> tuple[Sample, PaperTrace]:
    with traced() as traces:
        sample = paper_sample(family, level, np.random.default_rng(seed))
    return sample, traces[0]


def _at_centres(
    crop: LatticeCrop, centres: np.ndarray, back: np.ndarray
) -> list[tuple[float, float, int, int, int]]:
    """(a, b, darkness at 2x, row, column) of the crop at each module centre inside it."""
    forward = np.linalg.inv(np.vstack([back, [0.0, 0.0, 1.0]]))
    found = []
    for row in range(centres.shape[0]):
        for column in range(centres.shape[1]):
            if not np.isfinite(centres[row, column, 0]):
                continue
            x, y, _ = forward @ np.array([*centres[row, column], 1.0])
            ix, iy = round(x), round(y)
            inside = 0 <= iy < crop.known.shape[0] and 0 <= ix < crop.known.shape[1]
            if inside and crop.known[iy, ix]:
                dark = crop.darkness[round(2 * y + 0.5), round(2 * x + 0.5)]
                found.append((float(crop.a[iy, ix]), float(crop.b[iy, ix]), dark, row, column))
    return found


@pytest.mark.parametrize(("family", "level", "seed"), [("curved", 2, 5), ("combined", 2, 9)])
def test_module_centres_sit_mid_module_with_the_printed_colour(
    family: str, level: int, seed: int
) -> None:
    sample, trace = _sample(family, level, seed)
    assert sample.payload is not None
    centres = module_centres(trace)
    modules = true_modules(sample.payload)
    for crop in (as_seen(sample, trace), turned_back(sample, trace, jitter=6.0)):
        found = _at_centres(crop, centres, crop.back)
        assert len(found) > 0.5 * modules.size
        fractions = np.array([(a, b) for a, b, *_ in found])
        # a module's centre is half a module into it, along both canonical axes
        assert np.median(np.abs(fractions - 0.5)) < 0.12
        colours = [dark == modules[row, column] for _, _, dark, row, column in found]
        assert np.mean(colours) > 0.9
