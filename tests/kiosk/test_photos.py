"""Document photos are judged as they will be sent: too dark, no document, blurred, too large."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from kiosk.photos import MAX_PHOTO_BYTES, PhotoProblem, assess_photo, media_type_of


def page(width: int = 1280, height: int = 960) -> np.ndarray:
    """A grey desk with a printed page in the middle, as the kiosk camera sees a hukou page."""
    image = np.full((height, width), 120, np.uint8)
    cv2.rectangle(image, (width // 6, height // 8), (width * 5 // 6, height * 7 // 8), 235, -1)
    for line, y in enumerate(range(height // 8 + 60, height * 7 // 8 - 20, 40)):
        text = "Household register 110101 Name Address"[: 22 + line % 14]
        cv2.putText(image, text, (width // 6 + 40, y), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 30, 2)
    return image


def jpeg(image: np.ndarray, quality: int = 85) -> bytes:
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return bytes(encoded)


def test_a_sharp_page_is_kept() -> None:
    verdict = assess_photo(jpeg(page()))

    assert verdict.problem is None
    assert verdict.measures is not None and verdict.measures.brightness > 100


def test_a_covered_lens_is_too_dark() -> None:
    assert assess_photo(jpeg((page() * 0.1).astype(np.uint8))).problem is PhotoProblem.TOO_DARK


def test_an_empty_desk_is_no_document() -> None:
    rng = np.random.default_rng(4)
    desk = np.clip(rng.normal(150, 4, (960, 1280)), 0, 255).astype(np.uint8)

    assert assess_photo(jpeg(desk)).problem is PhotoProblem.NO_DOCUMENT


@pytest.mark.parametrize("sigma", [2.5, 4.0, 8.0, 16.0])
def test_a_shaken_photo_is_blurred(sigma: float) -> None:
    shaken = cv2.GaussianBlur(page(), (0, 0), sigma)

    assert assess_photo(jpeg(shaken)).problem is PhotoProblem.BLURRED


def test_the_measures_do_not_depend_on_the_camera_resolution() -> None:
    assert assess_photo(jpeg(page(640, 480))).problem is None
    assert assess_photo(jpeg(page(1920, 1440))).problem is None


def test_a_photo_over_the_size_cap_is_refused() -> None:
    rng = np.random.default_rng(1)
    noise = rng.integers(0, 255, (1200, 1600), dtype=np.uint8)
    data = jpeg(noise, 95)

    assert len(data) > MAX_PHOTO_BYTES
    assert assess_photo(data).problem is PhotoProblem.TOO_LARGE


@pytest.mark.parametrize("data", [b"", b"GIF89a....", b"\xff\xd8\xff" + b"\x00" * 50])
def test_what_is_not_a_readable_jpeg_or_webp_is_not_an_image(data: bytes) -> None:
    assert assess_photo(data).problem is PhotoProblem.NOT_AN_IMAGE


def test_the_media_type_is_read_from_the_first_bytes() -> None:
    assert media_type_of(jpeg(page())) == "image/jpeg"
    assert media_type_of(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert media_type_of(b"\x89PNG") is None
