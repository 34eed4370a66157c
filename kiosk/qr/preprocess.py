"""Image clean-ups tried before giving up on a frame, each undoing one camera fault.

All work on 8-bit greyscale arrays with OpenCV, which does each of these in
well under a millisecond on a 640x480 frame; Pillow took five to eight times
as long, enough to break the per-frame budget (docs/qr-decoding.md). :class:`FrameVariants`
computes each clean-up of one frame at most once, since several steps of the
pipeline start from the same one (the sharpened frame, for instance).

The costlier clean-ups (deblurring, enlarging) work only on the region where
the code probably is (kiosk/qr/region.py): a quarter of the frame or less,
which keeps a frame that holds no code within the budget.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

import cv2
import numpy as np
from numpy.typing import NDArray

from kiosk.qr.deblur import (
    FOCUS_SIGMA,
    RegionSpectrum,
    Streak,
    gaussian_kernel,
    likely_streaks,
    streak_kernel,
)
from kiosk.qr.region import Region, locate_code

Grey = NDArray[np.uint8]


def unsharp(grey: Grey, sigma: float = 2.0, amount: float = 1.0) -> Grey:
    """Sharpen edges softened by focus blur (the commonest webcam fault at close range)."""
    blurred = cv2.GaussianBlur(grey, (0, 0), sigma)
    return np.asarray(cv2.addWeighted(grey, 1 + amount, blurred, -amount, 0), dtype=np.uint8)


def stretch_contrast(grey: Grey, low_percent: float = 1.0, high_percent: float = 99.0) -> Grey:
    """Spread the grey levels actually present over the full range (dim or washed-out codes)."""
    bounds = np.percentile(grey[::4, ::4], (low_percent, high_percent))
    low, high = float(bounds[0]), float(bounds[1])
    if high - low < 1:
        return grey
    table = np.clip((np.arange(256, dtype=np.float32) - low) * (255.0 / (high - low)), 0, 255)
    lookup: Grey = table.astype(np.uint8)
    return lookup[grey]


def adaptive_threshold(grey: Grey, window: int = 31, offset: int = 5) -> Grey:
    """Black and white by comparing each pixel with its neighbourhood (glare, uneven light)."""
    binary = cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, window, offset
    )
    return np.asarray(binary, dtype=np.uint8)


def rescale(grey: Grey, factor: float) -> Grey:
    """Resize: up for codes whose modules are only two or three pixels, down for noise."""
    interpolation = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    resized = cv2.resize(grey, None, fx=factor, fy=factor, interpolation=interpolation)
    return np.asarray(resized, dtype=np.uint8)


MOTION_GUESSES = 3
"""How many motion blurs (the cepstrum's strongest) are tried before giving up."""
LARGEST_REGION = 360
"""Longest side, in pixels, of the region the deconvolutions work on: bounds their cost."""
NOISE_TO_SIGNAL = 0.005
"""Wiener damping: lower sharpens more but amplifies noise and JPEG blocks."""


class FrameVariants:
    """One frame and its clean-ups, each computed on first use and then reused."""

    def __init__(self, grey: Grey) -> None:
        self._cache: dict[str, Grey | None] = {"plain": grey}

    def get(self, name: str) -> Grey | None:
        """The frame cleaned up as `name` (one of :data:`VARIANTS`); None if it does not apply."""
        if name not in self._cache:
            self._cache[name] = VARIANTS[name](self)
        return self._cache[name]

    def image(self, name: str) -> Grey:
        """A whole-frame clean-up, which always applies."""
        image = self.get(name)
        if image is None:
            raise ValueError(f"{name} is a region variant")
        return image

    @cached_property
    def region(self) -> Region | None:
        """Where the code probably is; None for a featureless frame."""
        return locate_code(self.image("plain"))

    @cached_property
    def spectrum(self) -> RegionSpectrum | None:
        """The region's spectrum, shared by every deconvolution."""
        region = self.get("region")
        return None if region is None else RegionSpectrum(region)

    @cached_property
    def streaks(self) -> list[Streak]:
        """The likeliest motion blurs of the region, likeliest first."""
        region = self.get("region")
        return [] if region is None else likely_streaks(region, MOTION_GUESSES)


def _region_of(name: str) -> Callable[[FrameVariants], Grey | None]:
    """The code's region cut from a whole-frame clean-up."""

    def cut(frame: FrameVariants) -> Grey | None:
        return None if frame.region is None else frame.region.cut(frame.image(name))

    return cut


def _region(frame: FrameVariants) -> Grey | None:
    """The code's region, reduced if it is large (large codes have large modules to spare)."""
    region = _region_of("plain")(frame)
    if region is None or max(region.shape) <= LARGEST_REGION:
        return region
    return rescale(region, LARGEST_REGION / max(region.shape))


def _focus_deblurred(frame: FrameVariants) -> Grey | None:
    """The region with a typical focus blur divided out, enlarged 2x."""
    if frame.spectrum is None:
        return None
    return _enlarged(frame.spectrum.deconvolve(gaussian_kernel(FOCUS_SIGMA), NOISE_TO_SIGNAL))


def _motion_deblurred(guess: int) -> Callable[[FrameVariants], Grey | None]:
    """The region with the `guess`-th likeliest streak divided out, enlarged 2x."""

    def deblur(frame: FrameVariants) -> Grey | None:
        if frame.spectrum is None or len(frame.streaks) <= guess:
            return None
        kernel = streak_kernel(frame.streaks[guess])
        return _enlarged(frame.spectrum.deconvolve(kernel, NOISE_TO_SIGNAL))

    return deblur


def _enlarged(region: Grey) -> Grey:
    return rescale(region, 2.0)


def _from(source: str, clean_up: Callable[[Grey], Grey]) -> Callable[[FrameVariants], Grey | None]:
    """A region variant made from another one, which may not apply."""

    def derive(frame: FrameVariants) -> Grey | None:
        image = frame.get(source)
        return None if image is None else clean_up(image)

    return derive


VARIANTS: dict[str, Callable[[FrameVariants], Grey | None]] = {
    "sharpened": lambda frame: unsharp(frame.image("plain")),
    "lightly_sharpened": lambda frame: unsharp(frame.image("plain"), sigma=1.0),
    "sharpened_threshold": lambda frame: adaptive_threshold(frame.image("sharpened")),
    "region": _region,
    "region_sharpened_threshold": _region_of("sharpened_threshold"),
    # zxing-cpp samples modules of 2-3 px poorly: regions enlarged 2x read better.
    "region_enlarged": _from("region", _enlarged),
    "region_enlarged_sharpened": _from(
        "region_enlarged", lambda enlarged: unsharp(enlarged, sigma=2.5, amount=1.5)
    ),
    "region_stretched_enlarged": _from("region", lambda part: _enlarged(stretch_contrast(part))),
    "region_focus_deblurred_enlarged": _focus_deblurred,
    "region_motion_deblurred_enlarged": _motion_deblurred(0),
    "region_second_motion_deblurred_enlarged": _motion_deblurred(1),
    "region_third_motion_deblurred_enlarged": _motion_deblurred(2),
}
"""Every clean-up by name, built from the plain frame or from another clean-up."""
