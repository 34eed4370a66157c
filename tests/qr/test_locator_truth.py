"""The corpus knows where each module of a code on paper went (bench/qr_locator.py): the
diagnostic that tells a locator's error from a reader's rests on it being right."""

from __future__ import annotations

import numpy as np

from bench.qr_corpus import paper_sample, traced
from bench.qr_locator import (
    flat_through_truth,
    grid_centres,
    grid_error,
    module_centres,
    seeded_with_truth,
    true_modules,
)
from kiosk.qr.unwarp import UnwarpDecoder

FOLDED_SEED = 7
"""A combined level 3 frame (crumpled 1.3 modules, two 48 degree folds, steep pose, blur,
grain, strong JPEG) whose modules the kiosk's own sampler reads on the true grid."""


def _folded_sample() -> tuple[np.ndarray, str, np.ndarray]:
    with traced() as traces:
        sample = paper_sample("combined", 3, np.random.default_rng(FOLDED_SEED))
    assert sample.payload is not None and len(traces) == 1
    return sample.image, sample.payload, module_centres(traces[0])


def test_tracing_a_paper_sample_does_not_change_it() -> None:
    image, payload, _ = _folded_sample()
    untraced = paper_sample("combined", 3, np.random.default_rng(FOLDED_SEED))
    assert untraced.payload == payload
    assert np.array_equal(untraced.image, image)


def test_the_true_grid_of_a_folded_code_is_read_by_the_kiosk_s_own_sampler() -> None:
    image, payload, centres = _folded_sample()
    assert centres.shape[:2] == true_modules(payload).shape
    decoder = UnwarpDecoder()
    assert decoder.read_grid(seeded_with_truth(image, centres)) == [payload]
    # One grid seen half a module off everywhere reads nothing: the truth is what reads.
    shifted = seeded_with_truth(image, centres + 0.5 * np.nanmedian(np.diff(centres, axis=1)))
    assert decoder.read_grid(shifted) == []


def test_no_single_perspective_map_follows_two_folds() -> None:
    image, _, centres = _folded_sample()
    flat = flat_through_truth(image, centres)
    median, worst_tenth = grid_error(grid_centres(flat), centres)
    assert median > 0.4 and worst_tenth > 0.8  # module pitches: beyond any read
    assert UnwarpDecoder().read_grid(flat) == []
    assert grid_error(grid_centres(seeded_with_truth(image, centres)), centres)[1] < 0.1
