"""Deblurring: the blur is recognised, divided out, and rescues frames the sharpening missed."""

from __future__ import annotations

import numpy as np
import pytest

from kiosk.qr import QrPipeline, steps_without_unwarping
from kiosk.qr.deblur import RegionSpectrum, Streak, likely_streaks, streak_kernel
from tests.qr.codes import Grey, cluttered_frame, focus_blurred, motion_blurred, sensor_noise

ID_NUMBER = "110105194912310021"
TRACKING = "DEMO01-20261127-0042-" + "A" * 60


@pytest.fixture(scope="module")
def pipeline() -> QrPipeline:
    return QrPipeline()


@pytest.fixture(scope="module")
def whole_frame_only() -> QrPipeline:
    """The pipeline as it was before it looked for the code's region: sharpening only."""
    return QrPipeline(
        [step for step in steps_without_unwarping() if not step.variant.startswith("region")]
    )


def _angle_apart(first: float, second: float) -> float:
    apart = abs(first - second) % 180
    return min(apart, 180 - apart)


@pytest.mark.parametrize(("length", "angle"), [(9, 20), (11, 75), (13, 130), (12, 165)])
def test_the_likeliest_streak_is_the_motion_blur(length: int, angle: float) -> None:
    frame = motion_blurred(cluttered_frame(ID_NUMBER, 5.0, 10, seed=3), length, angle)
    code = frame[150:330, 230:410]
    streak = likely_streaks(code, 1)[0]
    assert abs(streak.length - length) <= 1.5
    assert _angle_apart(streak.angle, angle) <= 8


def test_deconvolution_brings_a_smeared_region_back_towards_the_sharp_one() -> None:
    sharp = cluttered_frame(ID_NUMBER, 5.0, 10, seed=3)[150:330, 230:410]
    smeared = motion_blurred(sharp, 11, 75)
    spectrum = RegionSpectrum(smeared)
    restored = spectrum.deconvolve(streak_kernel(Streak(11, 75)), 0.005)
    crosswise = spectrum.deconvolve(streak_kernel(Streak(11, 165)), 0.005)
    inner = (slice(20, -20), slice(20, -20))  # away from the edges the FFT wraps round

    def error(image: Grey) -> float:
        return float(np.abs(image[inner].astype(float) - sharp[inner]).mean())

    assert error(restored) < 0.7 * error(smeared)
    assert error(restored) < 0.7 * error(crosswise)


@pytest.mark.parametrize(("length", "angle"), [(11, 20), (11, 130), (13, 75)])
def test_a_motion_blurred_id_is_read_only_after_deblurring(
    pipeline: QrPipeline, whole_frame_only: QrPipeline, length: int, angle: float
) -> None:
    frame = motion_blurred(cluttered_frame(ID_NUMBER, 5.0, 10, seed=3), length, angle)
    assert whole_frame_only.decode(frame) is None
    found = pipeline.decode(frame)
    assert found is not None and found.text == ID_NUMBER
    assert "motion_deblurred" in found.step


def test_an_out_of_focus_code_is_read_only_after_deblurring(
    pipeline: QrPipeline, whole_frame_only: QrPipeline
) -> None:
    frame = focus_blurred(cluttered_frame(TRACKING, 3.0, 8, seed=4), 1.8)
    assert whole_frame_only.decode(frame) is None
    found = pipeline.decode(frame)
    assert found is not None and found.text == TRACKING
    assert found.step == "region_focus_deblurred_enlarged"


def test_blurred_frames_give_their_own_code_or_nothing(pipeline: QrPipeline) -> None:
    """Deblurring guesses; a wrong guess must cost a miss, never another code's text."""
    rng = np.random.default_rng(7)
    outcomes = []
    for attempt in range(16):
        text = f"{TRACKING[:-4]}{attempt:04d}" if attempt % 4 else f"{ID_NUMBER[:-4]}{attempt:04d}"
        module_px, turn = float(rng.uniform(2.5, 5)), float(rng.uniform(-15, 15))
        frame = cluttered_frame(text, module_px, turn, attempt)
        if attempt % 2:
            frame = motion_blurred(frame, int(rng.integers(6, 15)), float(rng.uniform(0, 180)))
        else:
            frame = focus_blurred(frame, float(rng.uniform(1.4, 3.0)))
        found = pipeline.decode(sensor_noise(frame, 3, attempt))
        assert found is None or found.text == text
        outcomes.append("missed" if found is None else found.step)
    # Both kinds happened: guesses that read the code, and frames where every guess failed.
    assert "missed" in outcomes
    assert any("deblurred" in outcome for outcome in outcomes)
