"""The kiosk's QR decoding pipeline: retries with clean-ups, cheapest first.

A frame is first given to the decoder as it is; only if nothing is found is
it cleaned up in one way after another, in order of cost, each undoing one
common camera fault. The first code read wins. The later steps work only on
the region where the code probably is, where the costlier clean-ups (enlarging,
deblurring) are affordable; the costliest, un-warping a code on paper that is
not flat, comes last and runs within a time budget. A frame with no code runs
every step, which bounds the cost per frame (see bench/qr_bench.py and docs/qr-decoding.md).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from kiosk.qr.decoders import Decoder, ZbarDecoder, ZxingDecoder
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
    """The kiosk's steps, in the order the benchmark found best for their cost."""
    zxing = ZxingDecoder()
    zbar = ZbarDecoder()
    return [
        Step("plain", zxing),
        Step("sharpened", zxing),
        Step("lightly_sharpened", zxing),
        Step("sharpened_threshold", zxing),
        Step("region_sharpened_threshold", zbar),
        Step("region_enlarged_sharpened", zxing),
        Step("region_stretched_enlarged", zxing),
        Step("region_focus_deblurred_enlarged", zxing),
        Step("region_motion_deblurred_enlarged", zxing),
        Step("region_second_motion_deblurred_enlarged", zxing),
        Step("region_third_motion_deblurred_enlarged", zxing),
        Step("plain", UnwarpDecoder(), costly=True),
    ]


FRAME_BUDGET_MS = 18.0
"""A costly step starts only if the frame has taken less than this so far (wall clock).

The cheap steps take up to about 18 ms of CPU on a frame with no code; the
un-warping (kiosk/qr/unwarp.py) stops itself after 12 ms more. So a camera
frame costs at most about 30 ms, and on a busy machine, where the cheap steps
already took longer, the un-warping is skipped and the next frame comes
sooner: the camera never queues behind it (ui/scanning/frame_decoder.py
decodes the newest frame when the worker is free).
"""


class QrPipeline:
    """Decodes greyscale frames; holds decoder state, so use one per thread.

    `budget_ms` bounds a frame's cost for the camera (the default); image
    files, where a person waits for one answer, pass None to run every step.
    """

    def __init__(
        self, steps: Sequence[Step] | None = None, budget_ms: float | None = FRAME_BUDGET_MS
    ) -> None:
        self.steps = list(default_steps() if steps is None else steps)
        self._budget_s = None if budget_ms is None else budget_ms / 1000

    def decode(self, grey: Grey) -> DecodedCode | None:
        """The first QR code read by any step, or None when every step fails."""
        if grey.ndim != 2 or grey.dtype != np.uint8 or min(grey.shape) < 21:
            raise ValueError("the pipeline takes 8-bit greyscale images of at least 21x21")
        started = time.perf_counter()
        frame = FrameVariants(grey)
        for step in self.steps:
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
