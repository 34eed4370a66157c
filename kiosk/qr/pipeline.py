"""The kiosk's QR decoding pipeline: retries with clean-ups, cheapest first.

A frame is first given to the decoder as it is; only if nothing is found is
it cleaned up in one way after another, in order of cost, each undoing one
common camera fault. The first code read wins. The later steps work only on
the region where the code probably is, where the costlier clean-ups (enlarging,
deblurring) are affordable; the costliest, un-warping a code on paper that is
not flat, comes next and tries a bounded number of fits; last, a learned net finds
the grid where those fits cannot start (kiosk/qr/lattice.py). A frame with no code runs
every step, which bounds the cost per frame (see bench/qr_bench.py and docs/qr-decoding.md).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from kiosk.qr.decoders import Decoder, ZbarDecoder, ZxingDecoder
from kiosk.qr.lattice import LatticeDecoder
from kiosk.qr.preprocess import FrameVariants
from kiosk.qr.unwarp import UnwarpDecoder

Grey = NDArray[np.uint8]


@dataclass(frozen=True)
class Step:
    """One attempt: a clean-up of the frame (by name, see preprocess.VARIANTS), then a decoder."""

    variant: str
    decoder: Decoder
    costly: bool = False
    """Run only while the frame's time budget lasts (see QrPipeline)."""

    @property
    def name(self) -> str:
        """How reports name the step, e.g. 'sharpened' or 'zbar:sharpened_threshold'."""
        prefix = "" if type(self.decoder) is ZxingDecoder else f"{self.decoder.name}:"
        return prefix + self.variant


@dataclass(frozen=True)
class DecodedCode:
    """What was read from a frame, and which step read it (for the benchmark and logs)."""

    text: str
    step: str


def default_steps() -> list[Step]:
    """The kiosk's steps, in the order the benchmark found best for their cost.

    The first (the frame as it is) reads most frames for a millisecond or
    two and is the camera's quick step; the rest are costly
    (bench/qr_bench.py measures both parts): the camera runs them apart, on
    frames the quick step missed (ui/scanning/frame_decoder.py).
    """
    zxing = ZxingDecoder()
    zbar = ZbarDecoder()
    return [
        Step("plain", zxing),
        Step("sharpened", zxing, costly=True),
        Step("lightly_sharpened", zxing, costly=True),
        Step("sharpened_threshold", zxing, costly=True),
        Step("region_sharpened_threshold", zbar, costly=True),
        Step("region_enlarged_sharpened", zxing, costly=True),
        Step("region_stretched_enlarged", zxing, costly=True),
        Step("region_focus_deblurred_enlarged", zxing, costly=True),
        Step("region_motion_deblurred_enlarged", zxing, costly=True),
        Step("region_second_motion_deblurred_enlarged", zxing, costly=True),
        Step("region_third_motion_deblurred_enlarged", zxing, costly=True),
        Step("plain", UnwarpDecoder(), costly=True),
        Step("plain", LatticeDecoder(), costly=True),
    ]


def steps_without_unwarping() -> list[Step]:
    """The default steps but the un-warping and the learned lattice: for paper that is flat,
    the pipeline as it was before them (what the tests and benchmarks compare it with)."""
    return [
        step
        for step in default_steps()
        if not isinstance(step.decoder, UnwarpDecoder | LatticeDecoder)
    ]


class QrPipeline:
    """Decodes greyscale frames; holds decoder state, so use one per thread.

    `decode` runs every step (an image file: a person waits for one answer).
    A camera splits the work: `decode_quickly` on every frame, the quick
    steps only, and `decode_costly` on a frame they missed, apart, so the
    camera's frames never wait for it. A frame's cost is bounded by the work
    each step may do (the un-warping tries a few grid fits at most,
    kiosk/qr/unwarp.py), not by the clock, so the same frame gives the same
    answer on a busy machine. `budget_ms` can add a wall-clock limit: costly
    steps are then skipped once the frame has taken that long.
    """

    def __init__(self, steps: Sequence[Step] | None = None, budget_ms: float | None = None) -> None:
        self.steps = list(default_steps() if steps is None else steps)
        self._budget_s = None if budget_ms is None else budget_ms / 1000

    def decode(self, grey: Grey) -> DecodedCode | None:
        """The first QR code read by any step, or None when every step fails."""
        return self._run(grey, self.steps)

    def decode_quickly(self, grey: Grey) -> DecodedCode | None:
        """The first code read by a quick step (the camera's every frame), or None."""
        return self._run(grey, [step for step in self.steps if not step.costly])

    def decode_costly(self, grey: Grey) -> DecodedCode | None:
        """The first code read by a costly step, for a frame the quick steps missed."""
        return self._run(grey, [step for step in self.steps if step.costly])

    def _run(self, grey: Grey, steps: Sequence[Step]) -> DecodedCode | None:
        if grey.ndim != 2 or grey.dtype != np.uint8 or min(grey.shape) < 21:
            raise ValueError("the pipeline takes 8-bit greyscale images of at least 21x21")
        started = time.perf_counter()
        frame = FrameVariants(grey)
        for step in steps:
            if step.costly and self._out_of_time(started):
                break
            image = frame.get(step.variant)
            if image is None:  # a region step on a frame where no region stood out
                continue
            texts = step.decoder.decode(image)
            if texts:
                return DecodedCode(texts[0], step.name)
        return None

    def _out_of_time(self, started: float) -> bool:
        return self._budget_s is not None and time.perf_counter() - started > self._budget_s
