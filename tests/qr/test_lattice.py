"""The learned lattice (kiosk/qr/lattice.py): where the un-warping stage cannot start, the
nets' grid starts it; a frame without a code, a damaged code or a damaged installation gives
nothing, never a wrong text."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import cv2
import numpy as np
import pytest

from bench.qr_corpus import paper_sample
from bench.qr_locator import true_modules
from kiosk.qr import QrPipeline
from kiosk.qr.lattice import (
    MAX_NET_PIXELS,
    LatticeDecoder,
    LatticeNet,
    candidate_grids,
    lattice_turn,
    pattern_agreement,
    unwrapped,
)
from kiosk.qr.unwarp import drawn
from tests.qr.codes import cluttered_frame

READ_THROUGH_THE_LATTICE = 7
"""A combined level 3 frame (crumpled 1.3 modules, two folds, steep pose, blur, grain, strong
JPEG; tests/qr/test_locator_truth.py) that no step before the lattice reads."""


@pytest.fixture(scope="module")
def lattice() -> LatticeDecoder:
    return LatticeDecoder()


def _combined(seed: int) -> tuple[np.ndarray, str]:
    sample = paper_sample("combined", 3, np.random.default_rng(seed))
    assert sample.payload is not None
    return sample.image, sample.payload


def test_a_crumpled_folded_code_no_other_step_reads_is_read_through_the_lattice() -> None:
    frame, payload = _combined(READ_THROUGH_THE_LATTICE)
    found = QrPipeline().decode(frame)
    assert found is not None
    assert (found.step, found.text) == ("lattice:plain", payload)


def test_a_code_half_painted_over_gives_its_own_text_or_nothing(lattice: LatticeDecoder) -> None:
    frame, payload = _combined(READ_THROUGH_THE_LATTICE)
    outcomes = []
    for top in (150, 200, 250):
        damaged = frame.copy()
        damaged[top : top + 60, :] = 200  # a band of glare across the code
        texts = lattice.decode(damaged)
        assert texts in ([], [payload])
        outcomes.append(texts)
    assert [] in outcomes, "some band takes more than the error correction can give back"


def test_frames_without_a_code_read_nothing(lattice: LatticeDecoder) -> None:
    rng = np.random.default_rng(11)
    for seed in range(3):
        frame = cluttered_frame("x", 4.0, 0, seed=seed)
        frame[120:360, 200:440] = 150  # the code painted over: clutter, lines, light only
        noisy = cv2.GaussianBlur(frame, (0, 0), 1.0) + rng.normal(0, 6, frame.shape)
        assert lattice.decode(np.clip(noisy, 0, 255).astype(np.uint8)) == []
    checks = np.kron((np.indices((24, 32)).sum(axis=0) % 2) * 255, np.ones((20, 20)))
    assert lattice.decode(checks.astype(np.uint8)) == [], "a chessboard is a lattice, not a code"


def test_a_large_photo_is_reduced_before_the_nets_see_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[int, ...]] = []
    maps = LatticeNet.maps

    def recorded(net: LatticeNet, grey: np.ndarray) -> object:
        seen.append(grey.shape)
        return maps(net, grey)

    monkeypatch.setattr(LatticeNet, "maps", recorded)
    sample = paper_sample("crumpled", 3, np.random.default_rng(0))
    photo = np.asarray(cv2.resize(sample.image, (1280, 960)), dtype=np.uint8)
    assert LatticeDecoder().decode(photo) == [sample.payload], "the grid maps back to the photo"
    assert seen and all(height * width <= MAX_NET_PIXELS for height, width in seen)


def test_a_damaged_installation_reads_nothing_and_says_so_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken = tmp_path / "lattice-first.onnx"
    broken.write_bytes(b"\x08\x07" + bytes(200))  # a truncated file, not a net
    decoder = LatticeDecoder(nets=(broken, tmp_path / "missing.onnx"))
    frame, _ = _combined(READ_THROUGH_THE_LATTICE)
    with caplog.at_level(logging.ERROR, logger="kiosk.qr.lattice"):
        assert decoder.decode(frame) == []
        assert decoder.decode(frame) == []
    assert len(caplog.records) == 1
    assert "without the lattice net" in caplog.records[0].getMessage()


def test_unwrapping_goes_around_a_streak_of_wrong_phases() -> None:
    rows, cols = np.mgrid[0:80, 0:90].astype(np.float64)
    coordinate = cols / 6.3 + rows / 40
    phase = coordinate - np.round(coordinate)
    quality = np.ones_like(phase)
    streak = (slice(30, 34), slice(10, 70))
    phase[streak] = np.random.default_rng(3).uniform(-0.5, 0.5, phase[streak].shape)
    quality[streak] = 0.1
    region = np.ones(phase.shape, bool)
    region[:, :5] = False
    found = unwrapped(phase, region, quality)
    assert np.isnan(found[:, :5]).all()
    offset = found - coordinate
    clean = region & (quality == 1)
    assert np.allclose(offset[clean], np.median(offset[clean]), atol=1e-9)


def _darkness_of(modules: np.ndarray, degrees: float) -> tuple[np.ndarray, np.ndarray]:
    """A clean code's darkness at 2x (8 px a module at 2x), turned by `degrees`, and the
    module centres in 1x pixels."""
    image = drawn(modules, quiet_zone=4, pixels=8).astype(np.float32)
    centre = (image.shape[1] / 2 - 0.5, image.shape[0] / 2 - 0.5)
    turn = cv2.getRotationMatrix2D(centre, -degrees, 1.0)
    darkness = 1 - cv2.warpAffine(image, turn, image.shape[::-1], borderValue=255.0) / 255
    index = np.arange(modules.shape[0]) + 4.5
    x, y = np.meshgrid(index * 8 - 0.5, index * 8 - 0.5)
    points = np.stack([x, y, np.ones_like(x)], axis=-1) @ turn.T
    return darkness, (points + 0.5) / 2 - 0.5


def test_the_turn_of_a_code_is_read_from_its_edges() -> None:
    modules = true_modules("LQ03-20261127-0042")
    for degrees in (-30.0, 0.0, 17.0, 40.0):
        darkness, _ = _darkness_of(modules, degrees)
        turn = lattice_turn(darkness, np.ones(darkness.shape, bool))
        assert abs((turn - degrees + 45) % 90 - 45) < 1.5


def test_the_grid_whose_patterns_match_comes_first_in_its_right_turn() -> None:
    modules = true_modules("LQ03-20261127-0042")
    darkness, centres = _darkness_of(modules, 0.0)
    assert pattern_agreement(darkness, centres) == 1.0
    cells = np.pad(np.rot90(centres, 1), ((1, 0), (0, 1), (0, 0)), constant_values=np.nan)
    best = candidate_grids(cells, darkness)[0]
    assert np.allclose(best, centres)


def _resident_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def test_the_nets_buffers_are_not_held_between_frames(lattice: LatticeDecoder) -> None:
    """OpenCV keeps a net's buffers for its last input (about 200 MB for a webcam frame);
    the kiosk's camera lane keeps its decoder for as long as it runs."""
    frame, payload = _combined(READ_THROUGH_THE_LATTICE)
    before = _resident_mb()
    assert lattice.decode(frame) == [payload]
    assert _resident_mb() - before < 60
