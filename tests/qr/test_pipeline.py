"""The kiosk's QR pipeline on rendered codes, including what zbar alone gets wrong."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from kiosk.qr import QrPipeline, Step
from kiosk.qr.decoders import ZbarDecoder, ZxingDecoder
from kiosk.qr.payload_text import payload_text
from kiosk.qr.preprocess import VARIANTS, FrameVariants
from tests.qr.codes import in_frame, png_to_grey, qr_png

NAMES = ["José García", "Zoë Łukasz", "张三", "阿依古丽·买买提"]


@pytest.fixture(scope="module")
def pipeline() -> QrPipeline:
    return QrPipeline()


@pytest.mark.parametrize("name", NAMES)
def test_non_ascii_names_without_eci_read_correctly(pipeline: QrPipeline, name: str) -> None:
    found = pipeline.decode(in_frame(qr_png(name)))
    assert found is not None and found.text == name


@pytest.mark.parametrize("decoder", [ZxingDecoder(), ZbarDecoder()], ids=["zxing", "zbar"])
def test_each_decoder_reads_inverted_codes_and_utf8(decoder: ZxingDecoder | ZbarDecoder) -> None:
    assert decoder.decode(png_to_grey(qr_png("José", inverted=True))) == ["José"]


def test_a_blurred_code_is_read_by_a_later_step(pipeline: QrPipeline) -> None:
    text = "DEMO01-20261127-0042-" + "A" * 60
    sharp = in_frame(qr_png(text, box_size=3))
    blurred = np.asarray(cv2.GaussianBlur(sharp, (0, 0), 1.6), dtype=np.uint8)
    plain_only = QrPipeline([Step("plain", ZxingDecoder())])
    found = pipeline.decode(blurred)
    assert found is not None and found.text == text
    if plain_only.decode(blurred) is None:
        assert found.step != "plain"


def test_an_empty_frame_gives_none(pipeline: QrPipeline) -> None:
    rng = np.random.default_rng(1)
    frame = rng.integers(0, 255, (480, 640), dtype=np.uint8)
    assert pipeline.decode(frame) is None


def test_bad_input_is_a_programming_error(pipeline: QrPipeline) -> None:
    with pytest.raises(ValueError):
        pipeline.decode(np.zeros((480, 640, 3), dtype=np.uint8))


def test_every_variant_keeps_greyscale() -> None:
    frame = FrameVariants(in_frame(qr_png("x")))
    for name in VARIANTS:
        image = frame.get(name)
        assert image is not None, name  # the code stands out, so region variants apply
        assert image.dtype == np.uint8 and image.ndim == 2
        assert frame.get(name) is image  # computed once


def test_region_variants_do_not_apply_to_a_featureless_frame() -> None:
    frame = FrameVariants(np.full((480, 640), 128, dtype=np.uint8))
    assert frame.get("region_motion_deblurred_enlarged") is None
    assert frame.get("sharpened") is not None
    assert QrPipeline().decode(frame.image("plain")) is None


def test_payload_text_refuses_what_it_cannot_decode() -> None:
    assert payload_text("张三".encode("gb18030")) == "张三"
    assert payload_text("José".encode()) == "José"
    assert payload_text(b"\xff\xfe\xfd") is None
    assert payload_text(b"\x00\x01") is None
