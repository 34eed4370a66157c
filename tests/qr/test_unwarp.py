"""Un-warping: codes on paper that is not flat are read after their module grid is fitted."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
import pytest
import qrcode

from bench.qr_corpus import crease
from kiosk.qr import QrPipeline, steps_without_unwarping
from kiosk.qr.outline import symbol_outline
from kiosk.qr.pipeline import default_steps
from kiosk.qr.unwarp import (
    WINDOWS,
    GridSampler,
    UnwarpDecoder,
    UnwarpParts,
    codes_in_outline,
    drawn,
    find_finders,
    function_patterns,
    likely_codes,
    read_drawn,
)
from tests.qr.codes import cluttered_frame, paper_frame, png_to_grey, qr_png

RECEIPT = "TSK1:LQ03-20261127-0042:KZWX5D"


@pytest.fixture(scope="module")
def unwarp() -> UnwarpDecoder:
    return UnwarpDecoder(max_fits=None)


@pytest.fixture(scope="module")
def cheaper_steps() -> QrPipeline:
    """The pipeline as it was before un-warping."""
    return QrPipeline(steps_without_unwarping())


def test_the_finders_give_the_code_s_corners_in_reading_order() -> None:
    frame = cluttered_frame(RECEIPT, 4.0, 30, seed=5)  # turned 30 degrees anticlockwise

    code = likely_codes(find_finders(frame))[0]

    turn = np.deg2rad(30)
    across = np.array([code.top_right.x - code.top_left.x, code.top_right.y - code.top_left.y])
    down = np.array([code.bottom_left.x - code.top_left.x, code.bottom_left.y - code.top_left.y])
    assert np.dot(across / np.linalg.norm(across), [np.cos(turn), -np.sin(turn)]) > 0.98
    assert np.dot(down / np.linalg.norm(down), [np.sin(turn), np.cos(turn)]) > 0.98
    quiet_zone = 4
    modules = png_to_grey(qr_png(RECEIPT, box_size=1)).shape[0] - 2 * quiet_zone
    assert round(code.side_in_modules()) == modules


def _modules(text: str) -> np.ndarray:
    """The code's modules as the kiosk's QR library lays them out (True: dark), no quiet zone."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(text.encode("utf-8"))
    code.make(fit=True)
    return np.array(code.get_matrix(), dtype=bool)


@pytest.mark.parametrize("length", [5, 40, 120, 400, 1200, 2300])
def test_function_patterns_are_those_of_every_code_of_the_version(length: int) -> None:
    """Versions 1 to about 30: finders, timing, alignment patterns, the dark module and the
    version information, as another encoder (qrcode) lays them out."""
    modules = _modules("7" * length)

    fixed, dark = function_patterns(modules.shape[0])

    assert fixed.sum() > 3 * 64
    assert np.array_equal(dark[fixed], modules[fixed])


def test_a_broken_finder_ring_is_drawn_as_it_must_be() -> None:
    """A fit drifting at the code's edge breaks a finder's outer ring: sampled as it is,
    the code is not read (or read as a Micro QR symbol, which is refused); with the
    function patterns drawn in, the data modules are all the decoder needs."""
    modules = _modules(RECEIPT)
    side = modules.shape[0]
    broken = modules.copy()
    broken[1:6, side - 1] = ~broken[1:6, side - 1]  # the top-right finder's right edge
    broken[side - 2, 1:6] = ~broken[side - 2, 1:6]  # and the bottom-left one's inner ring

    fixed, fixed_dark = function_patterns(side)

    assert read_drawn(drawn(broken), side) == []
    assert read_drawn(drawn(np.where(fixed, fixed_dark, broken)), side) == [RECEIPT]


