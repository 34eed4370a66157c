"""Finding the code's region in a cluttered frame, even when the code is too blurred to read."""

from __future__ import annotations

import numpy as np
import pytest

from kiosk.qr.region import locate_code
from tests.qr.codes import cluttered_frame, motion_blurred

ID_NUMBER = "110105194912310021"


@pytest.mark.parametrize("blur", [0, 13])
def test_the_region_holds_the_code_and_little_else(blur: int) -> None:
    frame = cluttered_frame(ID_NUMBER, module_px=5.0, angle=10, seed=3)
    if blur:
        frame = motion_blurred(frame, blur, 75)
    region = locate_code(frame)
    assert region is not None
    # The code (29 modules with its quiet zone, 145 px, turned 10°) is centred at (320, 240).
    assert region.left < 320 - 72 and region.left + region.width > 320 + 72
    assert region.top < 240 - 72 and region.top + region.height > 240 + 72
    assert region.width * region.height < 0.25 * frame.size


def test_a_featureless_frame_has_no_region() -> None:
    assert locate_code(np.full((480, 640), 90, dtype=np.uint8)) is None


def test_a_tiny_image_has_no_region() -> None:
    assert locate_code(np.zeros((40, 40), dtype=np.uint8)) is None
