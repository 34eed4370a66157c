"""Undo focus blur and motion blur on the code's region by Wiener deconvolution.

An unsharp mask only steepens edges; when blur is wider than a module the
modules have merged and only dividing the blur back out of the spectrum
separates them again. That needs the blur's shape. Focus blur is close to a
Gaussian of about two pixels at the distances a villager holds a card, so one
fixed kernel serves. Motion blur is a streak whose direction and length
vary; both show in the cepstrum of the region (the spectrum of the log
spectrum), where a streak of length L at angle a leaves a negative peak at
distance L in direction a. The strongest peaks give a few candidate streaks.

Deconvolution only ever hands the decoder another picture: a code is
accepted only when its own error correction passes, so a wrong guess of the
blur costs time, never a wrong payload.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

Grey = NDArray[np.uint8]
Floats = NDArray[np.float32]

TAPER = 12
"""Pixels over which the region's edges fade to its mean, so the FFT's wrap-around does not ring."""
SHORTEST_STREAK, LONGEST_STREAK = 4, 17
"""Motion blur lengths looked for in the cepstrum, in pixels (a hand's tremor at 640x480)."""
STREAK_ALLOWANCE = 0.5
"""Pixels added to a streak's length from the cepstrum, whose peaks lie on the pixel grid while
the camera's own softness lengthens the smear a little; the benchmark read 2 more frames with it."""
FOCUS_SIGMA = 2.0
"""The Gaussian focus blur deconvolved; 1.5–2.6 read the same frames in the benchmark."""


@dataclass(frozen=True)
class Streak:
    """A straight motion blur: its length in pixels and its angle in degrees (0–180, y up)."""

    length: float
    angle: float


class RegionSpectrum:
    """The Fourier transform of one region, computed once for every kernel tried on it."""

    def __init__(self, region: Grey) -> None:
        self.height, self.width = region.shape
        padded_shape = (cv2.getOptimalDFTSize(self.height), cv2.getOptimalDFTSize(self.width))
        tapered = _tapered(region.astype(np.float32))
        padded = np.full(padded_shape, float(tapered.mean()), np.float32)
        padded[: self.height, : self.width] = tapered
        self.shape = padded_shape
        self.transform = np.fft.rfft2(padded)

    def deconvolve(self, kernel: Floats, noise_to_signal: float) -> Grey:
        """The region with `kernel` divided out (Wiener); `noise_to_signal` damps noisy ones."""
        blur = np.fft.rfft2(_centred_at_origin(kernel, self.shape))
        restored = np.fft.irfft2(
            self.transform * np.conj(blur) / (np.abs(blur) ** 2 + noise_to_signal), s=self.shape
        )
        region = restored[: self.height, : self.width]
        return np.clip(region, 0, 255).astype(np.uint8)


def likely_streaks(region: Grey, count: int) -> list[Streak]:
    """The `count` likeliest motion blurs of `region`, from the deepest minima of its cepstrum.

    The region is windowed (Hann) for this: a window's soft edges leave the
    cepstrum near its origin clean, where the gentler deconvolution taper does not.
    """
    height, width = region.shape
    centred = region.astype(np.float32) - float(region.mean())
    window = np.outer(np.hanning(height), np.hanning(width)).astype(np.float32)
    magnitude = np.abs(np.fft.rfft2(centred * window))
    cepstrum = np.fft.irfft2(np.log(magnitude + 1e-3 * float(magnitude.max())), s=(height, width))
    rows = np.arange(-LONGEST_STREAK, LONGEST_STREAK + 1)
    columns = np.arange(0, LONGEST_STREAK + 1)
    near = cepstrum[np.ix_(rows % height, columns % width)]
    dy, dx = np.meshgrid(rows, columns, indexing="ij")
    distance = np.hypot(dy, dx)
    # The cepstrum is symmetric: one half-plane holds every direction once.
    wanted = (distance >= SHORTEST_STREAK) & (distance <= LONGEST_STREAK) & ((dx > 0) | (dy < 0))
    candidates = np.where(wanted, near, np.inf)
    found: list[Streak] = []
    for _ in range(count):
        row, column = np.unravel_index(int(np.argmin(candidates)), candidates.shape)
        y, x = int(dy[row, column]), int(dx[row, column])
        length = float(np.hypot(y, x)) + STREAK_ALLOWANCE
        found.append(Streak(length, float(np.degrees(np.arctan2(-y, x)) % 180)))
        candidates[max(0, row - 2) : row + 3, max(0, column - 2) : column + 3] = np.inf
    return found


def gaussian_kernel(sigma: float) -> Floats:
    """A normalised Gaussian blur kernel (focus blur)."""
    line = cv2.getGaussianKernel(int(6 * sigma) | 1, sigma)
    return np.asarray(line @ line.T, dtype=np.float32)


def streak_kernel(streak: Streak) -> Floats:
    """A normalised straight-line blur kernel, drawn with sub-pixel weights."""
    size = int(np.ceil(streak.length)) | 1
    size += 2
    centre = (size - 1) / 2
    theta = np.deg2rad(streak.angle)
    steps = np.linspace(-(streak.length - 1) / 2, (streak.length - 1) / 2, 4 * size)
    x, y = centre + steps * np.cos(theta), centre - steps * np.sin(theta)
    x0, y0 = np.floor(x).astype(int), np.floor(y).astype(int)
    fx, fy = x - x0, y - y0
    kernel = np.zeros((size, size), np.float32)
    for ox, oy, weight in (
        (0, 0, (1 - fx) * (1 - fy)),
        (1, 0, fx * (1 - fy)),
        (0, 1, (1 - fx) * fy),
        (1, 1, fx * fy),
    ):
        np.add.at(kernel, (np.clip(y0 + oy, 0, size - 1), np.clip(x0 + ox, 0, size - 1)), weight)
    return np.asarray(kernel / kernel.sum(), dtype=np.float32)


def _tapered(region: Floats) -> Floats:
    height, width = region.shape
    border = max(1, min(TAPER, height // 4, width // 4))
    ramp = (0.5 - 0.5 * np.cos(np.linspace(0, np.pi, border))).astype(np.float32)
    rows, columns = np.ones(height, np.float32), np.ones(width, np.float32)
    rows[:border], rows[-border:] = ramp, ramp[::-1]
    columns[:border], columns[-border:] = ramp, ramp[::-1]
    mean = float(region.mean())
    return np.asarray((region - mean) * np.outer(rows, columns) + mean, dtype=np.float32)


def _centred_at_origin(kernel: Floats, shape: tuple[int, int]) -> Floats:
    """The kernel in an array of `shape`, its centre moved to (0, 0) as the FFT expects."""
    padded = np.zeros(shape, np.float32)
    rows, columns = kernel.shape
    padded[:rows, :columns] = kernel
    return np.roll(padded, (-(rows // 2), -(columns // 2)), axis=(0, 1))