def test_a_shifted_grid_is_measured_and_corrected() -> None:
    """Modules moved by a fifth of a module show as drift, and the fit moves them back."""
    flat = png_to_grey(qr_png(RECEIPT, box_size=5))
    frame = np.full((480, 640), 120, np.uint8)
    frame[100 : 100 + flat.shape[0], 150 : 150 + flat.shape[1]] = flat
    code = likely_codes(find_finders(frame))[0]
    modules = round(code.side_in_modules())
    sampler = GridSampler(frame, code, modules)
    before = sampler.rectified()
    # The same frame with everything right of the timing column moved one pixel right.
    moved = frame.copy()
    moved[:, 200:] = frame[:, 199:-1]
    shifted = GridSampler(moved, code, modules)

    shifted.refine(4.0)

    inner = (slice(60, 130), slice(90, 160))  # data modules right of the move, in the code
    assert float(np.median(shifted.drift_u[inner])) == pytest.approx(0.2, abs=0.06)
    error_after = np.abs(shifted.rectified().astype(float) - before)[inner].mean()
    unfitted = GridSampler(moved, code, modules).rectified()
    assert error_after < 0.6 * np.abs(unfitted.astype(float) - before)[inner].mean()


def test_codes_crumpled_by_a_module_are_read_only_after_un_warping(
    cheaper_steps: QrPipeline,
) -> None:
    pipeline = QrPipeline()
    frames = [paper_frame(RECEIPT, seed, crumpled=1.0) for seed in range(8)]

    before = [cheaper_steps.decode(frame) for frame in frames]
    after = [pipeline.decode(frame) for frame in frames]

    assert sum(found is not None for found in before) <= 1
    read = [found for found in after if found is not None]
    assert len(read) >= 4
    assert all(found.text == RECEIPT for found in read)
    assert sum(found.step == "unwarp:plain" for found in read) >= 4


def test_a_code_s_outline_gives_its_corners_and_which_corner_is_top_left() -> None:
    module_px, angle = 4.0, 30.0
    frame = cluttered_frame(RECEIPT, module_px, angle, seed=5)
    side = _modules(RECEIPT).shape[0]
    drawn_side = side + 8  # the quiet zone of 4 modules on each side
    turn = cv2.getRotationMatrix2D((drawn_side / 2, drawn_side / 2), angle, module_px)
    turn[:, 2] += (320 - drawn_side / 2, 240 - drawn_side / 2)

    def in_frame(u: float, v: float) -> np.ndarray:
        """A point of the code (module coordinates, no quiet zone) in the frame."""
        return np.asarray(turn @ [u + 4 - 0.5, v + 4 - 0.5, 1.0])

    corners = symbol_outline(frame, module_px)

    assert corners is not None
    for u, v in ((0, 0), (side, 0), (side, side), (0, side)):
        nearest = min(float(np.hypot(*(corner - in_frame(u, v)))) for corner in corners)
        assert nearest < 1.5 * module_px
    sampler = codes_in_outline(frame, corners, module_px)[0]
    assert sampler.modules == side
    mapped = sampler.mapping @ [3.5, 3.5, 1.0]
    top_left_finder = mapped[:2] / mapped[2]
    assert np.hypot(*(top_left_finder - in_frame(3.5, 3.5))) < module_px


def test_codes_folded_through_their_finders_are_read_after_the_outline_and_mesh_fits(
    unwarp: UnwarpDecoder,
) -> None:
    """A 50 degree fold breaks one or two finders and squeezes half the code: neither the
    finder search nor the drift passes get a grid; the outline and the mesh fit do."""
    frames = [paper_frame(RECEIPT, seed, crumpled=0.4, creased=50.0) for seed in range(12)]
    without = UnwarpDecoder(UnwarpParts(outline=False, mesh=False), max_fits=None)

    assert all(without.decode(frame) == [] for frame in frames)
    texts = [unwarp.decode(frame) for frame in frames]
    assert all(found in ([], [RECEIPT]) for found in texts)
    assert sum(found == [RECEIPT] for found in texts) >= 3


@pytest.mark.parametrize("seed", [3, 10])
def test_the_mesh_fit_follows_a_fold_the_drift_passes_lose(seed: int) -> None:
    """A 50 degree fold squeezes the far side to 0.64 of its width: the module pitch there is
    not the one the drift passes measure, while the mesh needs no pitch."""
    modules = _modules(RECEIPT)
    side, drawn_px, module_px = modules.shape[0], 8, 5.0
    flat = np.pad(np.where(modules, 20.0, 235.0), 4, constant_values=235.0)
    paper = np.kron(flat, np.ones((drawn_px, drawn_px))).astype(np.float32)
    folded = crease(paper, 50.0, np.random.default_rng(seed), drawn_px)
    small = cv2.resize(folded, None, fx=module_px / drawn_px, fy=module_px / drawn_px)
    frame = np.full((480, 640), 120.0)
    frame[100 : 100 + small.shape[0], 150 : 150 + small.shape[1]] = small
    frame = np.clip(cv2.GaussianBlur(frame, (0, 0), 0.7), 0, 255).astype(np.uint8)
    code = likely_codes(find_finders(frame))[0]
    data = ~function_patterns(side)[0]

    def wrong_after(fit: str) -> float:
        sampler = GridSampler(frame, code, side)
        sampler.fit_perspective()
        if fit == "mesh":
            sampler.fit_mesh()
            return float(np.mean((sampler.module_contrast() < 0)[data] != modules[data]))
        shares = []
        for window in WINDOWS:
            sampler.refine(window)
            shares.append(float(np.mean((sampler.module_contrast() < 0)[data] != modules[data])))
        return min(shares)

    assert wrong_after("drift passes") > 0.4
    assert wrong_after("mesh") < 0.25


def test_damaged_codes_give_their_own_text_or_nothing(unwarp: UnwarpDecoder) -> None:
    """A misfitted grid is a random pattern: it must cost a miss, never another text."""
    rng = np.random.default_rng(18)
    outcomes = []
    for attempt in range(24):
        text = f"TSK1:LQ03-2026{attempt:04d}-{int(rng.integers(1, 9999)):04d}:KZWX5D"
        if attempt % 3 == 2:
            text = "".join(rng.choice(list("0123456789ABCDEFGHJK"), 120))  # a denser code
        frame = paper_frame(
            text,
            seed=100 + attempt,
            crumpled=float(rng.uniform(0.5, 2.0)),
            creased=float(rng.choice([0.0, 35.0, 55.0])),
            module_px=float(rng.uniform(3.0, 5.0)),
        )
        if attempt % 4 == 1:  # a stain across part of the code
            x, y = int(rng.integers(260, 340)), int(rng.integers(180, 260))
            frame[y : y + 30, x : x + 45] = int(rng.integers(20, 120))
        texts = unwarp.decode(frame)
        assert texts in ([], [text])
        outcomes.append(bool(texts))
    assert any(outcomes) and not all(outcomes), "both reads and misses happened"


def test_frames_without_a_code_read_nothing(unwarp: UnwarpDecoder) -> None:
    rng = np.random.default_rng(4)
    for seed in range(6):
        frame = cluttered_frame("x", 4.0, 0, seed=seed)
        frame[120:360, 200:440] = 150  # the code painted over: clutter, lines, light only
        noise = rng.normal(0, 6, frame.shape)
        frame = np.clip(cv2.GaussianBlur(frame, (0, 0), 1.0) + noise, 0, 255).astype(np.uint8)
        assert unwarp.decode(frame) == []


def test_a_wall_clock_budget_skips_the_costly_step() -> None:
    """A caller that sets a budget gets an answer within it: with no time left, the pipeline
    gives up on the crumpled code it reads when it has time."""
    frame = paper_frame(RECEIPT, 1, crumpled=1.0)
    assert QrPipeline(budget_ms=0.0).decode(frame) is None
    found = QrPipeline().decode(frame)
    assert found is not None and found.text == RECEIPT


class _CountingUnwarp(UnwarpDecoder):
    """The un-warping decoder, counting the frames it is given."""

    def __init__(self) -> None:
        super().__init__()
        self.frames = 0

    def decode(self, grey: np.ndarray) -> list[str]:
        self.frames += 1
        return super().decode(grey)


def test_the_camera_s_quick_step_never_un_warps() -> None:
    """The camera's every (newest) frame gets the quick steps only: a crumpled code they miss
    costs no un-warping there; the costly steps, on their own lane, un-warp and read it."""
    unwarping = _CountingUnwarp()
    steps = [
        replace(step, decoder=unwarping) if isinstance(step.decoder, UnwarpDecoder) else step
        for step in default_steps()
    ]
    pipeline = QrPipeline(steps)
    frame = paper_frame(RECEIPT, 1, crumpled=1.0)
    assert pipeline.decode_quickly(frame) is None
    assert unwarping.frames == 0
    found = pipeline.decode_costly(frame)
    assert found is not None and found.text == RECEIPT
    assert unwarping.frames == 1
